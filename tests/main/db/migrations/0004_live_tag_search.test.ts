import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { ensureSearchIndexCurrent, searchArticles, TOKENIZER_VERSION } from '../../../../src/main/services/search'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0004_live_tag_search', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('drops the tag staleness triggers and has the index rebuilt without tag names', async () => {
    t = await createTestDb('0003_annotations')
    const now = new Date().toISOString()
    const db = t.db.sqlite
    const id = Number(
      db
        .prepare(`INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('標題', ?, '正文內容', 'text', '正文內容', 'h', ?)`)
        .run(now, now).lastInsertRowid
    )
    const tag = Number(db.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('舊標籤', '旧标签', ?)").run(now).lastInsertRowid)
    db.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'user')").run(id, tag)
    db.prepare("INSERT INTO search_meta (key, value) VALUES ('tokenizer_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(TOKENIZER_VERSION))
    db.exec('DELETE FROM search_dirty')
    // Before: a rename marks every article carrying the tag stale.
    db.prepare("UPDATE tags SET name = '中標籤' WHERE id = ?").run(tag)
    expect(db.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(1)
    db.exec('DELETE FROM search_dirty')

    await migrate(t.db, '0004_live_tag_search')
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'").pluck().all()
    expect(triggers).not.toEqual(expect.arrayContaining(['search_article_tags_ai']))
    expect(triggers).not.toContain('search_article_tags_ad')
    expect(triggers).not.toContain('search_tags_au')
    expect(triggers).toEqual(expect.arrayContaining(['search_articles_ai', 'search_annotations_ai']))
    // After: tag edits leave the index alone; the next start rebuilds it once (version key removed).
    db.prepare("UPDATE tags SET name = '新標籤' WHERE id = ?").run(tag)
    db.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('另一個', '另一个', ?)").run(now)
    db.prepare("INSERT INTO article_tags (article_id, tag_id, origin) SELECT ?, id, 'user' FROM tags WHERE norm_name = '另一个'").run(id)
    expect(db.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0)
    expect(ensureSearchIndexCurrent(t.db)).toBe(true)
    expect(ensureSearchIndexCurrent(t.db)).toBe(false)
    expect(searchArticles(t.db, '新标签').hits.map((h) => h.id)).toEqual([id])
    expect(searchArticles(t.db, '中標籤').hits).toEqual([])
    expect(searchArticles(t.db, '正文').hits.map((h) => h.id)).toEqual([id])
  })
})
