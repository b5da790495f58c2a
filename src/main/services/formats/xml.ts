// XML helpers: one hardened fast-xml-parser configuration (entity expansion capped, nesting capped)
// and a scanner that slices the verbatim source of repeated elements (<item>, <entry>) for rawText.
import { XMLParser } from 'fast-xml-parser'
import { ImportError } from './types'

export function parseXml(xml: string, what: string): Record<string, unknown> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // DOCTYPE entities are expanded only within small budgets (billion-laughs / XXE never reach a resolver).
    processEntities: { enabled: true, maxEntityCount: 50, maxTotalExpansions: 1000, maxExpandedLength: 100_000 },
    htmlEntities: false,
    maxNestedTags: 200
  })
  // Deliberately lenient (no up-front validation): real feeds carry bare '&' and similar slips.
  try {
    return parser.parse(xml) as Record<string, unknown>
  } catch (e) {
    throw new ImportError('parse-error', notWellFormed(xml, what, (e as Error).message), { format: 'xml' })
  }
}

/**
 * The parser's messages name its internals ("readTagExp returned undefined at position 113"), so the
 * reason is said in plain words: where in the file (line and column, when the parser gave a place) and
 * which kind of damage, never the parser's text.
 */
export function notWellFormed(xml: string, what: string, parserMessage: string): string {
  const at = /\bposition (\d+)/.exec(parserMessage)
  const lineCol = /\bat (\d+):(\d+)\b/.exec(parserMessage)
  let where = ''
  if (at) {
    const offset = Math.min(Number(at[1]), xml.length)
    const before = xml.slice(0, offset)
    const line = before.split('\n').length
    where = ` (line ${line}, column ${offset - before.lastIndexOf('\n')})`
  } else if (lineCol) where = ` (line ${lineCol[1]}, column ${lineCol[2]})`
  const kind = /nested tags/i.test(parserMessage)
    ? 'its elements nest deeper than 200 levels'
    : /entit/i.test(parserMessage)
      ? 'its entity declarations are unsupported or expand beyond the safe limit'
      : /not closed|end of|ending/i.test(parserMessage)
        ? 'a tag, comment or CDATA section is never closed'
        : /unpaired/i.test(parserMessage)
          ? 'an element is closed by the wrong tag'
          : 'its markup is damaged'
  return `${what} is not well-formed XML${where}: ${kind}`
}

/**
 * Verbatim source of each `<tag …>…</tag>` (any prefix), skipping CDATA and comments so markup inside
 * content:encoded cannot end an item early. Elements of this name are assumed not to nest (true for item/entry).
 */
export function sliceElements(xml: string, localName: string): string[] {
  const out: string[] = []
  const open = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s>/])`, 'g')
  const close = new RegExp(`</(?:[\\w.-]+:)?${localName}\\s*>`, 'y')
  let m: RegExpExecArray | null
  while ((m = open.exec(xml)) !== null) {
    const start = m.index
    let i = start + m[0].length
    let end = -1
    while (i < xml.length) {
      const lt = xml.indexOf('<', i)
      if (lt === -1) break
      if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt)
        if (e === -1) break
        i = e + 3
        continue
      }
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt)
        if (e === -1) break
        i = e + 3
        continue
      }
      close.lastIndex = lt
      const c = close.exec(xml)
      if (c) {
        end = lt + c[0].length
        break
      }
      i = lt + 1
    }
    if (end === -1) break
    out.push(xml.slice(start, end))
    open.lastIndex = end
  }
  return out
}

/** Inner source of the first `<tag>` element in a snippet (for XHTML/NITF bodies kept as markup). */
export function innerXml(xml: string, localName: string): string | null {
  const el = sliceElements(xml, localName)[0]
  if (!el) return null
  const gt = el.indexOf('>')
  const lt = el.lastIndexOf('</')
  if (gt === -1 || lt <= gt) return ''
  return el.slice(gt + 1, lt)
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/**
 * Character data of an element's source: CDATA sections verbatim, the five XML entities and character
 * references decoded once (so escaped HTML becomes HTML, and `&amp;#32;` stays an HTML reference).
 * Decoded here rather than by the parser, whose expansion budget is for DOCTYPE entities and counts
 * every `&lt;` of an escaped HTML body against it.
 */
export function xmlCharData(inner: string): string {
  let out = ''
  let i = 0
  while (i < inner.length) {
    const cd = inner.indexOf('<![CDATA[', i)
    const end = cd === -1 ? inner.length : cd
    out += inner.slice(i, end).replace(/&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return XML_ENTITIES[name] ?? m
      const cp = dec ? Number(dec) : parseInt(hex ?? '', 16)
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m
    })
    if (cd === -1) break
    const close = inner.indexOf(']]>', cd + 9)
    out += inner.slice(cd + 9, close === -1 ? inner.length : close)
    i = close === -1 ? inner.length : close + 3
  }
  return out
}

/** The first `<tag>` of a snippet: its attribute source and its inner source, or null. */
export function firstElement(xml: string, localName: string): { attrs: string; inner: string } | null {
  const el = sliceElements(xml, localName)[0]
  if (el === undefined) {
    // Self-closing (<content src="…"/>): no body.
    const m = new RegExp(`<(?:[\\w.-]+:)?${localName}(\\s[^>]*)?/>`).exec(xml)
    return m ? { attrs: m[1] ?? '', inner: '' } : null
  }
  const gt = el.indexOf('>')
  const lt = el.lastIndexOf('</')
  return { attrs: el.slice(el.indexOf(localName) + localName.length, gt), inner: gt === -1 || lt <= gt ? '' : el.slice(gt + 1, lt) }
}

/** The value of one attribute in an attribute source string. */
export function attrOf(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs)
  return m ? xmlCharData(m[1] ?? m[2] ?? '') : null
}

/** The snippet without these elements (any prefix), so the parser never sees large escaped bodies. */
export function withoutElements(xml: string, localNames: string[]): string {
  let out = xml
  for (const n of localNames) for (const el of sliceElements(out, n)) out = out.replace(el, '')
  return out.replace(new RegExp(`<(?:[\\w.-]+:)?(?:${localNames.join('|')})(?:\\s[^>]*)?/>`, 'g'), '')
}
