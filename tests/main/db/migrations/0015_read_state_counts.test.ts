// Migration 0015: read_state_counts filled from an existing library and kept by triggers through imports,
// reading, undo of an import and deletes; the read filter's total then comes from it, exact on the first page.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { updateReading } from '../../../../src/main/db/repositories/article.repository'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { undoImport } from '../../../../src/main/services/import-pipeline/history'
import { listArticles } from '../../../../src/main/services/library/list'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0015_read_state_counts', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  const files = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const file = join(t.dir, `${prefix}${i}.txt`)
      writeFileSync(file, `${prefix}第${i}篇报道\n\n${`${prefix}第${i}篇：华龙区今日召开会议，部署防汛工作。`.repeat(10)}`)
      return file
    })

  it('counts each read state of an existing library and follows every later change', async () => {
    t = await createTestDb('0014_read_state_sorts')
    const db = t.db.sqlite
    const first = (await importPaths(t.db, files('甲', 5), { worker: false })).imported.map((a) => a.id)
    db.prepare(`UPDATE articles SET read_state = 'read' WHERE id IN (?, ?)`).run(first[0], first[1])
    await migrate(t.db, '0015_read_state_counts')
    const stored = () => Object.fromEntries((db.prepare('SELECT read_state, article_count FROM read_state_counts').all() as { read_state: string; article_count: number }[]).map((r) => [r.read_state, r.article_count]))
    const actual = () => ({
      read: db.prepare(`SELECT count(*) FROM articles WHERE read_state = 'read'`).pluck().get(),
      unread: db.prepare(`SELECT count(*) FROM articles WHERE read_state = 'unread'`).pluck().get()
    })
    expect(stored()).toEqual({ read: 2, unread: 3 })

    const report = await importPaths(t.db, files('乙', 4), { worker: false })
    expect(stored()).toEqual({ read: 2, unread: 7 })
    updateReading(t.db, report.imported[0]!.id, { readState: 'read', position: 0, progress: 1 })
    updateReading(t.db, report.imported[0]!.id, { readState: 'read', position: 0, progress: 1 }) // no change: counted once
    updateReading(t.db, first[0]!, { readState: 'unread', position: 0, progress: 0 })
    expect(stored()).toEqual(actual())
    expect(stored()).toEqual({ read: 2, unread: 7 })
    undoImport(t.db, report.importId)
    expect(stored()).toEqual(actual())
    expect(stored()).toEqual({ read: 1, unread: 4 })

    // The read filter's first page shows the exact total, from that row.
    const page = listArticles(t.db, { offset: 0, limit: 2, sort: 'published', order: 'desc', filter: 'unread' })
    expect({ total: page.total, approx: page.totalApprox ?? false, rows: page.items.length }).toEqual({ total: 4, approx: false, rows: 2 })
  })
})
