// Migration 0004: tag names leave the full-text index; search matches them live from the tags table.
// Frozen in time: never edit after release; add a new migration.
//
// With tag names inside each article's index entry, renaming or merging a tag carried by 20,000 articles
// marked all of them stale, and the next search re-tokenised their whole bodies (~15 s with the main
// process blocked). Tag names are now matched at query time (services/search/query.ts, a scan of the
// tags table: thousands of names, well under a millisecond), so tag edits touch no index entry. The
// triggers that marked articles stale on tag changes are dropped, and the index is marked as built by
// another version, so the next start rebuilds it without the tag tokens (ensureSearchIndexCurrent).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS search_article_tags_ai`.execute(db)
  await sql`DROP TRIGGER IF EXISTS search_article_tags_ad`.execute(db)
  await sql`DROP TRIGGER IF EXISTS search_tags_au`.execute(db)
  await sql`DELETE FROM search_meta WHERE key = 'tokenizer_version'`.execute(db)
}
