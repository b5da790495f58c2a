// The import pipeline on real fixture files and real SQLite files: report, duplicates across scripts,
// a bad file among good ones, cancel, undo, and progress.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConverter } from '../../../src/shared/script'
import { importHistory, importReport, undoImport } from '../../../src/main/services/import/history'
import { beginImport, importPaths } from '../../../src/main/services/import/pipeline'
import { listArticles } from '../../../src/main/services/library/list'
import { createTestDb, SAMPLES, type TestDb } from '../../helpers/test-db'

const HUALONG = join(SAMPLES, 'hualong-article.txt')
const query = { offset: 0, limit: 100, sort: 'imported', order: 'asc', filter: 'all' } as const

describe('import pipeline', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('imports the samples with a full report and keeps the original verbatim', async () => {
    t = await createTestDb()
    const progress: number[] = []
    const report = await importPaths(t.db, [SAMPLES], { onProgress: (p) => progress.push(p.filesDone) })
    expect(report.status).toBe('done')
    expect(report.failed).toEqual([])
    expect(report.imported).toHaveLength(3)
    expect(progress.length).toBeGreaterThan(0)
    const row = t.db.sqlite.prepare('SELECT * FROM articles WHERE original_file = ?').get(HUALONG) as Record<string, unknown>
    expect(row.raw_text).toBe(readFileSync(HUALONG, 'utf8'))
    expect(row.source_script).toBe('t')
    expect(row.title).toBe('華龍區扎實推進市域社會治理現代化工作側記')
    expect(String(row.body_text)).not.toContain('(qū)')
    expect(importHistory(t.db)[0]).toMatchObject({ status: 'done', importedCount: 3, failedCount: 0 })
  })

  it('recognises the same article in another script as a duplicate', async () => {
    t = await createTestDb()
    const first = await importPaths(t.db, [HUALONG])
    const converter = await loadConverter('cn', 't')
    const simplified = join(t.dir, '华龙区.txt')
    writeFileSync(simplified, converter.convert(readFileSync(HUALONG, 'utf8')))
    const again = await importPaths(t.db, [HUALONG, simplified])
    expect(again.imported).toEqual([])
    expect(again.duplicates).toEqual([
      { file: HUALONG, duplicateOf: first.imported[0]!.id },
      { file: simplified, duplicateOf: first.imported[0]!.id }
    ])
    expect(listArticles(t.db, query).total).toBe(1)
  })

  it('imports the good files when one file is bad, and names the bad one with a reason', async () => {
    t = await createTestDb()
    const dir = join(t.dir, 'mixed')
    mkdirSync(dir)
    writeFileSync(join(dir, 'a.txt'), '第一篇文章\n这是正文，讲述基层治理的故事。')
    writeFileSync(join(dir, 'b.txt'), Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 0, 7]))
    writeFileSync(join(dir, 'c.txt'), '第三篇文章\n另一段正文，讲述经济发展。')
    const report = await importPaths(t.db, [dir])
    expect(report.imported.map((i) => i.title).sort()).toEqual(['第一篇文章', '第三篇文章'])
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]!.file).toBe(join(dir, 'b.txt'))
    expect(report.failed[0]!.reason).toMatch(/binary|decode/i)
  })

  it('undoes a whole import in one step', async () => {
    t = await createTestDb()
    const report = await importPaths(t.db, [SAMPLES])
    expect(undoImport(t.db, report.importId)).toEqual({ removed: 3 })
    expect(listArticles(t.db, query).total).toBe(0)
    expect(importReport(t.db, report.importId).status).toBe('undone')
    // Re-importing after an undo works (the hashes are free again).
    expect((await importPaths(t.db, [SAMPLES])).imported).toHaveLength(3)
  })

  it('cancels cleanly: what was committed is kept and reported, nothing half-written', async () => {
    t = await createTestDb()
    const dir = join(t.dir, 'many')
    mkdirSync(dir)
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), `文章${i}\n正文第${i}篇，内容各不相同${i * 7919}。`)
    const controller = new AbortController()
    let batches = 0
    const run = beginImport(t.db, { paths: [dir] }, {
      signal: controller.signal,
      batchSize: 20,
      afterBatch: () => {
        batches++
        if (batches === 3) controller.abort()
      }
    })
    const report = await run.done
    expect(report.status).toBe('cancelled')
    const total = listArticles(t.db, query).total
    expect(report.imported.length).toBe(total)
    expect(total).toBeGreaterThanOrEqual(60)
    expect(total).toBeLessThan(300)
    // A re-run completes the import without duplicating anything.
    const rerun = await importPaths(t.db, [dir])
    expect(rerun.imported.length + rerun.duplicates.length).toBe(300)
    expect(listArticles(t.db, { ...query, limit: 500 }).total).toBe(300)
  })

  it('imports uploaded bytes under their own names', async () => {
    t = await createTestDb()
    const run = beginImport(t.db, {
      files: [{ name: 'hualong-article.txt', bytes: readFileSync(HUALONG) }, { name: '../../evil.txt', bytes: Buffer.from('') }]
    })
    const report = await run.done
    expect(report.imported).toEqual([{ file: 'hualong-article.txt', id: expect.any(Number), title: '華龍區扎實推進市域社會治理現代化工作側記' }])
    expect(report.failed.map((f) => f.file)).toEqual(['../../evil.txt'])
  })
})
