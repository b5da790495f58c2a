// Migration 0008: unattached notes (issue 11). Frozen in time: never edit after release; add a new migration.
//
// An imported highlight whose article is not in the library is kept here, with what the input said about
// it (the sources it targets: URLs or our urn:marginalia:article ids, the title, its selector, note,
// colour, tags and times, the file it came from), so that a later import of the article attaches it with
// the same matcher. The unique index keeps one row per note when the same file is imported twice.
// deleted_at marks a note the user deleted, so the toast's Undo can bring it back; the next import purges it.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE unattached_notes (
    id INTEGER PRIMARY KEY,
    format TEXT NOT NULL CHECK (format IN ('w3c', 'kindle')),
    file TEXT NOT NULL,
    quote TEXT NOT NULL,
    note TEXT,
    title TEXT,
    sources_json TEXT NOT NULL DEFAULT '[]',
    selection_json TEXT NOT NULL,
    text_kind TEXT NOT NULL DEFAULT 'clean' CHECK (text_kind IN ('clean', 'original')),
    color TEXT NOT NULL DEFAULT 'yellow',
    tags_json TEXT NOT NULL DEFAULT '[]',
    created_at TEXT,
    modified_at TEXT,
    stored_at TEXT NOT NULL,
    deleted_at TEXT)`
    )
    .execute(db)
  await sql
    .raw("CREATE UNIQUE INDEX unattached_notes_same ON unattached_notes (quote, coalesce(title, ''), sources_json, coalesce(note, ''))")
    .execute(db)
}
