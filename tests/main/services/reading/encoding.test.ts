// Encoding detection order (BOM → strict UTF-8 → declared → detector) on the real legacy-encoded
// files, and rejection of binary and undecodable input instead of importing mojibake.
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { decodeBytes } from '../../../../src/main/services/reading/encoding'
import { fixture, thrown } from '../../../helpers/import'

describe('real legacy-encoded files', () => {
  it.each([
    ['encodings/chardet__GB2312__acnnewswire.net.xml', 'gb18030', '中国银联'],
    ['encodings/chardet__GB2312__cnblog.org.xml', 'gb18030', '出版商'],
    ['encodings/chardet__GB2312__w3cn.org.xml', 'gb18030', '网页设计师'],
    ['encodings/chardet__GB2312___chromium_gb18030_with_no_encoding_specified.html.xml', 'gb18030', '中国航天科技集团公司总经理'],
    ['encodings/chardet__Big5__coolloud.org.tw.xml', 'big5-hkscs', '苦勞網'],
    ['encodings/chardet__Big5__sinica.edu.tw.xml', 'big5-hkscs', '線上演算法'],
    ['encodings/chardet__Big5__myblog.pchome.com.tw.xml', 'big5-hkscs', '<language>zh-tw</language>'],
    ['encodings/chardet__Big5___chromium_Big5_with_no_encoding_specified.html', 'big5-hkscs', '台北看守所昨天抽查前總統陳水扁的房舍'],
    ['encodings/chardet__UTF-16__bom-utf-16-le.srt', 'utf-16le', 'About 2 months ago I found myself'],
    ['encodings/rss-parser__encoding.rss', 'windows-1252', 'Jornal de Notícias - Últimas Notícias']
  ])('%s → %s', (file, encoding, word) => {
    const d = decodeBytes(fixture(file))
    expect(d.encoding).toBe(encoding)
    expect(d.text).toContain(word)
    expect(d.text).not.toContain('\uFFFD')
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff)
  })

  it('prefers valid UTF-8 over a lying <meta charset=gb2312>', () => {
    const d = decodeBytes(fixture('news_html/gne__163__9.html'))
    expect(d.encoding).toBe('utf-8')
    expect(d.text).toContain('京沪高速')
  })

  it('imports the GB2312 and Big5 feeds as articles with real Chinese text', () => {
    const gb = parseFile('encodings/chardet__GB2312__acnnewswire.net.xml', fixture('encodings/chardet__GB2312__acnnewswire.net.xml'))
    expect(gb.length).toBe(8)
    expect(gb[0]!.encoding).toBe('gb18030')
    expect(gb[0]!.text).toContain('国际付款品牌JCB')
    const big5 = parseFile('encodings/chardet__Big5__coolloud.org.tw.xml', fixture('encodings/chardet__Big5__coolloud.org.tw.xml'))
    expect(big5[0]!.encoding).toBe('big5-hkscs')
    expect(big5[0]!.source).toBe('苦勞網')
    expect(big5[0]!.text).toContain('自救會')
  })
})

describe('BOMs and UTF-16', () => {
  const sample = '標題\n第一段正文，有足夠的中文字。'
  it('UTF-8 BOM', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]))
    expect(d).toEqual({ text: sample, encoding: 'utf-8' })
  })
  it('UTF-16BE with BOM', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf-16be')]))
    expect(d).toEqual({ text: sample, encoding: 'utf-16be' })
  })
  it('UTF-16LE without BOM (mostly ASCII)', () => {
    const text = 'Plain ASCII news text, written by a Windows tool without a BOM. 中文.'
    expect(decodeBytes(iconv.encode(text, 'utf-16le'))).toEqual({ text, encoding: 'utf-16le' })
  })
  it('GB18030 four-byte characters survive', () => {
    const text = '<html><head><meta charset="gb2312"></head><body>𠮷野家和㐀字都在這裡，這是一段較長的正文。</body></html>'
    expect(decodeBytes(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' })
  })
})

describe('rejections', () => {
  it('empty file → empty', () => {
    expect(thrown(() => decodeBytes(new Uint8Array()))).toMatchObject({ code: 'empty' })
  })

  it('binary with a text extension → binary', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
    expect(thrown(() => parseFile('photo.txt', png))).toMatchObject({ code: 'binary', message: expect.stringContaining('PNG') })
    const nul = Buffer.from('some text\u0000\u0000\u0000 with NUL bytes in the middle\u0000\u0001\u0002', 'latin1')
    expect(thrown(() => parseFile('notes.txt', nul))).toMatchObject({ code: 'binary' })
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41 + (i % 26))))
    expect(thrown(() => parseFile('ctl.txt', controls))).toMatchObject({ code: 'binary' })
  })

  it('bytes that are valid in no supported encoding → undecodable, never mojibake', () => {
    const junk = Buffer.from(Array.from({ length: 600 }, (_, i) => [0xff, 0x80, 0x9d, 0x41, 0xfe, 0x85][i % 6]!))
    expect(thrown(() => parseFile('article.txt', junk))).toMatchObject({
      code: 'undecodable',
      message: 'not valid UTF-8 or any supported Chinese encoding'
    })
  })

  it('a declared charset that does not fit the bytes is not trusted', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="big5"?><rss>'), Buffer.from([0xff, 0xff, 0x80, 0x85, 0x9d, 0xff, 0xfe, 0x81])])
    expect(thrown(() => decodeBytes(bytes))).toMatchObject({ code: 'undecodable', message: expect.stringContaining('"big5"') })
  })
})
