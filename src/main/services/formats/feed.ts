// RSS 0.9x/1.0/2.0 and Atom feeds: one article per item that carries text (content:encoded, <content>,
// or a description/summary), and every other item reported by name (`file#n`): link-only when it has a
// link but no text, failed otherwise. Each item is parsed from its own verbatim slice, which is also its
// rawText. OPML is a subscription list: links-only, with its feeds as the links.
import { ImportError, type FormatModule, type ParseContext, type RawFormat } from './types'
import { asArray, baseTitle, buildArticle, extOf, firstString, isObj, looksLikeHtml, textOf, toIsoDate, type Loose } from './common'
import { codeOf, ItemCollector, LinksOnlyDocument, type LinkRecord, type ParsedItems } from './items'
import { attrOf, firstElement, parseXml, sliceElements, withoutElements, xmlCharData } from './xml'

/** Elements that hold an item's body; read from the source, never through the XML parser. */
const BODY_ELEMENTS = ['content', 'summary', 'encoded', 'description']

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

type Body = { kind: 'html'; html: string } | { kind: 'text'; text: string }

/** Atom content/summary by its `type`: text is text, html is escaped HTML, xhtml is inline markup. */
function atomBody(raw: string, name: 'content' | 'summary'): Body | null {
  const el = firstElement(raw, name)
  if (!el || attrOf(el.attrs, 'src')) return null
  const type = (attrOf(el.attrs, 'type') ?? 'text').toLowerCase()
  if (type === 'xhtml' || type.includes('xhtml') || (type === 'text' && /^\s*<(?:[\w.-]+:)?div[\s>]/.test(el.inner))) {
    const html = el.inner.trim()
    return html ? { kind: 'html', html } : null
  }
  const value = xmlCharData(el.inner).trim()
  if (!value) return null
  return type === 'html' || type.includes('html') ? { kind: 'html', html: value } : { kind: 'text', text: value }
}

/** RSS bodies are HTML by convention (escaped or in CDATA); one without any markup is read as text. */
function rssBody(raw: string): Body | null {
  for (const name of ['encoded', 'description']) {
    const el = firstElement(raw, name)
    const value = el ? xmlCharData(el.inner).trim() : ''
    if (value) return looksLikeHtml(value) ? { kind: 'html', html: value } : { kind: 'text', text: value }
  }
  return null
}

function feedTitleOf(text: string, firstItem: string | undefined, isAtom: boolean): string | null {
  const headXml = firstItem ? text.slice(0, text.indexOf(firstItem)) + (isAtom ? '</feed>' : '</channel></rss>') : text
  try {
    const r = root(parseXml(withoutElements(headXml, BODY_ELEMENTS.concat('subtitle')), 'the feed header'))
    const channel = isObj(r.channel) ? r.channel : r
    return textOf(channel.title)
  } catch {
    return /<title[^>]*>(?:<!\[CDATA\[)?\s*([^<\]]+)/i.exec(headXml)?.[1]?.trim() ?? null
  }
}

function opmlLinks(name: string, text: string): LinkRecord[] {
  const links: LinkRecord[] = []
  for (const m of text.matchAll(/<outline\b([^>]*)>/gi)) {
    const attrs = m[1] ?? ''
    const url = attrOf(attrs, 'xmlUrl')
    // Liferea's search folders (xmlUrl="vfolder") are saved searches, not feeds.
    if (!url || !/^[a-z][\w+.-]*:\/\//i.test(url)) continue
    links.push({ item: `${name}#${links.length + 1}`, title: attrOf(attrs, 'title') || attrOf(attrs, 'text') || null, url, tags: [], note: attrOf(attrs, 'description') || null, savedAt: null })
  }
  return links
}

export function parseFeed(name: string, text: string, encoding: string, ctx?: ParseContext): ParsedItems {
  if (/<opml[\s>]/i.test(text.slice(0, 4096))) {
    const links = opmlLinks(name, text)
    throw new LinksOnlyDocument('feed subscription list (OPML), no articles', links)
  }
  const isAtom = /<feed[\s>]/.test(text.slice(0, 4096)) && !/<rss[\s>]/.test(text.slice(0, 4096))
  const rawFormat: RawFormat = isAtom ? 'atom' : 'rss'
  const itemTag = isAtom ? 'entry' : 'item'
  const slices = sliceElements(text, itemTag)
  if (slices.length === 0) {
    if (new RegExp(`<(?:[\\w.-]+:)?${itemTag}[\\s>]`).test(text)) {
      throw new ImportError('parse-error', `truncated or malformed feed: an <${itemTag}> never closes`, { format: 'feed' })
    }
    throw new ImportError('empty', `${isAtom ? 'Atom' : 'RSS'} feed with no items`, { what: 'feed' })
  }
  const feedTitle = feedTitleOf(text, slices[0], isAtom)

  const items = new ItemCollector(name)
  slices.forEach((raw, i) => {
    const n = i + 1
    // media:content/media:description are attachments, not the body.
    const own = raw.replace(/<media:(\w+)\b[^>]*\/>/g, '').replace(/<media:(\w+)\b[\s\S]*?<\/media:\1\s*>/g, '')
    let item: Loose
    try {
      item = root(parseXml(withoutElements(own, BODY_ELEMENTS), `item ${n}`))
    } catch (e) {
      items.failed(n, /<title[^>]*>([^<]{1,200})/.exec(own)?.[1]?.trim() ?? null, (e as Error).message, ...codeOf(e))
      return
    }
    const title = textOf(item.title)
    const url = isAtom ? atomLink(item) : (textOf(item.link) ?? (isObj(item.guid) && item.guid['@_isPermaLink'] !== 'false' ? textOf(item.guid) : typeof item.guid === 'string' && /^https?:/.test(item.guid) ? item.guid : null))
    const publishedAt = toIsoDate(firstString(item, ['pubDate', 'published', 'date', 'issued', 'updated', 'modified']))
    const tags = categories(item)
    const body = isAtom ? (atomBody(own, 'content') ?? atomBody(own, 'summary')) : rssBody(own)
    const asLink = (): boolean => {
      if (!url) return false
      items.link(n, { title, url, tags, note: null, savedAt: publishedAt })
      return true
    }
    if (!body) {
      if (!asLink()) items.failed(n, title, 'an item with neither text nor a link', 'empty', { what: 'record' })
      return
    }
    try {
      items.article(
        n,
        buildArticle(
          {
            rawText: raw,
            rawFormat,
            encoding,
            title,
            fallbackTitle: title ?? url ?? `${baseTitle(name)} #${n}`,
            source: feedTitle,
            url,
            author: authorOf(item),
            publishedAt,
            tags,
            body: body.kind === 'html' ? body : { kind: 'text', text: body.text }
          },
          ctx
        )
      )
    } catch (e) {
      // A body that cleans to nothing (an image, a share bar) leaves the item's link.
      if (e instanceof ImportError && e.code === 'empty' && asLink()) return
      items.failed(n, title, (e as Error).message, ...codeOf(e))
    }
  })
  return items.result(`${isAtom ? 'Atom' : 'RSS'} feed with ${slices.length} items`)
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
  parse: parseFeed
}

