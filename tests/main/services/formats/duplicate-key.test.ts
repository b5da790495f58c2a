// Issue 11, finding 2: duplicates are decided on title plus text, so items with the same short body are
// not "duplicates" of one another, while a Traditional copy of the same article still is.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { prepareArticle } from '../../../../src/main/services/import-pipeline/prepare'
import { fixture } from '../../../helpers/import'

describe('duplicate key: title plus text', () => {
  it('feed entries sharing one short body stay distinct', () => {
    // The real heise feed with every body reduced to the same line, as Reddit's link posts are.
    const heise = fixture('feeds/rss-parser__heise.atom').toString('utf8')
    const same = heise.replace(/<content type="html"><!\[CDATA\[[\s\S]*?\]\]><\/content>/g, '<content type="html">&lt;p&gt;submitted by to&lt;/p&gt;</content>')
    const arts = parseFile('same-body.atom', Buffer.from(same))
    const hashes = new Set(arts.map((a) => prepareArticle(a).hash))
    console.log(`${arts.length} entries with one shared body → ${hashes.size} distinct keys`)
    expect(arts.every((a) => a.text === 'submitted by to')).toBe(true)
    expect(hashes.size).toBe(arts.length)
  })

  it('the same article in Simplified and Traditional is still one key; a different title is not', () => {
    const a = parseFile('s.md', Buffer.from('# 国务院发布新规定\n\n国务院今天发布了关于网络安全的新规定。'))[0]!
    const b = parseFile('t.md', Buffer.from('# 國務院發佈新規定\n\n國務院今天發佈了關於網絡安全的新規定。'))[0]!
    const c = { ...a, title: '另一篇' }
    expect(prepareArticle(a).hash).toBe(prepareArticle(b).hash)
    expect(prepareArticle(c).hash).not.toBe(prepareArticle(a).hash)
  })
})
