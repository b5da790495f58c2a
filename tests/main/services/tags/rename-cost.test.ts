// Renaming a tag costs the same whatever the number of articles carrying it (issue 16): the operation
// counts its articles from the subtree counts instead of reading every link into the process.
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { listTagCounts, renameTag, undoTagOperation } from '../../../../src/main/services/tags'

let t: TestDb
const N = 20_000

beforeAll(async () => {
  t = await createTestDb()
  const s = t.db.sqlite
  s.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('领域', '领域', 'x'), ('领域/主题', '领域/主题', 'x')").run()
  const [parent, child] = s.prepare('SELECT id FROM tags ORDER BY norm_name').pluck().all() as [number, number]
  const insert = s.prepare("INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('t', ?, 'x', 'txt', 'x', ?, ?)")
  const link = s.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'import')")
  s.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = Number(insert.run('2024-01-01', `h${i}`, '2024-01-01').lastInsertRowid)
      link.run(id, i % 2 ? parent : child)
      if (i % 4 === 0) link.run(id, i % 2 ? child : parent)
    }
  })()
  s.exec('DELETE FROM search_dirty')
})

afterAll(() => t.cleanup())

/** Rows the statements of `fn` hand to JavaScript (all/get/iterate results). */
function rowsRead(fn: () => void): number {
  const sqlite = t.db.sqlite
  const prepare = sqlite.prepare.bind(sqlite)
  let rows = 0
  sqlite.prepare = ((text: string) => {
    const stmt = prepare(text)
    const all = stmt.all.bind(stmt)
    const get = stmt.get.bind(stmt)
    stmt.all = ((...args: unknown[]) => {
      const out = all(...args)
      rows += out.length
      return out
    }) as typeof stmt.all
    stmt.get = ((...args: unknown[]) => {
      const out = get(...args)
      if (out !== undefined) rows++
      return out
    }) as typeof stmt.get
    return stmt
  }) as typeof sqlite.prepare
  try {
    fn()
  } finally {
    sqlite.prepare = prepare as typeof sqlite.prepare
  }
  return rows
}

describe('renaming a tag', () => {
  it(`reads a handful of rows, not one per article (${N} articles)`, () => {
    listTagCounts(t.db) // subtree counts current, as after any tag-browser refresh
    let result: ReturnType<typeof renameTag> | undefined
    const t0 = performance.now()
    const rows = rowsRead(() => {
      result = renameTag(t.db, '领域', '范畴')
    })
    const ms = performance.now() - t0
    console.log(`rename of a parent tag on ${result?.articles} articles: ${rows} rows read into JS, ${ms.toFixed(1)} ms`)
    expect(result?.articles).toBe(N)
    expect(result?.tags).toBe(2)
    expect(rows).toBeLessThan(50)
    // The subtree counts moved with the rename (no recount of every link pending), and agree with one.
    const moved = listTagCounts(t.db)
    expect(t.db.sqlite.prepare("SELECT count(*) FROM search_meta WHERE key = 'tag_tree_stale'").pluck().get()).toBe(0)
    t.db.sqlite.exec("INSERT INTO search_meta (key, value) VALUES ('tag_tree_stale', '1')")
    expect(listTagCounts(t.db)).toEqual(moved)
    expect(moved.map((c) => [c.name, c.count])).toEqual([['范畴', N], ['范畴/主题', N / 2]])
    // The count is right when the subtree counts are stale too (right after another rename), and undo works.
    const t1 = performance.now()
    const again = renameTag(t.db, '范畴', '领域')
    console.log(`rename back with stale subtree counts: ${(performance.now() - t1).toFixed(1)} ms`)
    expect(again.articles).toBe(N)
    undoTagOperation(t.db, again.token)
    expect(listTagCounts(t.db).find((c) => c.name === '范畴')?.count).toBe(N)
  })
})
