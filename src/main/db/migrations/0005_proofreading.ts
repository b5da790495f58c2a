// Migration 0005: the editor's desk (issue 14). Frozen in time: never edit after release; add a new migration.
//
// - proofread_decisions: what the editor decided on a finding (accepted / ignored), keyed by the article
//   and the finding itself (rule code, range and text in the cleaned text), so a decision outlives a reload
//   and a re-proofreading, and simply stops matching when the text under it changes. The suggestion is kept
//   so the corrected text can be rebuilt from the cleaned text and the accepted decisions alone.
// - proofread_cache: the findings of an article's last proofreading (to its own script) and how many are
//   still open, so the list can show a count without proofreading every row. A trigger drops the entry
//   when the cleaned text or the source script changes, whichever code changes it.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const exec = (text: string) => sql.raw(text).execute(db)
  await exec(`CREATE TABLE proofread_decisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    text TEXT NOT NULL,
    suggestion TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'ignored')),
    decided_at TEXT NOT NULL,
    UNIQUE (article_id, code, start_offset, end_offset, text)
  )`)
  await exec(`CREATE TABLE proofread_cache (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    standard TEXT NOT NULL,
    findings_json TEXT NOT NULL,
    open_count INTEGER NOT NULL,
    computed_at TEXT NOT NULL
  )`)
  await exec(`CREATE TRIGGER proofread_cache_articles_au AFTER UPDATE OF body_text, source_script ON articles BEGIN
    DELETE FROM proofread_cache WHERE article_id = new.id; END`)
}
