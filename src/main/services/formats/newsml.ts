// IPTC NewsML-G2 news items (and newsMessage bundles of them) and NITF documents, standalone or
// inside G2 inlineXML. A G2 packageItem only references other items, so it is reported as links-only.
import { ImportError, type FormatModule, type ParseContext, type ParsedArticle } from './types'
import { asArray, baseTitle, buildArticle, extOf, isObj, textOf, toIsoDate, type Loose } from './common'
import { innerXml, parseXml, sliceElements } from './xml'

function names(v: unknown): string[] {
  return asArray(v)
    .filter(isObj)
    .map((s) => textOf(asArray(s.name)[0]) ?? textOf(s['@_qcode']))
    .filter((s): s is string => !!s)
}

/** NITF → article fields; `raw` is the <nitf> source (or the fragment around it). */
function fromNitf(nitfXml: string, raw: string, name: string, encoding: string, ctx?: ParseContext, outer?: Partial<Loose>): ParsedArticle {
  const doc = parseXml(nitfXml, 'the NITF document')
  const nitf = isObj(doc.nitf) ? doc.nitf : {}
  const head = isObj(nitf.head) ? nitf.head : {}
  const body = isObj(nitf.body) ? nitf.body : {}
  const bhead = isObj(body['body.head']) ? body['body.head'] : {}
  const hedline = isObj(bhead.hedline) ? bhead.hedline : {}
  const byline = bhead.byline
  const byText = isObj(byline) ? (textOf(byline.person) ?? textOf(byline['#text']) ?? textOf(byline.byttl)) : textOf(byline)
  const dateline = isObj(bhead.dateline) ? (textOf(bhead.dateline.location) ?? textOf(bhead.dateline['#text'])) : textOf(bhead.dateline)
  const docdata = isObj(head.docdata) ? head.docdata : {}
  const subjects = asArray(isObj(docdata['key-list']) ? docdata['key-list'].keyword : undefined)
    .map((k) => (isObj(k) ? textOf(k['@_key']) : null))
    .concat(asArray(head.tobject).filter(isObj).flatMap((t) => asArray(t['tobject.subject']).filter(isObj).map((s) => textOf(s['@_tobject.subject.matter']) ?? textOf(s['@_tobject.subject.type']))))
    .filter((s): s is string => !!s)
  const issued = isObj(docdata['date.issue']) ? textOf(docdata['date.issue']['@_norm']) : null
  // Keep the body markup (p, hl2, table…) as HTML; the abstract leads, as it does in print.
  const abstract = innerXml(nitfXml, 'abstract') ?? ''
  const content = innerXml(nitfXml, 'body.content') ?? ''
  const title = textOf(hedline.hl1) ?? textOf(head.title) ?? (outer?.headline as string | undefined) ?? null
  return buildArticle(
    {
      rawText: raw,
      rawFormat: outer ? 'newsml' : 'nitf',
      encoding,
      title,
      fallbackTitle: baseTitle(name),
      source: (outer?.source as string | null | undefined) ?? null,
      url: null,
      author: byText ?? (outer?.author as string | null | undefined) ?? null,
      publishedAt: toIsoDate(issued) ?? ((outer?.publishedAt as string | null | undefined) ?? null),
      tags: [...subjects, ...((outer?.tags as string[] | undefined) ?? [])],
      body: { kind: 'html', html: `${abstract}${content}` },
      extraRemoved: dateline || outer?.dateline ? { dateline: dateline ?? outer?.dateline } : {}
    },
    ctx
  )
}

function fromNewsItem(raw: string, name: string, encoding: string, ctx?: ParseContext): ParsedArticle {
  const doc = parseXml(raw, 'the NewsML-G2 newsItem')
  const item = isObj(doc.newsItem) ? doc.newsItem : {}
  const cm = isObj(item.contentMeta) ? item.contentMeta : {}
  const im = isObj(item.itemMeta) ? item.itemMeta : {}
  const headline = textOf(asArray(cm.headline)[0])
  const located = isObj(cm.located) ? textOf(asArray(cm.located.name)[0]) : null
  const outer: Loose = {
    headline,
    author: names(cm.creator)[0] ?? null,
    dateline: textOf(cm.dateline) ?? located,
    tags: names(cm.subject),
    publishedAt: toIsoDate(textOf(cm.contentCreated) ?? textOf(im.firstCreated) ?? textOf(im.versionCreated)),
    source: isObj(item.rightsInfo) && isObj(item.rightsInfo.copyrightHolder) ? textOf(item.rightsInfo.copyrightHolder.name) : null
  }
  const inline = sliceElements(raw, 'inlineXML')[0] ?? ''
  if (/<(?:[\w-]+:)?nitf[\s>]/.test(inline)) {
    const nitf = sliceElements(inline, 'nitf')[0] ?? ''
    return fromNitf(nitf, raw, name, encoding, ctx, outer)
  }
  const xhtmlBody = innerXml(inline, 'body')
  const plain = textOf(isObj(item.contentSet) ? item.contentSet.inlineData : undefined)
  if (!xhtmlBody?.trim() && !plain) {
    throw new ImportError('empty', `NewsML-G2 newsItem "${headline ?? baseTitle(name)}" has no inline article content (inlineXML/inlineData is empty)`, { what: 'record' })
  }
  return buildArticle(
    {
      rawText: raw,
      rawFormat: 'newsml',
      encoding,
      title: headline,
      fallbackTitle: baseTitle(name),
      source: outer.source as string | null,
      url: null,
      author: outer.author as string | null,
      publishedAt: outer.publishedAt as string | null,
      tags: outer.tags as string[],
      body: xhtmlBody?.trim() ? { kind: 'html', html: xhtmlBody } : { kind: 'text', text: plain ?? '' },
      extraRemoved: outer.dateline ? { dateline: outer.dateline } : {}
    },
    ctx
  )
}

export const newsmlFormat: FormatModule = {
  id: 'newsml',
  label: 'NewsML-G2 / NITF',
  extensions: ['xml', 'nitf'],
  detect(name, head) {
    return /<(?:[\w-]+:)?(?:newsItem|packageItem|newsMessage|nitf)[\s>]|<inlineXML[^>]*nitf/.test(head) || extOf(name) === 'nitf'
  },
  parse(name, text, encoding, ctx) {
    const packages = sliceElements(text, 'packageItem')
    const items = sliceElements(text, 'newsItem')
    if (items.length > 0) {
      const out: ParsedArticle[] = []
      for (const raw of items) out.push(fromNewsItem(raw, name, encoding, ctx))
      return out
    }
    if (packages.length > 0) {
      const refs = packages.reduce((n, p) => n + (p.match(/<(?:[\w-]+:)?itemRef[\s>]/g) ?? []).length, 0)
      throw new ImportError('links-only', `NewsML-G2 package that references ${refs} items by id and contains no article content`)
    }
    const nitfs = sliceElements(text, 'nitf')
    if (nitfs.length > 0) return nitfs.map((n) => fromNitf(n, nitfs.length === 1 ? text : n, name, encoding, ctx))
    throw new ImportError('unsupported', 'IPTC XML without a newsItem or NITF document', { what: 'iptc' })
  }
}
