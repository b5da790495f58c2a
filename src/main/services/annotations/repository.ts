// Annotation rows and the undo stack (main process). Plain functions taking the Db first; writes are
// synchronous and meant to run inside the caller's transaction.
import { all, get, run, type Db } from '../../db/connection'
import type { AnnotationRow } from '../../db/database'
import type { TextKind } from '@shared/anchoring/types'

export type NewAnnotation = Omit<AnnotationRow, 'id'> & { id?: number }

export function insertAnnotation(db: Db, row: NewAnnotation): number {
  return Number(run(db, db.kysely.insertInto('annotations').values(row)).lastInsertRowid)
}

export function getAnnotation(db: Db, id: number): AnnotationRow | undefined {
  return get(db, db.kysely.selectFrom('annotations').selectAll().where('id', '=', id))
}

export function annotationsOfArticle(db: Db, articleId: number): AnnotationRow[] {
  return all(db, db.kysely.selectFrom('annotations').selectAll().where('article_id', '=', articleId).orderBy('id'))
}

export function updateAnnotation(db: Db, id: number, patch: { color?: string; note?: string | null; updated_at: string }): boolean {
  return run(db, db.kysely.updateTable('annotations').set(patch).where('id', '=', id)).changes > 0
}

export function deleteAnnotation(db: Db, id: number): boolean {
  return run(db, db.kysely.deleteFrom('annotations').where('id', '=', id)).changes > 0
}

export interface ArticleTexts {
  id: number
  title: string
  body_text: string
  raw_text: string
  use_original: number
}

export function getArticleTexts(db: Db, id: number): ArticleTexts | undefined {
  return get(
    db,
    db.kysely.selectFrom('articles').select(['id', 'title', 'body_text', 'raw_text', 'use_original']).where('id', '=', id)
  )
}

export function textOf(article: Pick<ArticleTexts, 'body_text' | 'raw_text'>, kind: TextKind): string {
  return kind === 'original' ? article.raw_text : article.body_text
}

export function currentKind(article: Pick<ArticleTexts, 'use_original'>): TextKind {
  return article.use_original === 1 ? 'original' : 'clean'
}

// --- undo stack (table annotation_undo, migration 0003) ---

/** How many changes per article can be undone. */
export const UNDO_DEPTH = 50

export type UndoAction = 'create' | 'update' | 'delete'

export interface UndoEntry {
  id: number
  article_id: number
  annotation_id: number
  action: UndoAction
  before_json: string | null
}

export function pushUndo(db: Db, articleId: number, annotationId: number, action: UndoAction, before: unknown): void {
  db.sqlite
    .prepare('INSERT INTO annotation_undo (article_id, annotation_id, action, before_json, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(articleId, annotationId, action, before === null ? null : JSON.stringify(before), new Date().toISOString())
  db.sqlite
    .prepare(
      'DELETE FROM annotation_undo WHERE article_id = ? AND id NOT IN (SELECT id FROM annotation_undo WHERE article_id = ? ORDER BY id DESC LIMIT ?)'
    )
    .run(articleId, articleId, UNDO_DEPTH)
}

export function popUndo(db: Db, articleId: number): UndoEntry | undefined {
  const entry = db.sqlite
    .prepare('SELECT id, article_id, annotation_id, action, before_json FROM annotation_undo WHERE article_id = ? ORDER BY id DESC LIMIT 1')
    .get(articleId) as UndoEntry | undefined
  if (entry) db.sqlite.prepare('DELETE FROM annotation_undo WHERE id = ?').run(entry.id)
  return entry
}
