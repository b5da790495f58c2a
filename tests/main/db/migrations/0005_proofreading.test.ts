import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0005_proofreading', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('adds decisions and a findings cache that a change of the cleaned text drops', async () => {
    t = await createTestDb('0004_live_tag_search')
    const now = new Date().toISOString()
    const db = t.db.sqlite
    const id = Number(
      db
        .prepare(`INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('標題', ?, '近日,走進', 'text', '近日,走進', 'h', ?)`)
        .run(now, now).lastInsertRowid
    )
    await migrate(t.db, '0005_proofreading')

    const decide = db.prepare(
      `INSERT INTO proofread_decisions (article_id, code, start_offset, end_offset, text, suggestion, decision, decided_at) VALUES (?, 'punctuation.half-width', 2, 3, ',', '，', ?, ?)`
    )
    decide.run(id, 'accepted', now)
    // One decision per finding: the same finding again is a conflict, not a second row.
    expect(() => decide.run(id, 'ignored', now)).toThrow(/UNIQUE/)
    expect(() => db.prepare(`INSERT INTO proofread_decisions (article_id, code, start_offset, end_offset, text, suggestion, decision, decided_at) VALUES (?, 'x', 0, 1, 'a', 'b', 'maybe', ?)`).run(id, now)).toThrow(/CHECK/)
    db.prepare(`INSERT INTO proofread_cache (article_id, standard, findings_json, open_count, computed_at) VALUES (?, 't', '[]', 3, ?)`).run(id, now)

    // Reading state changes keep the cache; a new cleaned text drops it (decisions stay, they just stop matching).
    db.prepare("UPDATE articles SET read_state = 'read', progress = 1 WHERE id = ?").run(id)
    expect(db.prepare('SELECT count(*) FROM proofread_cache').pluck().get()).toBe(1)
    db.prepare("UPDATE articles SET body_text = '近日，走進' WHERE id = ?").run(id)
    const left = { cache: db.prepare('SELECT count(*) FROM proofread_cache').pluck().get(), decisions: db.prepare('SELECT count(*) FROM proofread_decisions').pluck().get() }
    console.log(`0005: after a text change cache rows ${String(left.cache)}, decisions ${String(left.decisions)}`)
    expect(left).toEqual({ cache: 0, decisions: 1 })

    db.prepare('DELETE FROM articles WHERE id = ?').run(id)
    expect(db.prepare('SELECT count(*) FROM proofread_decisions').pluck().get()).toBe(0)
  })
})
