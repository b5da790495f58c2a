// Migration 0010: what an import changed besides the articles it added, so Undo can reverse it (issue 11).
// Frozen in time: never edit after release; add a new migration.
//
// - import_enrichments: one row per field an import filled in on an article it found already stored (a
//   duplicate that was the richer copy): the value before and the value written. Undo puts the previous
//   value back only where the field still holds the written one (a later edit wins).
// - import_attached_notes: an unattached note that an import attached to one of its new articles, kept as
//   the row it was (JSON), so Undo returns it to the unattached list instead of losing it with the article.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE import_enrichments (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ('title', 'author', 'editor', 'published_at', 'source', 'url')),
    previous TEXT,
    value TEXT NOT NULL)`
    )
    .execute(db)
  await sql.raw('CREATE INDEX import_enrichments_import ON import_enrichments (import_id)').execute(db)
  await sql.raw('CREATE INDEX import_enrichments_article ON import_enrichments (article_id)').execute(db)
  await sql
    .raw(
      `CREATE TABLE import_attached_notes (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    note_json TEXT NOT NULL)`
    )
    .execute(db)
  await sql.raw('CREATE INDEX import_attached_notes_import ON import_attached_notes (import_id)').execute(db)
}
