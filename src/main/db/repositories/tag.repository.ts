// Tag queries (main process). Tag identity is the script- and case-folded name, so 華龍區 and 华龙区 are
// one tag; the first spelling seen is kept as the display name.
import { foldForSearch } from '@shared/script'
import { all, get, run, type Db } from '../connection'
import { sql, sqlRaw, type SqlFragment } from '../sql'

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

/** Returns the id of the tag with this (folded) name, creating it if needed. */
export function upsertTag(db: Db, name: string): number {
  const display = cleanTagName(name)
  const norm = normalizeTagName(display)
  const existing = get(db, db.kysely.selectFrom('tags').select('id').where('norm_name', '=', norm))
  if (existing) return existing.id
  const result = run(
    db,
    db.kysely.insertInto('tags').values({ name: display, norm_name: norm, created_at: new Date().toISOString() })
  )
  return Number(result.lastInsertRowid)
}

export function attachTags(db: Db, articleId: number, names: readonly string[], origin: 'import' | 'user'): void {
  for (const name of names) {
    if (!name.trim()) continue
    const tagId = upsertTag(db, name)
    run(
      db,
      db.kysely
        .insertInto('article_tags')
        .values({ article_id: articleId, tag_id: tagId, origin })
        .onConflict((oc) => oc.doNothing())
    )
  }
}

export function tagsOfArticle(db: Db, articleId: number): string[] {
  return all(
    db,
    db.kysely
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select('t.name')
      .where('at.article_id', '=', articleId)
      .orderBy('t.name')
  ).map((r) => r.name)
}

export function listTagCounts(db: Db): { name: string; count: number }[] {
  return db.sqlite
    .prepare(
      'SELECT t.name AS name, count(at.article_id) AS count FROM tags t JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY count DESC, t.name'
    )
    .all() as { name: string; count: number }[]
}

/** Removes tags no article uses any more (after an import is undone). */
export function deleteUnusedTags(db: Db): number {
  return db.sqlite
    .prepare('DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = tags.id)')
    .run().changes
}

/**
 * `EXISTS (…)`: the article whose id is `articleRef` carries the tag with this name (compared folded, so
 * 華龍區 finds 华龙区). The one "articles with this tag" condition for notes, exports and filters.
 */
export function hasTagSql(articleRef: 'a.id' | 'n.article_id', tagName: string): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ${sqlRaw(articleRef)} AND t.norm_name = ${normalizeTagName(tagName)})`
}
