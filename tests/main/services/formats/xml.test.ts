// A file that is not well-formed XML is refused in plain words: where (line and column) and which kind
// of damage, never the parser's internals. Found by the hostile-archive run (seed 569969): a byte flipped
// in an EPUB's META-INF/container.xml was refused as "readTagExp returned undefined at position 113".
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ImportError } from '../../../../src/main/services/formats/types'
import { parseXml } from '../../../../src/main/services/formats/xml'

const FIXTURES = join(__dirname, '../../../fixtures/import')
const PLAIN = /^.+ is not well-formed XML( \(line \d+, column \d+\))?: (its|an|a) [^\n]+$/

function reasonOf(xml: string, what = 'test.xml'): string | null {
  try {
    parseXml(xml, what)
    return null
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    return (e as Error).message
  }
}

describe('parseXml reasons', () => {
  // The container of the fixture EPUBs, as the hostile-archive run flipped it: one bit turns the space
  // after <container into '"'.
  const container =
    '<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n' +
    '  <rootfiles>\n    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>\n  </rootfiles>\n</container>\n'

  it('names the line and column of the damage, not the parser function', () => {
    const reason = reasonOf(container.slice(0, 32) + '"' + container.slice(33), 'META-INF/container.xml')
    expect(reason).toBe('META-INF/container.xml is not well-formed XML (line 2, column 1): its markup is damaged')
  })

  it('says when a tag is never closed', () => {
    expect(reasonOf(container.replace('</container>\n', '</container'))).toBe('test.xml is not well-formed XML: a tag, comment or CDATA section is never closed')
    expect(reasonOf(container.replace('<?xml version="1.0"?>', '<?xml version="1.0"'))).toMatch(/never closed$/)
  })

  it('every byte flip of real feed and NewsML fixtures is parsed or refused in plain words', () => {
    const files = [
      ...readdirSync(join(FIXTURES, 'feeds')).map((f) => join(FIXTURES, 'feeds', f)),
      ...readdirSync(join(FIXTURES, 'newsml')).map((f) => join(FIXTURES, 'newsml', f))
    ].filter((f) => /\.(xml|rss|atom|opml)$/.test(f))
    expect(files.length).toBeGreaterThan(3)
    let seed = 569969
    const next = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed)
    let refused = 0
    const bad: string[] = []
    for (const file of files) {
      const text = readFileSync(file, 'utf8').slice(0, 4000)
      for (let i = 0; i < 40; i++) {
        const at = next() % text.length
        const flipped = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << next() % 7)) + text.slice(at + 1)
        const reason = reasonOf(flipped)
        if (reason === null) continue
        refused++
        if (!PLAIN.test(reason) || /undefined|readTagExp|\[object/.test(reason)) bad.push(`${file}@${at}: ${reason}`)
      }
    }
    expect(refused).toBeGreaterThan(0)
    expect(bad).toEqual([])
  })
})
