// JSON, JSON Lines and Wallabag exports (tags, annotations), plus JSON we recognise but do not import.
import { AnnotationDocument } from '../../../../src/main/services/formats/types'
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { fixture, thrown } from '../../../helpers/import'

const WALLABAG = 'readlater/wallabag__wallabag-v2-read.json'

describe('Wallabag v2 export', () => {
  const raw = fixture(WALLABAG).toString('utf8')
  const entries = JSON.parse(raw) as Array<Record<string, unknown>>

  it('imports both entries with URL, source, date and cleaned text', () => {
    const arts = parseFile(WALLABAG, fixture(WALLABAG))
    expect(arts).toHaveLength(2)
    const [a, b] = arts
    expect(a!.rawFormat).toBe('wallabag')
    expect(a!.title).toBe('Wikimedia Foundation removes The Diary of Anne Frank due to copyright law requirements « Wikimedia blog')
    expect(a!.url).toBe('https://blog.wikimedia.org/2016/02/10/anne-frank-diary-removal/')
    expect(a!.source).toBe('blog.wikimedia.org')
    expect(a!.publishedAt).toBe('2016-09-08T11:55:58+02:00')
    expect(a!.text).toContain('Anne Frank')
    expect(a!.html).not.toMatch(/<img/i)
    expect(a!.tags).toEqual([])
    expect(a!.annotations).toEqual([])
    expect(b!.title).toBe('Tails - Tails 2.0.1 is out')
    expect(b!.text).toContain('This release fixes')
  })

  it('rawText of each entry is its own verbatim JSON source', () => {
    const arts = parseFile(WALLABAG, fixture(WALLABAG))
    for (const [i, a] of arts.entries()) {
      expect(raw).toContain(a.rawText)
      expect(JSON.parse(a.rawText)).toEqual(entries[i])
    }
  })

  it('reads Wallabag tags and annotations', () => {
    const withAnn = entries.map((e, i) =>
      i === 0
        ? {
            ...e,
            tags: [{ id: 1, label: '版權', slug: 'ban-quan' }, { id: 2, label: 'wiki', slug: 'wiki' }],
            annotations: [
              { id: 7, text: '重要', quote: 'The Diary of a Young Girl', ranges: [{ start: '/p[2]', startOffset: 0, end: '/p[2]', endOffset: 25 }], created_at: '2016-09-08T12:00:00+0200' }
            ]
          }
        : e
    )
    const [a] = parseFile('wallabag.json', Buffer.from(JSON.stringify(withAnn, null, 2)))
    expect(a!.tags).toEqual(['版權', 'wiki'])
    expect(a!.annotations).toEqual([
      { quote: 'The Diary of a Young Girl', note: '重要', createdAt: '2016-09-08T12:00:00+02:00', ranges: [{ start: '/p[2]', startOffset: 0, end: '/p[2]', endOffset: 25 }] }
    ])
  })

  it('a zero-byte export is empty', () => {
    expect(thrown(() => parseFile('readlater/wallabag__wallabag-v2-empty.json', fixture('readlater/wallabag__wallabag-v2-empty.json')))).toMatchObject({ code: 'empty' })
  })
})

describe('generic JSON and JSON Lines', () => {
  it('JSON Lines: one article per line, rawText is the line', () => {
    const lines = [
      JSON.stringify({ title: '華龍區(qū)扎實推進市域社會治理現(xiàn)代化工作側記_天天快報', content: '第一段。\n第二段。', url: 'https://a.example/1', date: '2023-05-01 10:00:00', author: { name: '張三' }, tags: '政法,社會' }),
      JSON.stringify({ headline: '第二篇', body: '<p>內文</p><p>第二段</p>', published_at: 1682906400, keywords: ['經濟'] })
    ]
    const arts = parseFile('export.jsonl', Buffer.from(`${lines.join('\n')}\n`))
    expect(arts).toHaveLength(2)
    expect(arts[0]).toMatchObject({
      title: '華龍區扎實推進市域社會治理現代化工作側記',
      source: '天天快報',
      url: 'https://a.example/1',
      author: '張三',
      publishedAt: '2023-05-01T10:00:00',
      tags: ['政法', '社會'],
      text: '第一段。\n第二段。',
      rawFormat: 'jsonl',
      rawText: lines[0],
      html: null
    })
    expect(arts[1]).toMatchObject({ title: '第二篇', text: '內文\n第二段', tags: ['經濟'], publishedAt: '2023-05-01T02:00:00.000Z' })
    expect(arts[1]!.html).toBe('<p>內文</p><p>第二段</p>')
  })

  it('a broken line fails the whole file with its line number', () => {
    expect(thrown(() => parseFile('x.jsonl', Buffer.from('{"title":"a","content":"b"}\n{"title": oops}\n')))).toMatchObject({
      code: 'parse-error',
      message: expect.stringContaining('line 2')
    })
  })

  it('{ items: [...] } wrappers and single objects', () => {
    const arts = parseFile('feed.json', Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1', items: [{ title: 'A', content_html: '<p>正文</p>' }] })))
    expect(arts[0]).toMatchObject({ title: 'A', text: '正文' })
    expect(parseFile('one.json', Buffer.from('{"title":"B","text":"內容"}'))[0]).toMatchObject({ title: 'B', text: '內容', rawText: '{"title":"B","text":"內容"}' })
  })

  it('objects with URLs but no text are links-only; other JSON is unsupported with a reason', () => {
    expect(thrown(() => parseFile('l.json', Buffer.from('[{"title":"a","url":"https://x.example"}]')))).toMatchObject({ code: 'links-only', message: expect.stringContaining('links only, 1 link without') })
    expect(thrown(() => parseFile('c.json', Buffer.from('{"width": 3, "height": 4}')))).toMatchObject({ code: 'unsupported' })
    expect(thrown(() => parseFile('bad.json', Buffer.from('{"a": [1, 2,]}')))).toMatchObject({ code: 'parse-error' })
  })
})

describe('recognised non-article JSON', () => {
  it('Firefox bookmarks backup → links-only with its link count', () => {
    expect(thrown(() => parseFile('readlater/wallabag__firefox-bookmarks.json', fixture('readlater/wallabag__firefox-bookmarks.json')))).toMatchObject({
      code: 'links-only',
      message: 'Firefox bookmarks backup: links only, 2 links without article text'
    })
  })

  it.each(['annotations/w3c__anno1.json', 'annotations/w3c__anno10.json'])('W3C Web Annotation %s → recognised as highlights, not articles', (f) => {
    let error: unknown
    try {
      parseFile(f, fixture(f))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AnnotationDocument)
    expect(error).toMatchObject({ format: 'w3c', message: expect.stringContaining('Web Annotation') })
  })
})

describe('record size limit (issue 13)', () => {
  it('a JSON Lines record over the limit is refused with the limit in the reason, before it is parsed', () => {
    const line = JSON.stringify({ title: '大', content: '字'.repeat(2000) })
    expect(thrown(() => parseFile('big.jsonl', Buffer.from(`{"title":"小","content":"文"}\n${line}\n`), { maxRecordChars: 1000 }))).toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^line 2: a record of 2,\d{3} characters, more than the 1,000-character limit per record$/)
    })
    expect(parseFile('ok.jsonl', Buffer.from(line), { maxRecordChars: 4000 })).toHaveLength(1)
  })
})
