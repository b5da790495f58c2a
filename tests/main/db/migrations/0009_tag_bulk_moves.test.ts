// Migration 0009: the count triggers on article_tags skip while tag_bulk holds its row (a bulk move fixes
// the counts itself), count as before otherwise, and the subtree counts now follow an UPDATE of a link's tag.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0009_tag_bulk_moves', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('guards the count triggers with tag_bulk and adds the subtree-count update trigger', async () => {
    t = await createTestDb('0008_unattached_notes')
    const s = t.db.sqlite
    const insert = s.prepare("INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('t', 'x', 'x', 'txt', 'x', ?, 'x')")
    const [a, b] = ['a', 'b'].map((h) => Number(insert.run(h).lastInsertRowid)) as [number, number]
    s.exec("INSERT INTO tags (name, norm_name, created_at) VALUES ('政法/维稳', '政法/维稳', 'x'), ('体育', '体育', 'x')")
    const [zf, ty] = s.prepare('SELECT id FROM tags ORDER BY id').pluck().all() as [number, number]
    s.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'user')").run(a, zf)
    const tree = () => Object.fromEntries((s.prepare('SELECT anc, article_count FROM tag_tree_stats ORDER BY anc').all() as { anc: string; article_count: number }[]).map((r) => [r.anc, r.article_count]))
    const stats = () => Object.fromEntries((s.prepare('SELECT tag_id, article_count FROM tag_stats ORDER BY tag_id').all() as { tag_id: number; article_count: number }[]).map((r) => [r.tag_id, r.article_count]))

    // Before: moving a link to another tag leaves the subtree counts behind.
    s.prepare('UPDATE article_tags SET tag_id = ? WHERE article_id = ?').run(ty, a)
    expect(tree()).toEqual({ 政法: 1, '政法/维稳': 1 })
    s.prepare('UPDATE article_tags SET tag_id = ? WHERE article_id = ?').run(zf, a)
    s.exec("DELETE FROM tag_tree_stats; INSERT INTO tag_tree_stats (anc, article_count) VALUES ('政法', 1), ('政法/维稳', 1)")

    await migrate(t.db, '0009_tag_bulk_moves')
    s.prepare('UPDATE article_tags SET tag_id = ? WHERE article_id = ?').run(ty, a)
    expect(tree()).toEqual({ 体育: 1, 政法: 0, '政法/维稳': 0 })
    expect(stats()).toEqual({ [zf]: 0, [ty]: 1 })
    s.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'user')").run(b, ty)
    s.prepare('UPDATE article_tags SET tag_id = ? WHERE article_id = ?').run(zf, b)
    expect(tree()).toEqual({ 体育: 1, 政法: 1, '政法/维稳': 1 })
    expect(stats()).toEqual({ [zf]: 1, [ty]: 1 })

    // Inside a bulk move the triggers leave the counts to the statement that moves the links.
    s.exec('BEGIN; INSERT INTO tag_bulk (id) VALUES (1)')
    s.prepare('DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?').run(b, zf)
    s.prepare('UPDATE article_tags SET tag_id = ? WHERE article_id = ? AND tag_id = ?').run(zf, a, ty)
    s.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'user')").run(b, ty)
    expect(tree()).toEqual({ 体育: 1, 政法: 1, '政法/维稳': 1 })
    expect(stats()).toEqual({ [zf]: 1, [ty]: 1 })
    s.exec('ROLLBACK')
    expect(s.prepare('SELECT count(*) FROM tag_bulk').pluck().get()).toBe(0)

    // Outside one, inserts and deletes count as they did.
    s.prepare('DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?').run(a, ty)
    expect(tree()).toEqual({ 体育: 0, 政法: 1, '政法/维稳': 1 })
    expect(stats()).toEqual({ [zf]: 1, [ty]: 0 })
  })
})
