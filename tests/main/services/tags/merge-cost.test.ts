// Merging a tag moves its links set-based (issue 16, migration 0009): a handful of statements whatever the
// number of articles, counts equal to a full recount after the merge, its undo and its redo, the subtree
// counts left current (no recount of every link on the next tag list), an undo record of one change, and
// the sync outbox still told every tag change while the library is bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bindLibrary } from '../../../../src/main/db/repositories/sync.repository'
import { listTagCounts, mergeTags, renameTag, undoTagOperation } from '../../../../src/main/services/tags'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { statements, tagLibrary, timed, walPages } from './cost-helpers'

let t: TestDb
const N = 24_000
const TAGS = ['领域/主题1', '领域/主题2', '专题/主题1', '专题', '标签']

beforeAll(async () => {
  t = await createTestDb()
  tagLibrary(t.db, N, TAGS, (i, id, link) => {
    // 领域/主题1 on half the library, some of it beside the merge target, its parent or a sibling.
    if (i % 2 === 0) link(id, '领域/主题1', i % 3 ? 'import' : 'user')
    if (i % 5 === 0) link(id, '专题/主题1', 'user')
    if (i % 7 === 0) link(id, '专题', 'import')
    if (i % 11 === 0) link(id, '领域/主题2', 'import')
    if (i % 13 === 0) link(id, '标签', 'user')
  })
})

afterAll(() => t.cleanup())

/** Links, tags and per-tag counts as stored. */
function snapshot() {
  const s = t.db.sqlite
  return {
    tags: s.prepare('SELECT id, name, norm_name FROM tags ORDER BY id').all(),
    links: s.prepare('SELECT article_id, tag_id, origin FROM article_tags ORDER BY article_id, tag_id').all(),
    stats: s.prepare('SELECT tag_id, article_count FROM tag_stats WHERE article_count <> 0 ORDER BY tag_id').all()
  }
}

/** The tag list as kept, then the same list from a full recount (tag_stats from article_tags, subtrees marked stale). */
function keptAndRecounted() {
  const s = t.db.sqlite
  const kept = listTagCounts(t.db)
  const stale = s.prepare("SELECT count(*) FROM search_meta WHERE key = 'tag_tree_stale'").pluck().get()
  const stats = s.prepare('SELECT tag_id, article_count FROM tag_stats WHERE article_count <> 0 ORDER BY tag_id').all()
  const recountedStats = s.prepare('SELECT tag_id, count(*) AS article_count FROM article_tags GROUP BY tag_id ORDER BY tag_id').all()
  s.exec("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('tag_tree_stale', '1')")
  return { kept, stale, stats, recounted: listTagCounts(t.db), recountedStats }
}

describe('merging a tag', () => {
  it(`moves ${N / 2} links in a handful of statements; counts equal a recount after merge, undo and redo`, () => {
    const before = snapshot()
    const carried = N / 2
    let op: ReturnType<typeof mergeTags> | undefined
    let ms = 0
    let calls = 0
    const pages = walPages(t.db, () => {
      calls = statements(t.db, () => {
        ;[op, ms] = timed(() => mergeTags(t.db, ['领域/主题1'], '专题/主题1'))
      })
    })
    const record = t.db.sqlite.prepare('SELECT length(changes_json) FROM tag_undo WHERE token = ?').pluck().get(op!.token) as number
    console.log(
      `merge of a tag on ${op!.articles} articles: ${ms.toFixed(1)} ms, ${calls} statements, ${pages} WAL pages (${(pages / carried).toFixed(2)} per link), undo record ${record} bytes`
    )
    // Pages of links, not a page (or several) per link: the floor of a merge that rewrites its links.
    expect(pages).toBeLessThan(carried / 4)
    expect(op!.articles).toBe(carried)
    expect(calls).toBeLessThan(40)
    // One compact change, not two JSON objects per link (~100 bytes each).
    expect(record).toBeLessThan(carried * 8)

    const merged = keptAndRecounted()
    expect(merged.stale).toBe(0)
    expect(merged.kept).toEqual(merged.recounted)
    expect(merged.stats).toEqual(merged.recountedStats)
    expect(merged.kept.find((c) => c.name === '领域/主题1')).toBeUndefined()
    const after = snapshot()

    let undoMs = 0
    const undoPages = walPages(t.db, () => {
      ;[, undoMs] = timed(() => undoTagOperation(t.db, op!.token))
    })
    const undone = keptAndRecounted()
    console.log(`undo of the merge: ${undoMs.toFixed(1)} ms, ${undoPages} WAL pages`)
    expect(undoPages).toBeLessThan(carried / 4)
    expect(undone.stale).toBe(0)
    expect(undone.kept).toEqual(undone.recounted)
    expect(snapshot()).toEqual(before)

    const [redo, redoMs] = timed(() => mergeTags(t.db, ['领域/主题1'], '专题/主题1'))
    const redone = keptAndRecounted()
    console.log(`redo of the merge: ${redoMs.toFixed(1)} ms`)
    expect(redone.kept).toEqual(redone.recounted)
    expect(snapshot()).toEqual(after)
    undoTagOperation(t.db, redo.token)
    expect(snapshot()).toEqual(before)
  })

  it('merging a parent into a new tag (sub-tags merged and renamed) keeps counts exact, and undo restores', () => {
    const before = snapshot()
    const op = mergeTags(t.db, ['领域'], '专题')
    const merged = keptAndRecounted()
    expect(merged.kept).toEqual(merged.recounted)
    expect(merged.stats).toEqual(merged.recountedStats)
    expect(merged.kept.map((c) => c.name).filter((n) => n.startsWith('领域'))).toEqual([])
    undoTagOperation(t.db, op.token)
    const undone = keptAndRecounted()
    expect(undone.kept).toEqual(undone.recounted)
    expect(snapshot()).toEqual(before)
  })

  it('undo puts back links whose target link was removed since, and skips articles deleted since', () => {
    const s = t.db.sqlite
    const before = snapshot()
    const op = mergeTags(t.db, ['领域/主题1'], '标签')
    const target = s.prepare("SELECT id FROM tags WHERE norm_name = '标签'").pluck().get() as number
    const moved = s.prepare("SELECT article_id FROM article_tags WHERE tag_id = ? AND origin = 'import' ORDER BY article_id LIMIT 2").pluck().all(target) as number[]
    s.prepare('DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?').run(moved[0], target)
    s.prepare('DELETE FROM articles WHERE id = ?').run(moved[1])
    undoTagOperation(t.db, op.token)
    const undone = keptAndRecounted()
    expect(undone.kept).toEqual(undone.recounted)
    expect(undone.stats).toEqual(undone.recountedStats)
    const source = s.prepare("SELECT id FROM tags WHERE norm_name = '领域/主题1'").pluck().get() as number
    expect(s.prepare('SELECT origin FROM article_tags WHERE article_id = ? AND tag_id = ?').pluck().get(moved[0], source)).toBe('import')
    expect(snapshot().links.length).toBe(before.links.length - (before.links as { article_id: number }[]).filter((l) => l.article_id === moved[1]).length)
  })

  it('undo counts a link put back in the subtree both tags share (its target link removed since)', () => {
    const s = t.db.sqlite
    const before = snapshot()
    const op = mergeTags(t.db, ['领域/主题1'], '领域/主题2')
    const target = s.prepare("SELECT id FROM tags WHERE norm_name = '领域/主题2'").pluck().get() as number
    // Moved articles whose only tag under 领域 is now the target: removing it takes them out of 领域's count.
    const moved = s
      .prepare('SELECT article_id FROM article_tags x WHERE tag_id = ? AND (SELECT count(*) FROM article_tags y WHERE y.article_id = x.article_id) = 1 LIMIT 3')
      .pluck()
      .all(target) as number[]
    for (const id of moved) s.prepare('DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?').run(id, target)
    undoTagOperation(t.db, op.token)
    const undone = keptAndRecounted()
    const field = (list: typeof undone.kept) => list.find((c) => c.name === '领域')?.count
    console.log(`领域 after the undo: kept ${field(undone.kept)}, recounted ${field(undone.recounted)} (${moved.length} links put back)`)
    expect(moved.length).toBe(3)
    expect(undone.kept).toEqual(undone.recounted)
    expect(undone.stats).toEqual(undone.recountedStats)
    expect(snapshot().links.length).toBe(before.links.length)
  })
})

describe('merging while bound to a group', () => {
  it('the outbox records each article losing the merged tag and gaining the target', async () => {
    const b = await createTestDb()
    try {
      const s = b.db.sqlite
      const insert = s.prepare("INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('t', 'x', 'x', 'txt', 'x', ?, 'x')")
      const ids = [1, 2, 3].map((i) => Number(insert.run(`b${i}`).lastInsertRowid))
      s.exec("INSERT INTO tags (name, norm_name, created_at) VALUES ('政法', '政法', 'x'), ('法治', '法治', 'x')")
      s.exec(`INSERT INTO article_tags (article_id, tag_id, origin) SELECT a.id, t.id, 'user' FROM articles a, tags t WHERE t.name = '政法' OR a.id = ${ids[2]}`)
      bindLibrary(b.db, { server: 'http://127.0.0.1:1/', group: '00000000-0000-4000-8000-000000000000', memberName: 'li', role: 'editor' }, 'T'.repeat(43))
      s.exec('DELETE FROM sync_outbox')
      const outbox = () =>
        (s.prepare('SELECT op, local_id, payload FROM sync_outbox ORDER BY id').all() as { op: string; local_id: number; payload: string }[])
          .map((r) => `${r.local_id}:${r.op}:${(JSON.parse(r.payload) as { tag: string }).tag}`)
          .sort()
      const op = renameTag(b.db, '政法', '法治')
      const [a, c, both] = ids as [number, number, number]
      expect(outbox()).toEqual([`${a}:delete:政法`, `${a}:insert:法治`, `${c}:delete:政法`, `${c}:insert:法治`, `${both}:delete:政法`].sort())
      s.exec('DELETE FROM sync_outbox')
      undoTagOperation(b.db, op.token)
      expect(outbox()).toEqual([`${a}:delete:法治`, `${a}:insert:政法`, `${c}:delete:法治`, `${c}:insert:政法`, `${both}:insert:政法`].sort())
    } finally {
      b.cleanup()
    }
  })
})
