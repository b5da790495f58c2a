import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0003_annotations', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('adds the undo stack and the creation index, keeping existing highlights', async () => {
    t = await createTestDb('0002_search')
    const now = new Date().toISOString()
    const id = Number(
      t.db.sqlite
        .prepare(`INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('標題', ?, '正文', 'text', '正文', 'h', ?)`)
        .run(now, now).lastInsertRowid
    )
    t.db.sqlite
      .prepare("INSERT INTO annotations (article_id, color, start_offset, end_offset, exact, created_at, updated_at) VALUES (?, 'yellow', 0, 2, '正文', ?, ?)")
      .run(id, now, now)
    await migrate(t.db, '0003_annotations')
    expect(t.db.sqlite.prepare('SELECT exact FROM annotations').all()).toEqual([{ exact: '正文' }])
    const indexes = (t.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='index'").all() as { name: string }[]).map((r) => r.name)
    expect(indexes).toEqual(expect.arrayContaining(['annotation_undo_article', 'annotations_created']))
    t.db.sqlite.prepare("INSERT INTO annotation_undo (article_id, annotation_id, action, created_at) VALUES (?, 1, 'create', ?)").run(id, now)
    expect(() => t.db.sqlite.prepare("INSERT INTO annotation_undo (article_id, annotation_id, action, created_at) VALUES (?, 1, 'rename', ?)").run(id, now)).toThrow(/CHECK/)
    t.db.sqlite.prepare('DELETE FROM articles WHERE id = ?').run(id)
    expect(t.db.sqlite.prepare('SELECT count(*) AS n FROM annotation_undo').get()).toEqual({ n: 0 })
  })
})
