// Deleting a tag removes its links set-based (issue 16), as a merge moves them: a handful of statements
// whatever the number of articles, an undo record of the ids grouped by origin, counts equal to a full
// recount after the delete and its undo, the subtree counts left current, and the sync outbox still told
// of every article losing (and, on undo, regaining) the tag while the library is bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bindLibrary } from '../../../../src/main/db/repositories/sync.repository'
import { deleteTag, listTagCounts, undoTagOperation } from '../../../../src/main/services/tags'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { statements, tagLibrary, timed, walPages } from './cost-helpers'

let t: TestDb
const N = 20_000
const TAGS = ['领域', '领域/主题1', '领域/主题2', '领域/主题1/细目', '专题', '标签']

beforeAll(async () => {
  t = await createTestDb()
  tagLibrary(t.db, N, TAGS, (i, id, link) => {
    // 领域/主题1 on every article, beside its parent, a sibling, a child or an unrelated tag on some.
    link(id, '领域/主题1', i % 3 ? 'import' : 'user')
    if (i % 5 === 0) link(id, '领域', 'user')
    if (i % 7 === 0) link(id, '领域/主题2', 'import')
    if (i % 11 === 0) link(id, '领域/主题1/细目', 'user')
    if (i % 13 === 0) link(id, '专题', 'import')
    if (i % 17 === 0) link(id, '标签', 'user')
  })
})

afterAll(() => t.cleanup())

/** Links, tags and per-tag counts as stored. */
function snapshot() {
  const s = t.db.sqlite
  return {
    tags: s.prepare('SELECT id, name, norm_name, created_at FROM tags ORDER BY id').all(),
    links: s.prepare('SELECT article_id, tag_id, origin FROM article_tags ORDER BY article_id, tag_id').all(),
    stats: s.prepare('SELECT tag_id, article_count FROM tag_stats WHERE article_count <> 0 ORDER BY tag_id').all()
  }
}

/** The tag list as kept, then the same list from a full recount (tag_stats from article_tags, subtrees marked stale). */
function keptAndRecounted() {
  const s = t.db.sqlite
  const stale = s.prepare("SELECT count(*) FROM search_meta WHERE key = 'tag_tree_stale'").pluck().get()
  const kept = listTagCounts(t.db)
  const stats = s.prepare('SELECT tag_id, article_count FROM tag_stats WHERE article_count <> 0 ORDER BY tag_id').all()
  const recountedStats = s.prepare('SELECT tag_id, count(*) AS article_count FROM article_tags GROUP BY tag_id ORDER BY tag_id').all()
  s.exec("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('tag_tree_stale', '1')")
  return { kept, stale, stats, recounted: listTagCounts(t.db), recountedStats }
}

const tagId = (norm: string) => t.db.sqlite.prepare('SELECT id FROM tags WHERE norm_name = ?').pluck().get(norm) as number | undefined

describe('deleting a tag', () => {
  it(`removes a tag on ${N} articles in a handful of statements; counts equal a recount after delete and undo`, () => {
    const before = snapshot()
    let op: ReturnType<typeof deleteTag> | undefined
    let ms = 0
    // The tag and its child 细目: the child goes first.
    let calls = 0
    const pages = walPages(t.db, () => {
      calls = statements(t.db, () => {
        ;[op, ms] = timed(() => deleteTag(t.db, '领域/主题1'))
      })
    })
    const record = t.db.sqlite.prepare('SELECT length(changes_json) FROM tag_undo WHERE token = ?').pluck().get(op!.token) as number
    const removed = N + Math.ceil(N / 11)
    const gone = [tagId('领域/主题1'), tagId('领域/主题1/细目')]
    const deleted = keptAndRecounted()
    const linksLeft = snapshot().links.length

    let undoMs = 0
    let undoCalls = 0
    const undoPages = walPages(t.db, () => {
      undoCalls = statements(t.db, () => {
        ;[, undoMs] = timed(() => undoTagOperation(t.db, op!.token))
      })
    })
    const undone = keptAndRecounted()
    console.log(
      `delete of a tag on ${N} articles (${removed} links with its sub-tag): ${ms.toFixed(1)} ms, ${calls} statements, ${pages} WAL pages (${(pages / removed).toFixed(2)} per link), undo record ${record} bytes; undo ${undoMs.toFixed(1)} ms, ${undoCalls} statements, ${undoPages} WAL pages`
    )
    expect(pages).toBeLessThan(removed / 4)
    expect(undoPages).toBeLessThan(removed / 4)
    expect(op!.articles).toBe(N)
    expect(op!.tags).toBe(2)
    expect(gone).toEqual([undefined, undefined])
    expect(linksLeft).toBe(before.links.length - removed)
    expect(deleted.stale).toBe(0)
    expect(deleted.kept).toEqual(deleted.recounted)
    expect(deleted.stats).toEqual(deleted.recountedStats)
    expect(undone.stale).toBe(0)
    expect(undone.kept).toEqual(undone.recounted)
    expect(undone.stats).toEqual(undone.recountedStats)
    expect(snapshot()).toEqual(before)
    expect(calls).toBeLessThan(40)
    expect(undoCalls).toBeLessThan(40)
    // The ids grouped by origin (~6 bytes each), not one JSON object per link (~70 bytes).
    expect(record).toBeLessThan(removed * 8)
  })

  it('deletes a parent with its sub-tags children first, and undo restores every tag and link', () => {
    const before = snapshot()
    const op = deleteTag(t.db, '领域')
    expect(op.tags).toBe(4)
    const deleted = keptAndRecounted()
    expect(deleted.stale).toBe(0)
    expect(deleted.kept).toEqual(deleted.recounted)
    expect(deleted.kept.map((c) => c.name).filter((n) => n.startsWith('领域'))).toEqual([])
    // Children first in the record, so undo puts the parent back before its children.
    const order = (JSON.parse(t.db.sqlite.prepare('SELECT changes_json FROM tag_undo WHERE token = ?').pluck().get(op.token) as string) as { tag: { name: string } }[]).map((c) => c.tag.name)
    expect(order).toEqual(['领域/主题2', '领域/主题1/细目', '领域/主题1', '领域'])
    undoTagOperation(t.db, op.token)
    const undone = keptAndRecounted()
    expect(undone.kept).toEqual(undone.recounted)
    expect(snapshot()).toEqual(before)
  })

  it('undo skips articles deleted since and puts every other link back with its origin', () => {
    const s = t.db.sqlite
    const before = snapshot()
    const gone = s.prepare("SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.norm_name = '领域/主题1' LIMIT 1").pluck().get() as number
    const op = deleteTag(t.db, '领域/主题1')
    s.prepare('DELETE FROM articles WHERE id = ?').run(gone)
    expect(undoTagOperation(t.db, op.token).articles).toBe(N)
    const undone = keptAndRecounted()
    expect(undone.kept).toEqual(undone.recounted)
    expect(undone.stats).toEqual(undone.recountedStats)
    expect(snapshot().links).toEqual((before.links as { article_id: number }[]).filter((l) => l.article_id !== gone))
  })

  it('undoes a delete recorded link by link (undo records written before the set-based delete)', () => {
    const s = t.db.sqlite
    const before = snapshot()
    const tag = s.prepare("SELECT id, name, norm_name, created_at FROM tags WHERE norm_name = '标签'").get() as { id: number }
    const links = s.prepare('SELECT article_id AS articleId, tag_id AS tagId, origin FROM article_tags WHERE tag_id = ?').all(tag.id) as object[]
    s.transaction(() => {
      s.prepare('DELETE FROM article_tags WHERE tag_id = ?').run(tag.id)
      s.prepare('DELETE FROM tags WHERE id = ?').run(tag.id)
      const changes = [...links.map((l) => ({ kind: 'linkRemoved', ...l })), { kind: 'tagDeleted', tag }]
      s.prepare("INSERT INTO tag_undo (token, kind, changes_json, created_at) VALUES ('old-format', 'delete', ?, 'x')").run(JSON.stringify(changes))
    })()
    expect(undoTagOperation(t.db, 'old-format').articles).toBe(links.length)
    const undone = keptAndRecounted()
    expect(undone.kept).toEqual(undone.recounted)
    expect(snapshot()).toEqual(before)
  })
})

describe('deleting a tag while bound to a group', () => {
  it(`the outbox records each of ${N} articles losing the tag, and regaining it on undo`, () => {
    const s = t.db.sqlite
    bindLibrary(t.db, { server: 'http://127.0.0.1:1/', group: '00000000-0000-4000-8000-000000000000', memberName: 'li', role: 'editor' }, 'T'.repeat(43))
    s.exec('DELETE FROM sync_outbox')
    const outbox = () =>
      (s.prepare("SELECT op, local_id, payload FROM sync_outbox WHERE entity = 'tag' ORDER BY id").all() as { op: string; local_id: number; payload: string }[])
        .map((r) => `${r.local_id}:${r.op}:${(JSON.parse(r.payload) as { tag: string }).tag}`)
        .sort()
    const expected = (op: string) =>
      (s.prepare("SELECT at.article_id AS id, t.name AS name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.norm_name IN ('领域/主题1', '领域/主题1/细目')").all() as { id: number; name: string }[])
        .map((l) => `${l.id}:${op}:${l.name}`)
        .sort()
    const removals = expected('delete')
    const before = snapshot()
    const [op, ms] = timed(() => deleteTag(t.db, '领域/主题1'))
    expect(outbox()).toEqual(removals)
    s.exec('DELETE FROM sync_outbox')
    const [, undoMs] = timed(() => undoTagOperation(t.db, op.token))
    console.log(`bound: delete ${ms.toFixed(1)} ms, undo ${undoMs.toFixed(1)} ms, ${removals.length} outbox rows each`)
    expect(outbox()).toEqual(expected('insert'))
    expect(snapshot()).toEqual(before)
    const undone = keptAndRecounted()
    expect(undone.kept).toEqual(undone.recounted)
  })
})
