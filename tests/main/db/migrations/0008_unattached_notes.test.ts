// Migration 0008: the unattached notes table: one row per note however often its file is imported, and a
// note the user deleted comes back when it is imported again.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import {
  insertUnattachedNote,
  listUnattachedNotes,
  markUnattachedNoteDeleted
} from '../../../../src/main/db/repositories/unattached.repository'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0008_unattached_notes', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('creates unattached_notes, keeps existing data, and stores each note once', async () => {
    t = await createTestDb('0007_ranked_characters')
    const db = t.db.sqlite
    const now = new Date().toISOString()
    db.prepare(`INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('甲', ?, '正文', 'text', '正文', 'h', ?)`).run(now, now)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'unattached_notes'").pluck().get()).toBe(0)

    await migrate(t.db, '0008_unattached_notes')
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1)
    const note = {
      format: 'kindle' as const,
      file: 'My Clippings.txt',
      quote: '給歲月以文明',
      note: null,
      title: '三體 (劉慈欣)',
      sources_json: '[]',
      selection_json: JSON.stringify({ exact: '給歲月以文明', prefix: '', suffix: '', position: null, range: null }),
      text_kind: 'clean' as const,
      color: 'yellow',
      tags_json: '[]',
      created_at: null,
      modified_at: null,
      stored_at: now
    }
    expect(insertUnattachedNote(t.db, note)).toBe(true)
    expect(insertUnattachedNote(t.db, { ...note, file: 'again.txt' })).toBe(false)
    const [row] = listUnattachedNotes(t.db)
    expect(markUnattachedNoteDeleted(t.db, row!.id, true)).toBe(true)
    expect(listUnattachedNotes(t.db)).toHaveLength(0)
    // Imported again after a delete: it is back.
    expect(insertUnattachedNote(t.db, note)).toBe(true)
    const rows = db.prepare('SELECT count(*) FROM unattached_notes').pluck().get()
    console.log(`0008: one note imported 3 times (deleted once in between) → ${rows} row, ${listUnattachedNotes(t.db).length} listed`)
    expect(rows).toBe(1)
    expect(listUnattachedNotes(t.db)).toHaveLength(1)
  })
})
