// Migration 0012: both search tables merge 16 segments at a time, an existing library keeps its index
// entries (only the merge setting changes), and the figure printed is what the setting saves on the same
// index writes.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import type { Db } from '../../../../src/main/db/connection'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

const automerge = (db: Db, table: string): unknown =>
  db.sqlite.prepare(`SELECT v FROM ${table}_config WHERE k = 'automerge'`).pluck().get()

/**
 * Writes 4,000 documents of 400 terms to search_bi in commits of 20 (as import batches do) and returns the
 * rows FTS5 wrote to its shadow tables meanwhile: segments flushed plus merges, the work automerge sets.
 */
function indexWrites(db: Db): number {
  const insert = db.sqlite.prepare('INSERT INTO search_bi (rowid, title, body, meta) VALUES (?, ?, ?, ?)')
  const changes = db.sqlite.prepare('SELECT total_changes()').pluck()
  const before = changes.get() as number
  for (let i = 0; i < 4000; i += 20) {
    db.sqlite.transaction(() => {
      for (let j = i; j < i + 20; j++) {
        const body = Array.from({ length: 400 }, (_, k) => `t${(j * 7919 + k * 104729) % 20011}`).join(' ')
        insert.run(j + 1, `title${j}`, body, '')
      }
    })()
  }
  return (changes.get() as number) - before
}

describe('migration 0012_import_throughput', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('sets automerge to 16 on search_bi and search_uni and keeps the index entries', async () => {
    t = await createTestDb('0011_comments')
    const db = t.db
    db.sqlite.prepare("INSERT INTO search_bi (rowid, title, body, meta) VALUES (1, '标题', '正文 文本', '')").run()
    db.sqlite.prepare("INSERT INTO search_uni (rowid, chars) VALUES (1, '正 文')").run()
    const before = { bi: automerge(db, 'search_bi') ?? 'default (4)', uni: automerge(db, 'search_uni') ?? 'default (4)' }
    await migrate(db, '0012_import_throughput')
    const after = { bi: automerge(db, 'search_bi'), uni: automerge(db, 'search_uni') }
    console.log(`0012: automerge search_bi ${String(before.bi)} -> ${String(after.bi)}, search_uni ${String(before.uni)} -> ${String(after.uni)}`)
    expect(after).toEqual({ bi: 16, uni: 16 })
    expect(db.sqlite.prepare("SELECT rowid FROM search_bi WHERE search_bi MATCH '正文'").pluck().all()).toEqual([1])
    expect(db.sqlite.prepare("SELECT rowid FROM search_uni WHERE search_uni MATCH '文'").pluck().all()).toEqual([1])
  })

  it('makes batched index writes merge less (rows FTS5 writes for the same 4,000 documents)', async () => {
    t = await createTestDb('0011_comments')
    const old = indexWrites(t.db)
    t.cleanup()
    t = await createTestDb('0012_import_throughput')
    const now = indexWrites(t.db)
    console.log(`0012: 4000 documents in 200 commits: ${old} index rows written with automerge 4, ${now} with 16 (${(now / old).toFixed(2)}x)`)
    expect(now).toBeLessThan(old * 0.8)
    expect(t.db.sqlite.prepare("SELECT count(*) FROM search_bi WHERE search_bi MATCH 't0'").pluck().get()).toBeGreaterThan(0)
  })
})
