// Article queries (main process). Plain functions taking the Db first; writes are synchronous and are meant
// to run inside the caller's transaction.
import { sql as kyselySql } from 'kysely'
import { all, get, run, type Db } from '../connection'
import type { ArticleRow, NewArticleRow } from '../database'
import { SUMMARY_COLUMNS, TAG_SEPARATOR, type SummaryRow } from '../mappers'
import { idSet } from '../ids'
import { EMPTY, getRow, pluck, prepareCached, runWrite, sql, sqlJoin } from '../sql'
import { hasTagSql } from './tag.repository'

/**
 * An import inserts every article through here: the statement is cached by its column list, since compiling
 * the query builder's insert per row cost as much as SQLite's own work on the row (profile of a 20k import).
 * Columns left undefined take their defaults, as with the builder.
 */
export function insertArticle(db: Db, row: NewArticleRow): number {
  const columns = (Object.keys(row) as (keyof NewArticleRow)[]).filter((c) => row[c] !== undefined)
  const text = `INSERT INTO articles (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
  return Number(prepareCached(db, text).run(...columns.map((c) => row[c])).lastInsertRowid)
}

export function findArticleIdByHash(db: Db, hash: string): number | undefined {
  return getRow<{ id: number }>(db, sql`SELECT id FROM articles WHERE content_hash = ${hash}`)?.id
}

export function getArticleRow(db: Db, id: number): ArticleRow | undefined {
  return get(db, db.kysely.selectFrom('articles').selectAll().where('id', '=', id))
}

export function countArticles(db: Db): number {
  return getRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM articles`)?.n ?? 0
}

/** The texts highlights are anchored on, and which one the reader shows. */
export type ArticleTexts = Pick<ArticleRow, 'id' | 'title' | 'body_text' | 'raw_text' | 'use_original'>

export function getArticleTexts(db: Db, id: number): ArticleTexts | undefined {
  return get(
    db,
    db.kysely.selectFrom('articles').select(['id', 'title', 'body_text', 'raw_text', 'use_original']).where('id', '=', id)
  )
}

/** Every article's id and title, by id (for matching imported highlights by title). */
export function articleTitles(db: Db): Pick<ArticleRow, 'id' | 'title'>[] {
  return all(db, db.kysely.selectFrom('articles').select(['id', 'title']).orderBy('id'))
}

/** Up to `limit` articles whose cleaned or original text contains `text`, by id. */
export function articleIdsContaining(db: Db, text: string, limit: number): number[] {
  return pluck<number>(
    db,
    sql`SELECT id FROM articles WHERE instr(body_text, ${text}) > 0 OR instr(raw_text, ${text}) > 0 ORDER BY id LIMIT ${limit}`
  )
}

/** Which of these ids are articles (any number of ids: one statement). */
export function existingArticleIds(db: Db, ids: readonly number[]): number[] {
  return pluck<number>(db, sql`SELECT id FROM articles WHERE id IN ${idSet(ids)}`)
}

/**
 * Article ids in import order (oldest first), optionally only those carrying `tag` and only those with at
 * least one highlight.
 */
export function articleIdsInImportOrder(db: Db, filter: { tag?: string; annotated?: boolean } = {}): number[] {
  const where = [
    ...(filter.annotated ? [sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)`] : []),
    ...(filter.tag !== undefined ? [hasTagSql('a.id', filter.tag)] : [])
  ]
  return pluck<number>(
    db,
    sql`SELECT a.id FROM articles a${where.length ? sql` WHERE ${sqlJoin(where, ' AND ')}` : EMPTY} ORDER BY a.imported_at, a.id`
  )
}

/** The tag names of these articles, by name (for exports that list each article's tags). */
export function tagNamesOfArticles(db: Db, articleIds: readonly number[]): { article_id: number; name: string }[] {
  if (articleIds.length === 0) return []
  return all(
    db,
    db.kysely
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.name'])
      .where('at.article_id', 'in', articleIds as number[])
      .orderBy('t.name')
  )
}

/** The metadata a notes export shows for each article. */
export type ArticleExportRow = Pick<
  ArticleRow,
  'id' | 'title' | 'source' | 'author' | 'url' | 'published_at' | 'imported_at' | 'content_hash'
>

export function getExportRows(db: Db, ids: readonly number[]): ArticleExportRow[] {
  if (ids.length === 0) return []
  return all(
    db,
    db.kysely
      .selectFrom('articles')
      .select(['id', 'title', 'source', 'author', 'url', 'published_at', 'imported_at', 'content_hash'])
      .where('id', 'in', ids as number[])
  )
}

/** Summary columns for a set of ids, in the order given. */
export function getSummaryRows(db: Db, ids: readonly number[]): SummaryRow[] {
  if (ids.length === 0) return []
  const rows = all(
    db,
    db.kysely
      .selectFrom('articles as a')
      .select([
        ...SUMMARY_COLUMNS.map((c) => `a.${c}` as const),
        kyselySql<string | null>`(SELECT group_concat(t.name, ${TAG_SEPARATOR}) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id)`.as(
          'tags'
        ),
        kyselySql<number>`(SELECT count(*) FROM annotations n WHERE n.article_id = a.id)`.as('annotation_count')
      ])
      .where('a.id', 'in', ids as number[])
  )
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((r): r is SummaryRow => r !== undefined)
}

export function updateReading(
  db: Db,
  id: number,
  patch: { position?: number; progress?: number; readState?: 'unread' | 'read' }
): boolean {
  const now = new Date().toISOString()
  const result = run(
    db,
    db.kysely
      .updateTable('articles')
      .set({
        ...(patch.position !== undefined ? { reading_position: patch.position } : {}),
        ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
        ...(patch.readState !== undefined ? { read_state: patch.readState } : {}),
        last_opened_at: now
      })
      .where('id', '=', id)
  )
  return result.changes > 0
}

export function updateView(
  db: Db,
  id: number,
  patch: { useOriginal?: boolean; scriptOverride?: string | null }
): boolean {
  const result = run(
    db,
    db.kysely
      .updateTable('articles')
      .set({
        ...(patch.useOriginal !== undefined ? { use_original: patch.useOriginal ? 1 : 0 } : {}),
        ...(patch.scriptOverride !== undefined ? { script_override: patch.scriptOverride } : {}),
        updated_at: new Date().toISOString()
      })
      .where('id', '=', id)
  )
  return result.changes > 0
}

/** The articles an import added, by id. */
export function articlesOfImport(db: Db, importId: number): Pick<ArticleRow, 'id' | 'title' | 'original_file'>[] {
  return all(
    db,
    db.kysely.selectFrom('articles').select(['id', 'title', 'original_file']).where('import_id', '=', importId).orderBy('id')
  )
}

/** Deletes these articles (their tag links, highlights and undo entries go with them, by foreign key). */
export function deleteArticles(db: Db, ids: readonly number[]): number {
  return runWrite(db, sql`DELETE FROM articles WHERE id IN ${idSet(ids)}`).changes
}

/** The metadata a duplicate import may add to a stored article (see import-pipeline/enrich.ts). */
export type FillableArticleFields = Partial<Pick<ArticleRow, 'title' | 'author' | 'editor' | 'published_at' | 'source' | 'url'>>

/** Sets these fields on an article; the caller has checked they were missing (a richer copy came in). */
export function fillMissingArticleFields(db: Db, id: number, fields: FillableArticleFields): boolean {
  if (Object.keys(fields).length === 0) return false
  const result = run(db, db.kysely.updateTable('articles').set({ ...fields, updated_at: new Date().toISOString() }).where('id', '=', id))
  return result.changes > 0
}
