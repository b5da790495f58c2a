import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { ensureSearchIndexCurrent, searchArticles } from '../../../../src/main/services/search'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0007_ranked_characters', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('recreates search_uni with counts and has the index rebuilt, so one character ranks', async () => {
    t = await createTestDb('0006_sync_outbox')
    const db = t.db.sqlite
    const now = new Date().toISOString()
    const insert = db.prepare(
      `INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES (?, ?, ?, 'text', ?, ?, ?)`
    )
    const titled = Number(insert.run('龍舟', now, '賽事', '賽事', 'a', now).lastInsertRowid)
    const body = Number(insert.run('新聞', now, '龍龍龍', '龍龍龍', 'b', now).lastInsertRowid)
    // Before: distinct characters only, no counts to rank by.
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_uni'").pluck().get()).toContain('detail=none')

    await migrate(t.db, '0007_ranked_characters')
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_uni'").pluck().get()).toContain('detail=full')
    expect(db.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(2)
    expect(db.prepare("SELECT count(*) FROM search_meta WHERE key = 'tokenizer_version'").pluck().get()).toBe(0)
    // The search's own check rebuilds once (0007 removed the record) and records it; start-up then has nothing to do.
    expect(searchArticles(t.db, '龍').hits.map((h) => h.id)).toEqual([titled, body])
    expect(ensureSearchIndexCurrent(t.db)).toBe(false)
    expect(db.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0)
    const hits = searchArticles(t.db, '龍').hits
    console.log(`after 0007: 龍 ranks ${hits.map((h) => `${h.id === titled ? 'title hit' : 'body ×3'} (${h.score.toFixed(2)})`).join(' > ')}`)
    expect(hits.map((h) => h.id)).toEqual([titled, body])
  })
})
