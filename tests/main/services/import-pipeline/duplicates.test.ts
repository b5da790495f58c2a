// Issue 11, duplicates: long texts keep the text-only key (a library's existing rows still match, a copy
// without its title is still a duplicate), short ones add the title, empty bodies are "empty"; the richer
// copy's metadata and annotations reach the stored article; links-only files are kept in the report.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { foldForSearch } from '../../../../src/shared/script'
import { importReport } from '../../../../src/main/services/import-pipeline/history'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { searchArticles } from '../../../../src/main/services/search'
import { createTestDb, FIXTURES, type TestDb } from '../../../helpers/test-db'

let t: TestDb | undefined
afterEach(() => t?.cleanup())

const LONG = '国务院新闻办公室今天举行新闻发布会，介绍今年以来经济运行情况。'.repeat(10)
/** The key every row carried before titles were part of it. */
const textOnlyKey = (text: string): string =>
  createHash('sha256').update(foldForSearch(text.normalize('NFKC')).replace(/\s+/gu, ''), 'utf8').digest('hex')

function write(name: string, data: string): string {
  const file = join((t as TestDb).dir, name)
  writeFileSync(file, data)
  return file
}

const row = (id: number): Record<string, unknown> => (t as TestDb).db.sqlite.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Record<string, unknown>

describe('duplicate key', () => {
  it('a long story saved without and then with its title and metadata is one article, which gains them', async () => {
    t = await createTestDb()
    const bare = await importPaths(t.db, [write('bare.txt', LONG)], { worker: false })
    const id = bare.imported[0]!.id
    const rich = [{ title: '经济运行情况发布会', author: '记者 王明', published_at: '2024-03-01T08:00:00Z', url: 'https://example.com/a', content: `<p>${LONG}</p>` }]
    const again = await importPaths(t.db, [write('rich.json', JSON.stringify(rich))], { worker: false })
    console.log(`${LONG.length}-character story: ${again.imported.length} imported, duplicate of #${again.duplicates[0]?.duplicateOf}, gained ${again.duplicates[0]?.enriched?.join(', ')}`)
    expect(again.imported).toEqual([])
    expect(again.duplicates).toEqual([{ file: expect.stringMatching(/rich\.json(#1)?$/), duplicateOf: id, enriched: ['title', 'author', 'publishedAt', 'url'] }])
    expect(row(id)).toMatchObject({ title: '经济运行情况发布会', author: '记者 王明', published_at: '2024-03-01T08:00:00Z', url: 'https://example.com/a' })
    // The new title is searchable at once.
    expect(searchArticles(t.db, '发布会').hits.map((h) => h.id)).toContain(id)
    expect(importReport(t.db, again.importId).duplicates).toEqual(again.duplicates)
  })

  it('long articles keep exactly the key the library stored (text only): no re-import', async () => {
    t = await createTestDb()
    const first = await importPaths(t.db, [write('a.md', `# 标题甲\n\n${LONG}`)], { worker: false })
    const id = first.imported[0]!.id
    expect(row(id).content_hash).toBe(textOnlyKey(row(id).body_text as string))
    const second = await importPaths(t.db, [write('b.md', `# 标题乙\n\n${LONG}`)], { worker: false })
    expect(second.duplicates.map((d) => d.duplicateOf)).toEqual([id])
  })

  it('short bodies count their title: different stories stay apart, rows stored under the old key still match', async () => {
    t = await createTestDb()
    const short = '点击阅读原文'
    const items = ['甲', '乙', '丙'].map((x) => ({ title: `新闻${x}`, content: short }))
    const report = await importPaths(t.db, [write('teasers.json', JSON.stringify(items))], { worker: false })
    console.log(`3 records sharing the body 「${short}」: ${report.imported.length} imported, ${report.duplicates.length} duplicates`)
    expect(report.imported.map((a) => a.file)).toEqual([1, 2, 3].map((n) => `${join(t!.dir, 'teasers.json')}#${n}`))
    // A row imported before titles counted carries the text-only key.
    const old = report.imported[0]!.id
    t.db.sqlite.prepare('UPDATE articles SET content_hash = ? WHERE id = ?').run(textOnlyKey(short), old)
    const again = await importPaths(t.db, [write('again.json', JSON.stringify([items[0], { title: '新闻丁', content: short }]))], { worker: false })
    expect(again.duplicates.map((d) => d.duplicateOf)).toEqual([old])
    expect(again.imported).toHaveLength(1)
  })

  it('records with an empty body are reported as empty, not as duplicates of one another', async () => {
    t = await createTestDb()
    const items = [{ title: '一', content: '' }, { title: '二', content: '   ' }, { title: '三', content: LONG }]
    const report = await importPaths(t.db, [write('empty.json', JSON.stringify(items))], { worker: false })
    console.log(`3 records, 2 empty: ${report.imported.length} imported, ${report.duplicates.length} duplicates, ${report.failed.length} failed`)
    expect(report.duplicates).toEqual([])
    expect(report.imported).toHaveLength(1)
    expect(report.failed.map((f) => f.file)).toEqual([1, 2].map((n) => `${join(t!.dir, 'empty.json')}#${n}`))
    for (const f of report.failed) expect(f.reason).toMatch(/empty|no article text|neither text/i)
  })
})

describe('a duplicate that carries annotations', () => {
  it('attaches a Wallabag entry’s annotations to the article already in the library', async () => {
    t = await createTestDb()
    const entries = JSON.parse(readFileSync(join(FIXTURES, 'import/readlater/wallabag__wallabag-v2-read.json'), 'utf8')) as Record<string, unknown>[]
    const first = await importPaths(t.db, [write('w1.json', JSON.stringify(entries))], { worker: false })
    const id = first.imported[0]!.id
    const text = row(id).body_text as string
    const quote = text.slice(10, 40).trim()
    entries[0]!.annotations = [{ quote, text: '重要', ranges: [] }]
    const second = await importPaths(t.db, [write('w2.json', JSON.stringify(entries))], { worker: false })
    console.log(`re-imported Wallabag export: ${second.duplicates.length} duplicates, annotations ${second.annotations.map((a) => a.status).join(', ')}`)
    expect(second.duplicates.map((d) => d.duplicateOf)).toContain(id)
    expect(second.annotations).toEqual([{ file: `${join(t.dir, 'w2.json')}#1`, quote, articleId: id, status: 'attached', reason: 'attached' }])
    const stored = t.db.sqlite.prepare('SELECT exact, note FROM annotations WHERE article_id = ?').all(id)
    expect(stored).toEqual([{ exact: quote, note: '重要' }])
    expect(importReport(t.db, second.importId).annotations).toEqual(second.annotations)
  })
})

describe('links only', () => {
  it('a Pocket HTML export is a list of links kept in the report, not an article titled "Pocket Export"', async () => {
    t = await createTestDb()
    const pocket = write(
      'ril_export.html',
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pocket Export</title></head><body><h1>Unread</h1><ul>' +
        '<li><a href="https://example.com/1" time_added="1600322788" tags="新闻,经济">第一篇</a></li>' +
        '<li><a href="https://example.com/2" time_added="1600322789" tags="">第二篇</a></li></ul></body></html>'
    )
    const report = await importPaths(t.db, [pocket], { worker: false })
    console.log(`Pocket export: ${report.imported.length} imported, ${report.linksOnly[0]?.links} links only`)
    expect(report.imported).toEqual([])
    expect(report.failed).toEqual([])
    expect(report.linksOnly).toEqual([
      {
        file: pocket,
        links: 2,
        items: [
          { item: `${pocket}#1`, title: '第一篇', url: 'https://example.com/1', tags: ['新闻', '经济'], note: null, savedAt: '2020-09-17T06:06:28.000Z' },
          { item: `${pocket}#2`, title: '第二篇', url: 'https://example.com/2', tags: [], note: null, savedAt: '2020-09-17T06:06:29.000Z' }
        ]
      }
    ])
    expect(importReport(t.db, report.importId).linksOnly).toEqual(report.linksOnly)
  })

  it('JSON Lines: every line by its number, the link-only line among the links', async () => {
    t = await createTestDb()
    const lines = [
      { title: '一', text: '第一篇正文。' },
      { title: '空正文', text: '' },
      { title: '二', text: '第二篇正文。' },
      { note: 'not an article' },
      { title: '只有链接', url: 'https://e.org/l' },
      { title: '三', text: '第一篇正文。' }
    ]
    const file = write('records.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
    const report = await importPaths(t.db, [file], { worker: false })
    const names = (xs: { file: string }[]): string[] => xs.map((x) => x.file.replace(file, ''))
    console.log(`${lines.length} lines → imported ${names(report.imported).join(' ')}, failed ${names(report.failed).join(' ')}, links ${report.linksOnly[0]?.items.map((l) => l.item.replace(file, '')).join(' ')}`)
    expect(names(report.imported)).toEqual(['#L1', '#L3', '#L6'])
    expect(names(report.failed)).toEqual(['#L2', '#L4'])
    expect(report.linksOnly).toEqual([{ file, links: 1, items: [expect.objectContaining({ item: `${file}#L5`, url: 'https://e.org/l' })] }])
  })
})
