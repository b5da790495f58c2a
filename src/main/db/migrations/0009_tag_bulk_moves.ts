// Migration 0009: tag merges move links in bulk (issue 16). Frozen in time: never edit after release; add
// a new migration.
//
// A merge moved each link through the per-row count triggers (2.3 s for a tag on 18,000 articles). Now:
// - tag_bulk holds one row only inside a merge (or its undo) transaction; the count triggers on
//   article_tags skip while it is there, and that statement fixes tag_stats / tag_tree_stats itself, set-based
//   (tag.repository moveTagLinks). A crash or rollback takes the row with it.
// - tag_tree_stats_au: the subtree counts now follow an UPDATE of a link's tag as well (0002 only
//   followed inserts and deletes, so a moved link would have left them wrong).
// The sync outbox triggers (0006) are untouched: they record a bulk move too, row by row while bound.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const exec = (statement: string) => sql.raw(statement).execute(db)

  await exec('CREATE TABLE tag_bulk (id INTEGER PRIMARY KEY CHECK (id = 1))')
  const counting = 'NOT EXISTS (SELECT 1 FROM tag_bulk)'

  for (const name of ['tag_stats_ai', 'tag_stats_ad', 'tag_stats_au', 'tag_tree_stats_ai', 'tag_tree_stats_ad']) {
    await exec(`DROP TRIGGER ${name}`)
  }
  const bump = (ref: string, by: string) => `INSERT INTO tag_stats (tag_id, article_count) VALUES (${ref}.tag_id, ${by})
      ON CONFLICT (tag_id) DO UPDATE SET article_count = article_count + excluded.article_count;`
  await exec(`CREATE TRIGGER tag_stats_ai AFTER INSERT ON article_tags WHEN ${counting} BEGIN ${bump('new', '1')} END`)
  await exec(`CREATE TRIGGER tag_stats_ad AFTER DELETE ON article_tags WHEN ${counting} BEGIN
    UPDATE tag_stats SET article_count = article_count - 1 WHERE tag_id = old.tag_id; END`)
  await exec(`CREATE TRIGGER tag_stats_au AFTER UPDATE OF tag_id ON article_tags WHEN ${counting} AND old.tag_id <> new.tag_id BEGIN
    UPDATE tag_stats SET article_count = article_count - 1 WHERE tag_id = old.tag_id;
    ${bump('new', '1')} END`)

  // An article counts in a subtree once: only its first tag there adds it, only its last one removes it.
  const otherInSubtree = (link: string) => `EXISTS (SELECT 1 FROM article_tags x JOIN tag_ancestors tb ON tb.tag_id = x.tag_id AND tb.anc = ta.anc
      WHERE x.article_id = ${link}.article_id AND x.tag_id <> ${link}.tag_id)`
  const gained = (notUnder = '') => `INSERT INTO tag_tree_stats (anc, article_count)
      SELECT ta.anc, 1 FROM tag_ancestors ta WHERE ta.tag_id = new.tag_id AND NOT ${otherInSubtree('new')} ${notUnder}
      ON CONFLICT (anc) DO UPDATE SET article_count = article_count + 1;`
  const lost = `UPDATE tag_tree_stats SET article_count = article_count - 1
      WHERE anc IN (SELECT ta.anc FROM tag_ancestors ta WHERE ta.tag_id = old.tag_id AND NOT ${otherInSubtree('old')});`
  await exec(`CREATE TRIGGER tag_tree_stats_ai AFTER INSERT ON article_tags WHEN ${counting} BEGIN ${gained()} END`)
  await exec(`CREATE TRIGGER tag_tree_stats_ad AFTER DELETE ON article_tags WHEN ${counting} BEGIN ${lost} END`)
  // A moved link's old tag counted it already in the subtrees both tags share.
  await exec(`CREATE TRIGGER tag_tree_stats_au AFTER UPDATE OF tag_id ON article_tags WHEN ${counting} AND old.tag_id <> new.tag_id BEGIN
    ${lost}
    ${gained('AND ta.anc NOT IN (SELECT anc FROM tag_ancestors WHERE tag_id = old.tag_id)')} END`)
}
