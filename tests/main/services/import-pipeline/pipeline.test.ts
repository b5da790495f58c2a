// The import pipeline on real fixture files and real SQLite files: report, duplicates across scripts,
// a bad file among good ones, cancel, undo, and progress.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConverter } from '../../../../src/shared/script'
import { importHistory, importReport, undoImport } from '../../../../src/main/services/import-pipeline/history'
import { beginImport, importPaths, MAX_TEMP_NAME_BYTES, tempFileName } from '../../../../src/main/services/import-pipeline/pipeline'
import { listArticles } from '../../../../src/main/services/library/list'
import { createTestDb, FIXTURES, SAMPLES, type TestDb } from '../../../helpers/test-db'

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

  it('imports a dropped batch whatever its names: long, NUL, control characters, slashes', async () => {
    t = await createTestDb()
    const text = readFileSync(HUALONG, 'utf8')
    const names = [`${'标'.repeat(200)}.txt`, `${'a'.repeat(1000)}.txt`, 'nul\u0000inside.txt', 'tab\tand\nnewline.txt', 'folder/sub/article.txt', '...', '🙂'.repeat(100)]
    const files = names.map((name, i) => ({ name, bytes: Buffer.from(`${text}\n第${i}篇`) }))
    const report = await beginImport(t.db, { files }).done
    const longest = Math.max(...names.map((n) => Buffer.byteLength(tempFileName(n))))
    console.log(`upload names: ${names.length} odd names (up to ${Math.max(...names.map((n) => Buffer.byteLength(n)))} bytes) → temp names up to ${longest} bytes; ${report.imported.length} imported, ${report.failed.length} failed`)
    expect(report.status).toBe('done')
    expect(report.imported.map((a) => a.file)).toEqual(names)
    expect(longest).toBeLessThanOrEqual(MAX_TEMP_NAME_BYTES)
    expect(importReport(t.db, report.importId).status).toBe('done')
  })

  it('keeps the extension and drops NUL and separators in temp names', () => {
    expect(tempFileName(`${'标'.repeat(200)}.epub`)).toMatch(/^标+\.epub$/)
    expect(Buffer.byteLength(tempFileName(`${'标'.repeat(200)}.epub`))).toBeLessThanOrEqual(MAX_TEMP_NAME_BYTES)
    expect(tempFileName('a\u0000b.txt')).toBe('a_b.txt')
    expect(tempFileName('../../x.md')).toBe('x.md')
    expect(tempFileName('..')).toBe('_')
    expect(tempFileName('')).toBe('file')
  })

  it('fails only the file that cannot be staged, and still ends with a report', async () => {
    t = await createTestDb()
    const good = join(t.dir, 'upload-1')
    writeFileSync(good, readFileSync(HUALONG))
    const report = await beginImport(t.db, { uploads: [{ name: 'gone.txt', path: join(t.dir, 'missing') }, { name: 'good.txt', path: good }] }).done
    console.log(`staging: 1 of 2 uploads missing → ${report.imported.length} imported, ${report.failed.length} failed (${report.failed[0]?.reason})`)
    expect(report.imported.map((a) => a.file)).toEqual(['good.txt'])
    // Gone before it was read: missing (worded "does not exist"), not a failure of the disk to store it.
    expect(report.failed).toEqual([{ file: 'gone.txt', code: 'not-found', params: { op: 'read', errno: 'ENOENT' }, reason: expect.stringContaining('ENOENT') }])
  })

  it('never leaves an import running: a failure outside any file still ends it with a failed report', async () => {
    t = await createTestDb()
    const run = beginImport(t.db, { paths: [HUALONG] }, { onProgress: () => { throw new Error('listener broke') } })
    const report = await run.done
    const stored = importReport(t.db, run.importId)
    console.log(`broken run: done resolved with status ${report.status}; history says ${stored.status}`)
    expect(report.status).toBe('failed')
    expect(stored.status).toBe('failed')
    expect(report.failed.some((f) => f.reason.includes('listener broke'))).toBe(true)
  })
})

describe('highlights through the import pipeline', () => {
  let source: TestDb
  let target: TestDb
  afterEach(() => {
    source?.cleanup()
    target?.cleanup()
  })

  it('restores our own JSON notes export in a fresh library, on the same words', async () => {
    const { createAnnotation, listAnnotations } = await import('../../../../src/main/services/annotations')
    const { exportNotes } = await import('../../../../src/main/services/export/notes')
    source = await createTestDb()
    const first = await importPaths(source.db, [HUALONG])
    const id = first.imported[0]!.id
    const text = (source.db.sqlite.prepare('SELECT body_text FROM articles WHERE id = ?').get(id) as { body_text: string }).body_text
    const quotes = ['市域社會治理', '平安建設力量', '矛盾糾紛和信訪突出問題']
    for (const [i, quote] of quotes.entries()) {
      const start = text.indexOf(quote)
      createAnnotation(source.db, { articleId: id, textKind: 'clean', start, end: start + quote.length, color: 'green', note: i === 0 ? '**重点** 批注' : null })
    }
    const exported = await exportNotes(source.db, { format: 'json', scope: { kind: 'library' }, script: 'original' } as never)
    target = await createTestDb()
    const dir = join(target.dir, 'restore')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.json'), exported.content)
    writeFileSync(join(dir, 'article.txt'), readFileSync(HUALONG))
    // notes.json sorts before article.txt? No matter: highlights are attached after the articles.
    const report = await importPaths(target.db, [dir])
    expect(report.failed).toEqual([])
    expect(report.annotations.map((a) => [a.file, a.status])).toEqual([1, 2, 3].map((n) => [`${join(dir, 'notes.json')}#${n}`, 'attached']))
    const newId = report.imported[0]!.id
    const restored = listAnnotations(target.db, newId)
    expect(restored.items.map((a) => a.quote).sort()).toEqual([...quotes].sort())
    const newText = (target.db.sqlite.prepare('SELECT body_text FROM articles WHERE id = ?').get(newId) as { body_text: string }).body_text
    for (const a of restored.items) expect(newText.slice(a.start!, a.end!)).toBe(a.quote)
    expect(restored.items.find((a) => a.quote === quotes[0])!.note).toBe('**重点** 批注')
  })

  it('attaches Kindle clippings to the matching article and reports the ones it cannot place', async () => {
    target = await createTestDb()
    await importPaths(target.db, [HUALONG])
    const report = await importPaths(target.db, [join(FIXTURES, 'annotations', 'kindle-my-clippings.txt')])
    expect(report.imported).toEqual([])
    const attached = report.annotations.filter((a) => a.status === 'attached')
    expect(attached.length).toBeGreaterThanOrEqual(2)
    expect(report.annotations.filter((a) => a.status !== 'attached')).toMatchObject([
      { status: 'skipped', quote: '', reason: 'bookmark: a place without text' },
      { status: 'unmatched', quote: '給歲月以文明，而不是給文明以歲月。' }
    ])
    // A note is named by its own entry, attached with its highlight: it is stored on that highlight, not apart.
    const highlights = attached.filter((a) => !a.reason?.startsWith('Kindle note'))
    expect(attached.length - highlights.length).toBe(1)
    const count = (target.db.sqlite.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n
    expect(count).toBe(highlights.length)
  })
})
