// Whole-file JSON read as a stream (issue 13, bounded memory): the records of a top-level array or of the
// list under a container key come out in chunks, each record parsed alone with its verbatim source; a
// record over the limit is refused by name while the rest imports; a file that stops being JSON midway
// keeps the records before the error and reports where it is.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { itemReportOf } from '../../../../src/main/services/formats/items'
import { parseJsonStream } from '../../../../src/main/services/formats/json'
import { JsonSplitter, type JsonRecord } from '../../../../src/main/services/formats/json-stream'
import { resolveLimits } from '../../../../src/main/services/formats/types'
import { collect, nonProgress, tempDir } from '../../../helpers/import'

const record = (i: number): Record<string, unknown> => ({
  title: `第${i}篇 "引号" [括号] {花括号}`,
  content: `第${i}篇的正文，讲述基层治理与经济发展。\\ 反斜杠 \u2028 ${'内容'.repeat(i % 7)}`,
  url: `https://news.example/${i}`,
  tags: ['政法', `标签${i % 5}`]
})

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}

async function streamed(name: string, text: string, size: number, limits = {}): Promise<{ chunks: ReturnType<typeof itemReportOf>[]; titles: string[]; raws: string[]; error: unknown }> {
  const chunks: ReturnType<typeof itemReportOf>[] = []
  const titles: string[] = []
  const raws: string[] = []
  let error: unknown = null
  try {
    for await (const arts of parseJsonStream(name, pieces(text, size), { limits: resolveLimits(limits) })) {
      chunks.push(itemReportOf(arts))
      titles.push(...arts.map((a) => a.title))
      raws.push(...arts.map((a) => a.rawText))
    }
  } catch (e) {
    error = e
  }
  return { chunks, titles, raws, error }
}

describe('JSON splitter', () => {
  it('finds the same records whatever the chunk boundaries', () => {
    const doc = '\ufeff [ {"a": "x\\"]}", "b": [1, {"c": "}"}]}, 42, "s\\\\", null, true, [], {} ,-1.5e3 ]'
    const whole = (size: number): JsonRecord[] => {
      const s = new JsonSplitter({ maxRecordChars: 1000, isListKey: () => false })
      const out: JsonRecord[] = []
      for (let i = 0; i < doc.length; i += size) {
        s.write(doc.slice(i, i + size))
        out.push(...s.take())
      }
      expect(s.end()).toMatchObject({ shape: 'list', key: null, count: 8 })
      return out
    }
    const expected = JSON.parse(doc.slice(1)) as unknown[]
    for (let size = 1; size <= doc.length; size++) {
      const got = whole(size)
      expect(got.map((r) => ('value' in r ? r.value : r)), `chunks of ${size}`).toEqual(expected)
      expect(got.map((r) => ('text' in r ? JSON.parse(r.text) : r))).toEqual(expected)
    }
    console.log(`splitter: 8 records found identically for every chunk size 1..${doc.length}`)
  })
})

describe('whole-file JSON as a stream', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it('emits a top-level array in chunks of 200 records, each named file#n with its verbatim source', async () => {
    const items = Array.from({ length: 450 }, (_, i) => record(i + 1))
    const text = JSON.stringify(items, null, 2)
    const { chunks, titles, raws, error } = await streamed('list.json', text, 4093)
    expect(error).toBeNull()
    const sizes = chunks.map((c) => c?.items.length)
    console.log(`top-level array of 450 records: ${chunks.length} chunks of ${sizes.join(' + ')} records`)
    expect(sizes).toEqual([200, 200, 50])
    expect(chunks.flatMap((c) => c?.items.map((i) => i.item))).toEqual(items.map((_, i) => `list.json#${i + 1}`))
    // Same articles as the whole-text parse, and each rawText is the record's own text in the file.
    const whole = parseFile('list.json', Buffer.from(text))
    expect(titles).toEqual(whole.map((a) => a.title))
    for (const raw of raws) expect(text).toContain(raw)
    expect(raws.map((r) => JSON.parse(r))).toEqual(items)
  })

  it('streams the list under a container key (Wallabag-shaped {items: [...]}) and keeps the members around it', async () => {
    const entries = Array.from({ length: 250 }, (_, i) => ({ ...record(i + 1), is_archived: 0, is_starred: 1, reading_time: 3, domain_name: 'news.example' }))
    const text = JSON.stringify({ page: 1, limit: 250, items: entries, _links: { self: { href: 'x' } } })
    const { chunks, titles, error } = await streamed('wallabag.json', text, 65536)
    expect(error).toBeNull()
    console.log(`{items: [250 entries]}: ${chunks.length} chunks of ${chunks.map((c) => c?.items.length).join(' + ')} records`)
    expect(chunks.map((c) => c?.items.length)).toEqual([200, 50])
    expect(titles).toHaveLength(250)
    expect(parseFile('wallabag.json', Buffer.from(text)).every((a) => a.rawFormat === 'wallabag')).toBe(true)
  })

  it('refuses one record over the limit by name and imports the rest', async () => {
    const items = [record(1), { title: '太长', content: '长'.repeat(5000) }, record(3)]
    const file = join(tmp.dir, 'big-record.json')
    writeFileSync(file, JSON.stringify(items))
    const events = nonProgress(await collect([file], { limits: { maxRecordChars: 2000 } }))
    const outcomes = events.flatMap((e) => (e.kind === 'file' ? (e.items?.items ?? []) : []))
    const refused = outcomes.find((o) => o.status === 'failed')
    console.log(`record of 5,000+ characters under a 2,000 limit: ${refused?.item}: ${refused && 'reason' in refused ? refused.reason : ''}`)
    expect(outcomes.map((o) => [o.item, o.status])).toEqual([[`${file}#1`, 'article'], [`${file}#2`, 'failed'], [`${file}#3`, 'article']])
    expect(refused).toMatchObject({ reason: expect.stringMatching(/5,0\d\d characters, more than the 2,000-character limit per record/) })
  })

  it('malformed JSON midway: the records before it are imported, the file reports the error with its position', async () => {
    const good = Array.from({ length: 300 }, (_, i) => JSON.stringify(record(i + 1)))
    const text = `[\n${good.join(',\n')},\n{"title": "坏", "content": "正文" "url": "x"},\n${JSON.stringify(record(999))}\n]`
    const file = join(tmp.dir, 'broken.json')
    writeFileSync(file, text)
    const events = nonProgress(await collect([file]))
    const imported = events.flatMap((e) => (e.kind === 'file' ? e.articles : []))
    const failures = events.filter((e) => e.kind === 'failed')
    console.log(`error after 300 records: ${imported.length} imported; ${failures.map((f) => (f.kind === 'failed' ? f.reason : '')).join('')}`)
    expect(imported).toHaveLength(300)
    // Line 302 holds the broken record; the missing comma is its 31st character.
    expect(failures).toEqual([expect.objectContaining({ file, code: 'parse-error', reason: expect.stringMatching(/^not valid JSON at line 302, column 3\d: .*record 301.*300 records before it were read/) })])
  })

  it('a file cut off inside the list keeps its complete records', async () => {
    const text = JSON.stringify(Array.from({ length: 5 }, (_, i) => record(i + 1))).slice(0, -40)
    const { titles, error } = await streamed('cut.json', text, 100)
    expect(titles).toHaveLength(4)
    expect(error).toMatchObject({ code: 'parse-error', message: expect.stringContaining('the file ends inside a string') })
  })

  it('a small list, a single record and a bookmarks file give what the whole-text parse gives', async () => {
    const cases: Record<string, string> = {
      'one.json': JSON.stringify(record(1)),
      'links.json': JSON.stringify([{ url: 'https://a.example/', title: 'A' }]),
      'chrome.json': JSON.stringify({ checksum: 'x', roots: { bookmark_bar: { children: [{ type: 'url', url: 'https://b.example/', name: 'B' }] } }, version: 1 }),
      'empty.json': '{"items": []}'
    }
    for (const [name, text] of Object.entries(cases)) {
      let whole: unknown
      try {
        whole = parseFile(name, Buffer.from(text)).map((a) => a.title)
      } catch (e) {
        whole = { code: (e as { code: string }).code, message: (e as Error).message }
      }
      const s = await streamed(name, text, 7)
      expect(s.error ? { code: (s.error as { code: string }).code, message: (s.error as Error).message } : s.titles, name).toEqual(whole)
    }
  })
})
