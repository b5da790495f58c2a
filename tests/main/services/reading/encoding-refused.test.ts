// Issue 11, finding 6: EUC-TW (and any bytes no codec decodes confidently) is refused by name instead of
// imported as mojibake; a decode with private-use characters or an implausible distribution is refused.
// The EUC-TW files are the real Big5 coolloud.org.tw feed converted with glibc iconv (see PROVENANCE.md).
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { decodeBytes, implausibleDecode } from '../../../../src/main/services/reading/encoding'
import { fixture, thrown } from '../../../helpers/import'

describe('EUC-TW and implausible decodes', () => {
  it.each(['encodings/derived__EUC-TW__coolloud.org.tw.xml', 'encodings/derived__EUC-TW__coolloud-undeclared.xml'])('%s is refused by name', (f) => {
    const bytes = fixture(f)
    // What importing it used to give: GB18030 "text" full of private-use characters.
    const mojibake = iconv.decode(bytes, 'gb18030')
    const pua = (mojibake.match(/[\uE000-\uF8FF]/g) ?? []).length
    const err = thrown(() => parseFile(f, bytes))
    console.log(`${f}: read as GB18030 it has ${pua} private-use characters → ${err.code}: ${err.message}`)
    expect(pua).toBeGreaterThan(0)
    expect(err).toMatchObject({ code: 'undecodable', message: expect.stringContaining('EUC-TW') })
  })

  it('a wrong-codec decode is implausible; the real files decode as before', () => {
    const gbAsBig5 = iconv.decode(fixture('encodings/chardet__GB2312__cnblog.org.xml'), 'big5hkscs')
    const why = implausibleDecode(gbAsBig5)
    console.log(`cnblog.org (GB2312) read as Big5: ${why}`)
    expect(why).toMatch(/implausible character distribution/)
    for (const [f, enc] of [
      ['encodings/chardet__GB2312__cnblog.org.xml', 'gb18030'],
      ['encodings/chardet__Big5__coolloud.org.tw.xml', 'big5-hkscs'],
      ['encodings/chardet__Big5__sinica.edu.tw.xml', 'big5-hkscs']
    ] as const) {
      expect(implausibleDecode(decodeBytes(fixture(f)).text)).toBeNull()
      expect(decodeBytes(fixture(f)).encoding).toBe(enc)
    }
  })
})
