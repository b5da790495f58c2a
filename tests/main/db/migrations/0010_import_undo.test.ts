// Migration 0010: the records an import keeps for its Undo (fields it filled in, notes it attached); they
// go with their import or article, and an existing library keeps its data.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0010_import_undo', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('creates import_enrichments and import_attached_notes, keeps existing data, and cascades with articles and imports', async () => {
    t = await createTestDb('0008_unattached_notes')
    const db = t.db.sqlite
    const now = new Date().toISOString()
    db.prepare(`INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('甲', ?, '正文', 'text', '正文', 'h', ?)`).run(now, now)
    db.prepare(`INSERT INTO imports (started_at, status, sources_json, imported_count, duplicate_count, failed_count, report_json) VALUES (?, 'done', '[]', 0, 1, 0, '{}')`).run(now)
    await migrate(t.db, '0010_import_undo')
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1)
    db.prepare(`INSERT INTO import_enrichments (import_id, article_id, field, previous, value) VALUES (1, 1, 'author', NULL, '王明')`).run()
    db.prepare(`INSERT INTO import_attached_notes (import_id, note_json) VALUES (1, '{}')`).run()
    expect(() => db.prepare(`INSERT INTO import_enrichments (import_id, article_id, field, previous, value) VALUES (1, 1, 'body_text', NULL, 'x')`).run()).toThrow(/CHECK/)
    db.prepare('DELETE FROM articles').run()
    const enrichments = db.prepare('SELECT count(*) FROM import_enrichments').pluck().get()
    db.prepare('DELETE FROM imports').run()
    const notes = db.prepare('SELECT count(*) FROM import_attached_notes').pluck().get()
    console.log(`0010: after deleting the article ${enrichments} enrichment rows; after deleting the import ${notes} attached-note rows`)
    expect(enrichments).toBe(0)
    expect(notes).toBe(0)
  })
})
