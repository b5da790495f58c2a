// Migration 0014: (read_state, column, id) indexes for the published, title and source sorts, built on an
// existing library; a read-state change moves the article between the ranges.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0014_read_state_sorts', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('indexes the read state under every sort of an existing library, kept in order as the read state changes', async () => {
    t = await createTestDb('0013_private_state')
    const db = t.db.sqlite
    const files = ['乙', '甲', '丙'].map((title, i) => {
      const file = join(t.dir, `${i}.txt`)
      writeFileSync(file, `${title}报道\n\n${`第${i}篇：华龙区今日召开会议，部署防汛工作。`.repeat(10)}`)
      return file
    })
    const ids = (await importPaths(t.db, files, { worker: false })).imported.map((a) => a.id)
    expect(ids).toHaveLength(3)
    await migrate(t.db, '0014_read_state_sorts')
    const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'articles_read_%' ORDER BY name`).all()
    expect(indexes).toEqual([
      { name: 'articles_read_imported', sql: 'CREATE INDEX articles_read_imported ON articles (read_state, imported_at, id)' },
      { name: 'articles_read_published', sql: 'CREATE INDEX articles_read_published ON articles (read_state, published_at, id)' },
      { name: 'articles_read_source', sql: 'CREATE INDEX articles_read_source ON articles (read_state, source, id)' },
      { name: 'articles_read_title', sql: 'CREATE INDEX articles_read_title ON articles (read_state, title, id)' }
    ])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')

    db.prepare(`UPDATE articles SET read_state = 'read' WHERE id = ?`).run(ids[1])
    const titles = (filter: 'read' | 'unread') =>
      db.prepare(`SELECT title FROM articles INDEXED BY articles_read_title WHERE read_state = ? ORDER BY title, id`).pluck().all(filter)
    expect(titles('unread')).toEqual(['丙报道', '乙报道'].sort())
    expect(titles('read')).toEqual(['甲报道'])
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM articles INDEXED BY articles_read_title WHERE read_state = 'unread' ORDER BY title, id`).all() as { detail: string }[]
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH articles USING COVERING INDEX articles_read_title (read_state=?)'])
  })
})
