// Import throughput (issue 16): the writer inserts articles through one cached statement, not a query
// builder compile per row; every committed batch is searchable the moment it commits; and a JSON Lines
// archive larger than the per-file limit imports (a 1,000,000-article archive is a 2.5 GB file).
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { pendingIndexCount, searchArticles } from '../../../../src/main/services/search'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

/** `count` distinct articles as JSON Lines; article i carries the marker 标记{i} in its body. */
function writeJsonl(file: string, count: number): void {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ title: `第${i}篇报道`, content: `记者报道，标记${i}号。城市公园里孩子们在草地上奔跑，老人们在树下下棋聊天。`.repeat(3) })
  )
  writeFileSync(file, lines.join('\n') + '\n')
}

describe('import throughput', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('inserts the articles through a cached statement, compiling no query-builder insert per row', async () => {
    t = await createTestDb()
    const file = join(t.dir, 'archive.jsonl')
    writeJsonl(file, 300)
    const insertInto = vi.spyOn(t.db.kysely, 'insertInto')
    const t0 = performance.now()
    const report = await importPaths(t.db, [file], { worker: false })
    const ms = performance.now() - t0
    const articleInserts = insertInto.mock.calls.filter(([table]) => table === 'articles').length
    console.log(`300-article import: ${articleInserts} query-builder inserts into articles, ${((report.imported.length / ms) * 1000).toFixed(0)} articles/s here`)
    expect(report.imported).toHaveLength(300)
    expect(articleInserts).toBe(0)
    // Defaults still apply to the columns the row leaves out.
    const row = t.db.sqlite.prepare('SELECT read_state, progress, use_original FROM articles WHERE id = ?').get(report.imported[0]!.id)
    expect(row).toEqual({ read_state: 'unread', progress: 0, use_original: 0 })
  })

  it('leaves nothing to index after each batch: a committed article is found at once', async () => {
    t = await createTestDb()
    const file = join(t.dir, 'archive.jsonl')
    writeJsonl(file, 450)
    const seen: { pending: number; found: number }[] = []
    let committed = 0
    await importPaths(t.db, [file], {
      worker: false,
      batchSize: 50,
      afterBatch: () => {
        // A JSON Lines file arrives in chunks of 200 records, each committed whole: count what is stored.
        committed = t.db.sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number
        const pending = pendingIndexCount(t.db)
        const found = searchArticles(t.db, `标记${committed - 1}号`, { snippets: false }).hits.length
        seen.push({ pending, found })
      }
    })
    console.log(`after each of ${seen.length} batches: pending index entries ${seen.map((s) => s.pending).join('/')}, last article found ${seen.map((s) => s.found).join('/')}`)
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.every((s) => s.pending === 0 && s.found >= 1)).toBe(true)
  })

  it('imports a JSON Lines file larger than the per-file limit record by record; other files keep the limit', async () => {
    t = await createTestDb()
    const jsonl = join(t.dir, 'archive.jsonl')
    writeJsonl(jsonl, 250)
    const txt = join(t.dir, 'big.txt')
    writeFileSync(txt, '标题\n' + '正文。'.repeat(10000))
    const limit = 64 * 1024
    const report = await importPaths(t.db, [jsonl, txt], { worker: false, limits: { maxFileBytes: limit } })
    console.log(`${statSync(jsonl).size} bytes of JSON Lines with a ${limit}-byte per-file limit: ${report.imported.length} imported, failed ${report.failed.map((f) => f.code).join(', ')}`)
    expect(report.imported).toHaveLength(250)
    expect(report.failed).toEqual([expect.objectContaining({ file: txt, code: 'too-large' })])
  })
})
