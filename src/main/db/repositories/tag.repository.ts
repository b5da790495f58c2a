// Tag queries and writes (main process). Tag identity is the script- and case-folded name, so 華龍區 and
// 华龙区 are one tag; the first spelling seen is kept as the display name. Writes are synchronous and run in
// the caller's transaction. Counts come from tag_stats / tag_tree_stats, kept by triggers (migration 0002).
import { foldForSearch } from '@shared/script'
import { transaction, type Db } from '../connection'
import type { ArticleTagTable, TagRow } from '../database'
import { idLiterals, idSet } from '../ids'
import { allRows, execScript, getRow, pluck, runWrite, sql, sqlRaw, type SqlFragment } from '../sql'

type Origin = ArticleTagTable['origin']

/** The display form: NFKC, each `/`-separated segment trimmed with inner whitespace folded, empty segments dropped. */
export function cleanTagName(name: string): string {
  return name
    .normalize('NFKC')
    .split('/')
    .map((s) => s.trim().replace(/\s+/gu, ' '))
    .filter((s) => s.length > 0)
    .join('/')
}

/** The identity form: the display form folded to one script and lower case. */
export function normalizeTagName(name: string): string {
  return foldForSearch(cleanTagName(name)).toLowerCase()
}

export function findTagByNorm(db: Db, norm: string): TagRow | undefined {
  return getRow<TagRow>(db, sql`SELECT id, name, norm_name, created_at FROM tags WHERE norm_name = ${norm}`)
}

/**
 * The tag with this folded name and all its sub-tags (`政法` → 政法, 政法/平安建设, …), parents first. The
 * range form keeps the lookup on the unique index.
 */
export function tagSubtree(db: Db, norm: string): TagRow[] {
  return allRows<TagRow>(
    db,
    sql`SELECT id, name, norm_name, created_at FROM tags WHERE norm_name = ${norm} OR (norm_name >= ${norm + '/'} AND norm_name < ${norm + '0'}) ORDER BY norm_name`
  )
}

export function insertTag(db: Db, name: string, norm: string, createdAt: string): number {
  return Number(runWrite(db, sql`INSERT INTO tags (name, norm_name, created_at) VALUES (${name}, ${norm}, ${createdAt})`).lastInsertRowid)
}

/** Puts a deleted tag back with its old id (undo). */
export function restoreTag(db: Db, tag: TagRow): void {
  runWrite(db, sql`INSERT INTO tags (id, name, norm_name, created_at) VALUES (${tag.id}, ${tag.name}, ${tag.norm_name}, ${tag.created_at})`)
}

export function renameTagRow(db: Db, id: number, name: string, norm: string): void {
  runWrite(db, sql`UPDATE tags SET name = ${name}, norm_name = ${norm} WHERE id = ${id}`)
}

export function deleteTagRow(db: Db, id: number): void {
  runWrite(db, sql`DELETE FROM tags WHERE id = ${id}`)
}

/** Deletes a tag unless an article carries it. */
export function deleteTagIfUnused(db: Db, id: number): void {
  const countsCurrent = !treeCountsStale(db)
  const deleted = runWrite(db, sql`DELETE FROM tags WHERE id = ${id} AND NOT EXISTS (SELECT 1 FROM article_tags WHERE tag_id = ${id})`).changes > 0
  // A tag no article carries counts in no subtree: the deletion's stale mark (migration 0002) is not needed.
  if (deleted && countsCurrent) markTreeCountsCurrent(db)
}

/** Removes tags no article uses any more (after an import is undone). */
export function deleteUnusedTags(db: Db): number {
  return runWrite(db, sql`DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = tags.id)`).changes
}

/** Returns the id of the tag with this (folded) name, creating it if needed. */
export function upsertTag(db: Db, name: string): number {
  const display = cleanTagName(name)
  const norm = normalizeTagName(display)
  return findTagByNorm(db, norm)?.id ?? insertTag(db, display, norm, new Date().toISOString())
}

/** Links an article and a tag; false when the link existed already. */
export function addArticleTag(db: Db, articleId: number, tagId: number, origin: Origin): boolean {
  return runWrite(db, sql`INSERT OR IGNORE INTO article_tags (article_id, tag_id, origin) VALUES (${articleId}, ${tagId}, ${origin})`).changes > 0
}

/** Puts a removed link back, unless the article or the tag is gone since (undo). */
export function restoreArticleTag(db: Db, articleId: number, tagId: number, origin: Origin): void {
  runWrite(
    db,
    sql`INSERT OR IGNORE INTO article_tags (article_id, tag_id, origin) SELECT ${articleId}, ${tagId}, ${origin}
      WHERE EXISTS (SELECT 1 FROM articles WHERE id = ${articleId}) AND EXISTS (SELECT 1 FROM tags WHERE id = ${tagId})`
  )
}

/** Unlinks an article and a tag; returns the removed link's origin, undefined when there was none. */
export function removeArticleTag(db: Db, articleId: number, tagId: number): Origin | undefined {
  return getRow<{ origin: Origin }>(db, sql`DELETE FROM article_tags WHERE article_id = ${articleId} AND tag_id = ${tagId} RETURNING origin`)?.origin
}

/** The articles carrying this tag, by article id. */
export function tagLinks(db: Db, tagId: number): { article_id: number; origin: Origin }[] {
  return allRows(db, sql`SELECT article_id, origin FROM article_tags WHERE tag_id = ${tagId} ORDER BY article_id`)
}

export function attachTags(db: Db, articleId: number, names: readonly string[], origin: Origin): void {
  for (const name of names) {
    if (!name.trim()) continue
    addArticleTag(db, articleId, upsertTag(db, name), origin)
  }
}

export function tagsOfArticle(db: Db, articleId: number): string[] {
  return pluck<string>(db, sql`SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ${articleId} ORDER BY t.name`)
}

/** The folded names of an article's tags. */
export function tagNormsOfArticle(db: Db, articleId: number): string[] {
  return pluck<string>(db, sql`SELECT t.norm_name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ${articleId}`)
}

/** Every tag's id and display name (search matches query terms against them). */
export function allTagNames(db: Db): { id: number; name: string }[] {
  return allRows(db, sql`SELECT id, name FROM tags`)
}

/** Articles carrying any of these tags, from tag_stats: an upper bound (an article may carry several). */
export function tagSetSize(db: Db, tagIds: readonly number[]): number {
  return getRow<{ n: number }>(db, sql`SELECT coalesce(sum(article_count), 0) AS n FROM tag_stats WHERE tag_id IN ${idSet(tagIds)}`)?.n ?? 0
}

/** True when a rename or a tag deletion has left tag_tree_stats to be recounted (refreshTagTreeStats). */
export function treeCountsStale(db: Db): boolean {
  return getRow(db, sql`SELECT 1 AS stale FROM search_meta WHERE key = 'tag_tree_stale'`) !== undefined
}

function markTreeCountsCurrent(db: Db): void {
  runWrite(db, sql`DELETE FROM search_meta WHERE key = 'tag_tree_stale'`)
}

/**
 * Distinct articles carrying a tag of the subtree at this folded path: one row of tag_tree_stats while it
 * is current, else counted from article_tags.
 */
export function subtreeArticleCount(db: Db, norm: string, tagIds: readonly number[]): number {
  if (!treeCountsStale(db)) return getRow<{ n: number }>(db, sql`SELECT article_count AS n FROM tag_tree_stats WHERE anc = ${norm}`)?.n ?? 0
  return getRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM (SELECT article_id FROM article_tags WHERE tag_id IN (${idLiterals(tagIds)}) GROUP BY article_id)`)?.n ?? 0
}

/**
 * Keeps the subtree counts current through a rename under the same parent (政法 → 法治, 领域/主题 →
 * 领域/专题), which the rename trigger (migration 0002) marks stale: the old paths' rows move to the new
 * paths and no ancestor's count changes, so the next tag list needs no recount of every link (seconds on
 * 1M articles). Call right after the rename, only when the counts were current before it. Leaves them
 * stale when a row already exists under the new path (an implicit parent shared with other tags).
 */
export function moveSubtreeCounts(db: Db, fromNorm: string, toNorm: string): void {
  const under = (norm: string) => sql`(anc = ${norm} OR (anc >= ${norm + '/'} AND anc < ${norm + '0'}))`
  if (fromNorm !== toNorm) {
    if (getRow(db, sql`SELECT 1 AS taken FROM tag_tree_stats WHERE ${under(toNorm)} LIMIT 1`)) return
    runWrite(db, sql`UPDATE tag_tree_stats SET anc = ${toNorm} || substr(anc, ${fromNorm.length + 1}) WHERE ${under(fromNorm)}`)
  }
  markTreeCountsCurrent(db)
}

/** A tag's articles by link origin (what a delete or a merge took, for its undo). */
export type TagLinks = Record<Origin, number[]>

export function allLinks(links: TagLinks): number[] {
  return [...links.import, ...links.user]
}

/** What a merge moved, for its undo: the merged tag's articles by link origin, and those that carried the target too. */
export interface MergedLinks {
  links: TagLinks
  /** Articles that carried both tags: their link to the merged tag was dropped, the target's kept. */
  dropped: number[]
}

/**
 * Runs `fn` with the per-row count triggers on article_tags off (tag_bulk, migration 0009): `fn` keeps
 * tag_stats and tag_tree_stats itself. Inside the caller's transaction, so a failure takes the flag back.
 */
function withoutCountTriggers(db: Db, fn: () => void): void {
  runWrite(db, sql`INSERT INTO tag_bulk (id) VALUES (1)`)
  try {
    fn()
  } finally {
    runWrite(db, sql`DELETE FROM tag_bulk`)
  }
}

function addToTagCount(db: Db, tagId: number, by: number): void {
  runWrite(
    db,
    sql`INSERT INTO tag_stats (tag_id, article_count) VALUES (${tagId}, ${by})
      ON CONFLICT (tag_id) DO UPDATE SET article_count = article_count + excluded.article_count`
  )
}

/**
 * Per subtree in `ancs`, `sign` times the articles of `articles` (a subquery selecting `id`) not counted
 * there already through a tag other than `tagId`: how the subtree count changes when those articles gain
 * or lose `tagId` (read before the links change).
 */
function treeCountChange(sign: number, articles: SqlFragment, ancs: SqlFragment, tagId: number): SqlFragment {
  return sql`SELECT s.anc AS anc, ${sign} * ((SELECT count(*) FROM (${articles})) - coalesce(c.n, 0)) AS n FROM ${ancs} s LEFT JOIN (
      SELECT tb.anc AS anc, count(DISTINCT a.id) AS n FROM (${articles}) a
        JOIN article_tags x ON x.article_id = a.id AND x.tag_id <> ${tagId} JOIN tag_ancestors tb ON tb.tag_id = x.tag_id
      WHERE tb.anc IN ${ancs} GROUP BY tb.anc) c ON c.anc = s.anc`
}

function addToTreeCounts(db: Db, changes: SqlFragment): void {
  runWrite(
    db,
    sql`INSERT INTO tag_tree_stats (anc, article_count) SELECT anc, n FROM (${changes}) WHERE true
      ON CONFLICT (anc) DO UPDATE SET article_count = article_count + excluded.article_count`
  )
}

/**
 * Adjusts tag_tree_stats, before the links change, for a move: the articles of `gaining` (a subquery
 * selecting `id`) get tag `gain`, those of `losing` lose tag `loss`. A subtree of `gain` only gains the
 * articles not yet counted in it; a subtree of `loss` only loses those counted in it through `loss` alone;
 * a subtree of both keeps its count. One pass over the moved articles' tags per side, instead of two
 * trigger runs per link.
 */
function adjustTreeCountsForMove(db: Db, gain: number, gaining: SqlFragment, loss: number, losing: SqlFragment): void {
  addToTreeCounts(db, sql`${treeCountChange(1, gaining, ancestorsOnly(gain, loss), loss)} UNION ALL ${treeCountChange(-1, losing, ancestorsOnly(loss, gain), loss)}`)
}

/** The subtrees `tagId` counts in and `other` does not. */
function ancestorsOnly(tagId: number, other: number): SqlFragment {
  return sql`(SELECT anc FROM tag_ancestors WHERE tag_id = ${tagId} AND anc NOT IN (SELECT anc FROM tag_ancestors WHERE tag_id = ${other}))`
}

function ancestorsOf(tagId: number): SqlFragment {
  return sql`(SELECT anc FROM tag_ancestors WHERE tag_id = ${tagId})`
}

function linksOf(tagId: number): SqlFragment {
  return sql`SELECT article_id AS id FROM article_tags WHERE tag_id = ${tagId}`
}

/**
 * Adjusts tag_tree_stats for the articles of `articles` gaining (+1) or losing (-1) tag `tagId`. Their other
 * tags are what counts, so it may run before the links change or after (then `articles` may be the tag's own links).
 */
function adjustTreeCountsForLinks(db: Db, sign: 1 | -1, tagId: number, articles: SqlFragment): void {
  addToTreeCounts(db, treeCountChange(sign, articles, ancestorsOf(tagId), tagId))
}

/**
 * Of these article ids, those whose article still exists (undo skips articles deleted since) and that do
 * not carry `tagId` (yet). The link test comes first: each remaining id costs a read of its article's row,
 * a random page of the largest table (up to 2.3 s cold for 15,909 ids at 1M).
 */
function missingLinks(tagId: number, ids: readonly number[]): SqlFragment {
  return sql`SELECT a.id AS id FROM json_each(${JSON.stringify(ids)}) j JOIN articles a ON a.id = j.value
    WHERE j.value NOT IN (SELECT article_id FROM article_tags WHERE tag_id = ${tagId})`
}

/** Rows (article_id, tag_id, origin) putting back the links of `tagId` that are missing, for the articles that still exist. */
function linksBack(tagId: number, links: TagLinks): SqlFragment {
  const back = (origin: Origin) => sql`SELECT id, ${tagId}, ${origin} FROM (${missingLinks(tagId, links[origin])})`
  return sql`${back('import')} UNION ALL ${back('user')}`
}

/**
 * Deletes a tag with its links, set-based as mergeTagInto (a DELETE, three trigger runs and an undo entry
 * per link before: 0.4-0.5 s for a tag on 20,000 articles): the counts are adjusted by what was removed,
 * the subtree counts kept current when they were. The sync outbox's row triggers still record each
 * article losing the tag while bound (the links go before the tag row). Returns what undo needs.
 */
export function deleteTagWithLinks(db: Db, tagId: number): TagLinks {
  const links: TagLinks = { import: [], user: [] }
  const rows = allRows<{ origin: Origin; ids: string }>(
    db,
    sql`SELECT origin, json_group_array(article_id) AS ids FROM article_tags WHERE tag_id = ${tagId} GROUP BY origin`
  )
  for (const row of rows) links[row.origin] = JSON.parse(row.ids) as number[]
  const countsCurrent = !treeCountsStale(db)
  withoutCountTriggers(db, () => {
    if (countsCurrent) adjustTreeCountsForLinks(db, -1, tagId, sql`SELECT article_id AS id FROM article_tags WHERE tag_id = ${tagId}`)
    // Its tag_stats row goes with the tag (ON DELETE CASCADE).
    runWrite(db, sql`DELETE FROM article_tags WHERE tag_id = ${tagId}`)
  })
  deleteTagRow(db, tagId)
  if (countsCurrent) markTreeCountsCurrent(db)
  return links
}

/**
 * Reverses deleteTagWithLinks: puts `tag` back with its id and its links back with their origins, skipping
 * articles deleted since. The caller checks the name is free.
 */
export function restoreTagWithLinks(db: Db, tag: TagRow, links: TagLinks): void {
  const countsCurrent = !treeCountsStale(db)
  restoreTag(db, tag)
  withoutCountTriggers(db, () => {
    const restored = runWrite(db, sql`INSERT INTO article_tags (article_id, tag_id, origin) ${linksBack(tag.id, links)}`).changes
    addToTagCount(db, tag.id, restored)
    // Counted from the links put back (the tag's only ones), not from the ids again: the articles' rows
    // are read once, by the insert.
    if (countsCurrent) adjustTreeCountsForLinks(db, 1, tag.id, linksOf(tag.id))
  })
}

/**
 * Merges tag `from` into `to` and deletes `from`: its links move to `to` keeping their origin (an article
 * carrying both keeps its link to `to`). Set-based, with the counts adjusted by what moved rather than by
 * the per-row triggers (2.3 s for a tag on 18,000 articles before), and the subtree counts kept current
 * when they were (deleting the tag would mark them stale). Returns what undo needs (unmergeTag).
 */
export function mergeTagInto(db: Db, from: number, to: number): MergedLinks {
  const record: MergedLinks = { links: { import: [], user: [] }, dropped: [] }
  const rows = allRows<{ origin: Origin; ids: string; dropped: string }>(
    db,
    sql`SELECT l.origin AS origin, json_group_array(l.article_id) AS ids,
        json_group_array(l.article_id) FILTER (WHERE k.article_id IS NOT NULL) AS dropped
      FROM article_tags l LEFT JOIN article_tags k ON k.article_id = l.article_id AND k.tag_id = ${to}
      WHERE l.tag_id = ${from} GROUP BY l.origin`
  )
  for (const row of rows) {
    record.links[row.origin] = JSON.parse(row.ids) as number[]
    record.dropped.push(...(JSON.parse(row.dropped) as number[]))
  }
  const countsCurrent = !treeCountsStale(db)
  withoutCountTriggers(db, () => {
    const links = sql`SELECT article_id AS id FROM article_tags WHERE tag_id = ${from}`
    if (countsCurrent) adjustTreeCountsForMove(db, to, links, from, links)
    const moved = runWrite(
      db,
      sql`UPDATE article_tags SET tag_id = ${to}
        WHERE tag_id = ${from} AND article_id NOT IN (SELECT article_id FROM article_tags WHERE tag_id = ${to})`
    ).changes
    runWrite(db, sql`DELETE FROM article_tags WHERE tag_id = ${from}`)
    addToTagCount(db, to, moved)
  })
  deleteTagRow(db, from)
  if (countsCurrent) markTreeCountsCurrent(db)
  return record
}

/**
 * Reverses mergeTagInto: puts `tag` back with its id and its links back with their origins (articles
 * deleted since are skipped), the moved ones taken off `to` again. The caller checks the name is free.
 *
 * In three steps, each counted from article_tags alone: the moved links go back by one UPDATE (the
 * subtrees only `to` counts in lose those articles, read before; those only `tag` counts in gain them,
 * read after, when they are its only links); then the links still missing (those dropped beside `to`,
 * and moved ones whose link to `to` was removed since) are inserted, counted before in every subtree of
 * `tag`, those it shares with `to` included.
 */
export function unmergeTag(db: Db, tag: TagRow, to: number, merged: MergedLinks): void {
  const countsCurrent = !treeCountsStale(db)
  restoreTag(db, tag)
  const all = allLinks(merged.links)
  withoutCountTriggers(db, () => {
    const movedLinks = sql`tag_id = ${to} AND article_id IN (SELECT value FROM json_each(${JSON.stringify(all)}))
      AND article_id NOT IN (SELECT value FROM json_each(${JSON.stringify(merged.dropped)}))`
    if (countsCurrent) addToTreeCounts(db, treeCountChange(-1, sql`SELECT article_id AS id FROM article_tags WHERE ${movedLinks}`, ancestorsOnly(to, tag.id), to))
    const back = runWrite(db, sql`UPDATE article_tags SET tag_id = ${tag.id} WHERE ${movedLinks}`).changes
    if (countsCurrent) {
      addToTreeCounts(
        db,
        sql`${treeCountChange(1, linksOf(tag.id), ancestorsOnly(tag.id, to), tag.id)} UNION ALL ${treeCountChange(1, missingLinks(tag.id, all), ancestorsOf(tag.id), tag.id)}`
      )
    }
    const restored = runWrite(db, sql`INSERT INTO article_tags (article_id, tag_id, origin) ${linksBack(tag.id, merged.links)}`).changes
    addToTagCount(db, tag.id, back + restored)
    addToTagCount(db, to, -back)
  })
}

/** Every tag with the number of articles carrying exactly it. */
export function tagDirectCounts(db: Db): { name: string; norm: string; direct: number }[] {
  return allRows(
    db,
    sql`SELECT t.name AS name, t.norm_name AS norm, coalesce(s.article_count, 0) AS direct FROM tags t LEFT JOIN tag_stats s ON s.tag_id = t.id`
  )
}

/** Distinct articles per folded tag-path prefix (an article tagged 政法 and 政法/平安建设 counts once under 政法). */
export function tagTreeCounts(db: Db): Map<string, number> {
  const rows = allRows<{ anc: string; n: number }>(db, sql`SELECT anc, article_count AS n FROM tag_tree_stats WHERE article_count > 0`)
  return new Map(rows.map((r) => [r.anc, r.n]))
}

/**
 * Recounts tag_tree_stats when a rename or a tag deletion marked it stale (the triggers cannot follow
 * those). A read-only connection leaves it for the next writer.
 */
export function refreshTagTreeStats(db: Db): void {
  if (!treeCountsStale(db) || db.sqlite.readonly) return
  transaction(db, () =>
    execScript(
      db,
      `DELETE FROM tag_tree_stats;
       INSERT INTO tag_tree_stats (anc, article_count)
         SELECT ta.anc, count(DISTINCT at.article_id) FROM article_tags at JOIN tag_ancestors ta ON ta.tag_id = at.tag_id GROUP BY ta.anc;
       DELETE FROM search_meta WHERE key = 'tag_tree_stale';`
    )
  )
}

/** Records an undoable tag operation and keeps only the newest `keep`. */
export function saveTagUndo(db: Db, token: string, kind: string, changesJson: string, keep: number): void {
  runWrite(db, sql`INSERT INTO tag_undo (token, kind, changes_json, created_at) VALUES (${token}, ${kind}, ${changesJson}, ${new Date().toISOString()})`)
  runWrite(db, sql`DELETE FROM tag_undo WHERE rowid NOT IN (SELECT rowid FROM tag_undo ORDER BY rowid DESC LIMIT ${keep})`)
}

export function tagUndoChanges(db: Db, token: string): string | undefined {
  return getRow<{ changes_json: string }>(db, sql`SELECT changes_json FROM tag_undo WHERE token = ${token}`)?.changes_json
}

export function deleteTagUndo(db: Db, token: string): void {
  runWrite(db, sql`DELETE FROM tag_undo WHERE token = ${token}`)
}

/**
 * `EXISTS (…)`: the article whose id is `articleRef` carries the tag with this name (compared folded, so
 * 華龍區 finds 华龙区). The one "articles with this tag" condition for notes, exports and filters.
 */
export function hasTagSql(articleRef: 'a.id' | 'n.article_id', tagName: string): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ${sqlRaw(articleRef)} AND t.norm_name = ${normalizeTagName(tagName)})`
}
