// Migration 0007: one-character searches are ranked (issue 12). Frozen in time: never edit after release;
// add a new migration.
//
// search_uni held each article's distinct characters with detail=none: enough to find a character, not to
// rank by it (no counts, no title). It is recreated with detail=full for the version-2 stream of
// services/search/tokenize.ts (unigramTokens: each character repeated 1 + log2 of its count, plus
// title-marked copies of the title's characters), so bm25 ranks one-character queries as it ranks longer
// ones. The migration does not tokenize (live code changes; a migration must not): it empties the table,
// marks every article stale and removes the tokenizer version, so the next start rebuilds the index
// (ensureSearchIndexCurrent) and any search before that reindexes what it needs (flushSearchIndex).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE search_uni`.execute(db)
  await sql
    .raw("CREATE VIRTUAL TABLE search_uni USING fts5(chars, content='', contentless_delete=1, detail=full, tokenize='ascii')")
    .execute(db)
  await sql`INSERT OR IGNORE INTO search_dirty (article_id) SELECT id FROM articles`.execute(db)
  await sql`DELETE FROM search_meta WHERE key = 'tokenizer_version'`.execute(db)
}
