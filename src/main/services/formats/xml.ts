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
    throw new ImportError('parse-error', `${what} is not well-formed XML: ${(e as Error).message.slice(0, 200)}`)
  }
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
