// Migration 0003: the per-article undo stack of highlight changes and an index for the library-wide
// highlight list (newest first). Frozen in time: never edit after release; add a new migration.
//
// The undo stack lives in the database, not in memory, so that an entry is written in the same
// transaction as the change it undoes (they can never disagree), it survives a restart and works the
// same from the Electron app, the preview host and the CLI, and deleting an article drops its entries
// with it (ON DELETE CASCADE).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE annotation_undo (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    annotation_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create','update','delete')),
    before_json TEXT,
    created_at TEXT NOT NULL)`.execute(db)
  await sql`CREATE INDEX annotation_undo_article ON annotation_undo (article_id, id)`.execute(db)
  await sql`CREATE INDEX annotations_created ON annotations (created_at, id)`.execute(db)
}
