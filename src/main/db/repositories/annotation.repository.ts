// Annotation rows, their undo stack and the library-wide highlight list (main process). Plain functions
// taking the Db first; writes are synchronous and meant to run inside the caller's transaction.
import type { Selectable } from 'kysely'
import { foldForSearch } from '@shared/script'
import { all, get, run, type Db } from '../connection'
import type { AnnotationRow, AnnotationUndoTable } from '../database'
import { allRows, EMPTY, getRow, runWrite, sql, sqlJoin, sqlRaw, type SqlFragment } from '../sql'
import { hasTagSql } from './tag.repository'

/** author defaults to null: the member's own highlight (only a pull writes a colleague's). */
export type NewAnnotation = Omit<AnnotationRow, 'id' | 'author'> & { id?: number; author?: string | null }

export function insertAnnotation(db: Db, row: NewAnnotation): number {
  return Number(run(db, db.kysely.insertInto('annotations').values(row)).lastInsertRowid)
}

export function getAnnotation(db: Db, id: number): AnnotationRow | undefined {
  return get(db, db.kysely.selectFrom('annotations').selectAll().where('id', '=', id))
}

export function annotationsOfArticle(db: Db, articleId: number): AnnotationRow[] {
  return all(db, db.kysely.selectFrom('annotations').selectAll().where('article_id', '=', articleId).orderBy('id'))
}

/** The highlights of these articles, by article, then in reading order of the stored offsets. */
export function annotationsOfArticles(db: Db, articleIds: readonly number[]): AnnotationRow[] {
  if (articleIds.length === 0) return []
  return all(
    db,
    db.kysely
      .selectFrom('annotations')
      .selectAll()
      .where('article_id', 'in', articleIds as number[])
      .orderBy('article_id')
      .orderBy('start_offset')
      .orderBy('end_offset')
      .orderBy('id')
  )
}

export function countAnnotationsOfArticle(db: Db, articleId: number): number {
  return getRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM annotations WHERE article_id = ${articleId}`)?.n ?? 0
}

/** The id of the highlight covering exactly this stored range, if one exists (imports skip it as a duplicate). */
export function findAnnotationAt(
  db: Db,
  at: Pick<AnnotationRow, 'article_id' | 'text_kind' | 'start_offset' | 'end_offset'>
): number | undefined {
  return getRow<{ id: number }>(
    db,
    sql`SELECT id FROM annotations WHERE article_id = ${at.article_id} AND text_kind = ${at.text_kind} AND start_offset = ${at.start_offset} AND end_offset = ${at.end_offset}`
  )?.id
}

export function updateAnnotation(db: Db, id: number, patch: { color?: string; note?: string | null; updated_at: string }): boolean {
  return run(db, db.kysely.updateTable('annotations').set(patch).where('id', '=', id)).changes > 0
}

export function deleteAnnotation(db: Db, id: number): boolean {
  return run(db, db.kysely.deleteFrom('annotations').where('id', '=', id)).changes > 0
}

// --- undo stack (table annotation_undo, migration 0003) ---

/** How many changes per article can be undone. */
export const UNDO_DEPTH = 50

export type UndoAction = AnnotationUndoTable['action']
export type UndoEntry = Omit<Selectable<AnnotationUndoTable>, 'created_at'>

export function pushUndo(db: Db, articleId: number, annotationId: number, action: UndoAction, before: unknown): void {
  const beforeJson = before === null ? null : JSON.stringify(before)
  runWrite(
    db,
    sql`INSERT INTO annotation_undo (article_id, annotation_id, action, before_json, created_at) VALUES (${articleId}, ${annotationId}, ${action}, ${beforeJson}, ${new Date().toISOString()})`
  )
  runWrite(
    db,
    sql`DELETE FROM annotation_undo WHERE article_id = ${articleId} AND id NOT IN (SELECT id FROM annotation_undo WHERE article_id = ${articleId} ORDER BY id DESC LIMIT ${UNDO_DEPTH})`
  )
}

export function popUndo(db: Db, articleId: number): UndoEntry | undefined {
  const entry = getRow<UndoEntry>(
    db,
    sql`SELECT id, article_id, annotation_id, action, before_json FROM annotation_undo WHERE article_id = ${articleId} ORDER BY id DESC LIMIT 1`
  )
  if (entry) runWrite(db, sql`DELETE FROM annotation_undo WHERE id = ${entry.id}`)
  return entry
}

// --- the library-wide list ---

const FOLD_FUNCTION = sqlRaw('marginalia_fold')
const registered = new WeakSet<object>()

/** Registers marginalia_fold(text) (foldForSearch) on this connection once; deterministic, so SQLite may cache it. */
function ensureFoldFunction(db: Db): void {
  if (registered.has(db.sqlite)) return
  db.sqlite.function(FOLD_FUNCTION.text, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldForSearch(value) : value
  )
  registered.add(db.sqlite)
}

/** A script-insensitive LIKE pattern matching `text` anywhere (LIKE's own characters escaped with `\`). */
function likePattern(text: string): string {
  return '%' + foldForSearch(text.normalize('NFKC')).replace(/[\\%_]/g, (c) => '\\' + c) + '%'
}

export interface AnnotationFilter {
  articleId?: number
  colors?: readonly string[]
  /** ISO timestamps bounding created_at (inclusive). */
  createdFrom?: string
  createdTo?: string
  tag?: string
  /** Substring of the quote or the note, matched script-insensitively. */
  text?: string
  /** null: own highlights (author IS NULL); a name: that colleague's. */
  author?: string | null
}

export type AnnotationHitRow = Pick<
  AnnotationRow,
  'id' | 'article_id' | 'color' | 'note' | 'exact' | 'text_kind' | 'start_offset' | 'end_offset' | 'created_at' | 'updated_at' | 'author'
> & { title: string }

/** One page of the highlights matching `filter`, newest first, and how many match in all. */
export function searchAnnotationRows(
  db: Db,
  filter: AnnotationFilter,
  page: { limit: number; offset: number }
): { total: number; rows: AnnotationHitRow[] } {
  const where: SqlFragment[] = []
  if (filter.articleId !== undefined) where.push(sql`n.article_id = ${filter.articleId}`)
  if (filter.colors && filter.colors.length > 0) where.push(sql`n.color IN (${sqlJoin(filter.colors)})`)
  if (filter.createdFrom) where.push(sql`n.created_at >= ${filter.createdFrom}`)
  if (filter.createdTo) where.push(sql`n.created_at <= ${filter.createdTo}`)
  if (filter.tag !== undefined) where.push(hasTagSql('n.article_id', filter.tag))
  if (filter.author === null) where.push(sql`n.author IS NULL`)
  else if (filter.author !== undefined) where.push(sql`n.author = ${filter.author}`)
  if (filter.text) {
    ensureFoldFunction(db)
    const pattern = likePattern(filter.text)
    where.push(
      sql`(${FOLD_FUNCTION}(n.exact) LIKE ${pattern} ESCAPE '\\' OR ${FOLD_FUNCTION}(coalesce(n.note, '')) LIKE ${pattern} ESCAPE '\\')`
    )
  }
  const from = sql`FROM annotations n JOIN articles a ON a.id = n.article_id${where.length ? sql` WHERE ${sqlJoin(where, ' AND ')}` : EMPTY}`
  const total = getRow<{ n: number }>(db, sql`SELECT count(*) AS n ${from}`)?.n ?? 0
  const rows = allRows<AnnotationHitRow>(
    db,
    sql`SELECT n.id, n.article_id, a.title, n.color, n.note, n.exact, n.text_kind, n.start_offset, n.end_offset, n.created_at, n.updated_at, n.author
        ${from} ORDER BY n.created_at DESC, n.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`
  )
  return { total, rows }
}

/** Colleagues whose highlights are in the library (their layers), by name. */
export function annotationAuthors(db: Db): string[] {
  return allRows<{ author: string }>(db, sql`SELECT DISTINCT author FROM annotations WHERE author IS NOT NULL ORDER BY author`).map((r) => r.author)
}

/** Articles whose stored URL is one of these (a Web Annotation's `target.source`), by id. */
export function articleIdsByUrl(db: Db, urls: readonly string[]): number[] {
  if (urls.length === 0) return []
  return allRows<{ id: number }>(db, sql`SELECT id FROM articles WHERE url IN (${sqlJoin(urls)}) ORDER BY id`).map((r) => r.id)
}
