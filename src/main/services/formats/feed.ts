// RSS 0.9x/1.0/2.0 and Atom feeds: one article per item that carries text (content:encoded, <content>,
// or a description/summary). Each item is parsed from its own verbatim slice, which is also its rawText.
// OPML is a subscription list: links-only.
import { ImportError, type FormatModule, type ParsedArticle, type RawFormat } from './types'
import { asArray, baseTitle, buildArticle, extOf, firstString, isObj, textOf, toIsoDate, type Loose } from './common'
import { innerXml, parseXml, sliceElements } from './xml'

function root(doc: Record<string, unknown>): Loose {
  for (const v of Object.values(doc)) if (isObj(v)) return v
  return {}
}

function atomLink(entry: Loose): string | null {
  const links = asArray(entry.link).filter(isObj)
  const alt = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0]
  return alt ? textOf(alt['@_href']) : textOf(entry.link)
}

function categories(item: Loose): string[] {
  return asArray(item.category)
    .concat(asArray(item.subject))
    .map((c) => (isObj(c) ? (textOf(c['@_term']) ?? textOf(c['@_label']) ?? textOf(c['#text'])) : textOf(c)))
    .filter((c): c is string => !!c)
}

function authorOf(item: Loose): string | null {
  for (const k of ['creator', 'author']) {
    const v = item[k]
    const t = isObj(v) ? (textOf(v.name) ?? textOf(v)) : textOf(v)
    if (t) return t
  }
  return null
}

export const feedFormat: FormatModule = {
  id: 'feed',
  label: 'RSS / Atom / OPML',
  extensions: ['rss', 'atom', 'rdf', 'opml', 'xml'],
  detect(name, head) {
    const ext = extOf(name)
    if (['rss', 'atom', 'opml', 'rdf'].includes(ext)) return true
    return /<(?:rss|feed|rdf:RDF|opml)[\s>]/i.test(head) && !/<(?:newsItem|packageItem|newsMessage|nitf)[\s>]/.test(head)
  },
  parse(name, text, encoding, ctx) {
    if (/<opml[\s>]/i.test(text.slice(0, 4096))) {
      const n = (text.match(/<outline\b[^>]*\bxmlUrl\s*=/gi) ?? []).length
      throw new ImportError('links-only', `feed subscription list (OPML) with ${n} feeds, no articles`)
    }
    const isAtom = /<feed[\s>]/.test(text.slice(0, 4096)) && !/<rss[\s>]/.test(text.slice(0, 4096))
    const rawFormat: RawFormat = isAtom ? 'atom' : 'rss'
    const itemTag = isAtom ? 'entry' : 'item'
    const slices = sliceElements(text, itemTag)

    // Feed-level title: parse the document without its items (cheap, and bounded by the header size).
    const headXml = slices.length > 0 && slices[0] ? text.slice(0, text.indexOf(slices[0])) + (isAtom ? '</feed>' : '</channel></rss>') : text
    let feedTitle: string | null = null
    try {
      const r = root(parseXml(headXml, 'the feed header'))
      const channel = isObj(r.channel) ? r.channel : r
      feedTitle = textOf(channel.title)
    } catch {
      feedTitle = /<title[^>]*>(?:<!\[CDATA\[)?\s*([^<\]]+)/i.exec(headXml)?.[1]?.trim() ?? null
    }
    if (slices.length === 0) {
      if (new RegExp(`<(?:[\\w.-]+:)?${itemTag}[\\s>]`).test(text)) {
        throw new ImportError('parse-error', `truncated or malformed feed: an <${itemTag}> never closes`)
      }
      throw new ImportError('empty', `${isAtom ? 'Atom' : 'RSS'} feed with no items`)
    }

    const out: ParsedArticle[] = []
    let withoutText = 0
    for (const raw of slices) {
      const item = root(parseXml(raw, `a feed ${itemTag}`))
      let html: string | null = null
      if (isAtom) {
        const content = item.content
        // Inline XHTML (type="xhtml", or Atom 0.3 "application/xhtml+xml") arrives as child elements: keep the markup.
        const hasChildren = isObj(content) && Object.keys(content).some((k) => k !== '#text' && !k.startsWith('@_'))
        if (isObj(content) && (content['@_type'] === 'xhtml' || hasChildren)) html = innerXml(raw, 'content')
        else html = textOf(content) ?? textOf(item.summary)
      } else {
        html = textOf(item.encoded) ?? textOf(item.description)
      }
      const title = textOf(item.title)
      const url = isAtom ? atomLink(item) : (textOf(item.link) ?? (isObj(item.guid) && item.guid['@_isPermaLink'] !== 'false' ? textOf(item.guid) : null))
      if (!html) {
        withoutText++
        continue
      }
      try {
        out.push(
          buildArticle(
            {
              rawText: raw,
              rawFormat,
              encoding,
              title,
              fallbackTitle: title ?? url ?? baseTitle(name),
              source: feedTitle,
              url,
              author: authorOf(item),
              publishedAt: toIsoDate(firstString(item, ['pubDate', 'published', 'date', 'issued', 'updated', 'modified'])),
              tags: categories(item),
              body: { kind: 'html', html }
            },
            ctx
          )
        )
      } catch (e) {
        if (e instanceof ImportError && e.code === 'empty') withoutText++
        else throw e
      }
    }
    if (out.length === 0) throw new ImportError('links-only', `feed with ${withoutText} items but none carries article text`)
    return out
  }
}
