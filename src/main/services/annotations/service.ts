// Highlights and notes on one article (main process): create, update, delete, undo, and the list for the
// reader, re-anchored against the text the article currently shows. Every change is one IMMEDIATE
// transaction that also writes its undo entry, so a change and its undo can never disagree.
import { foldForSearch } from '@shared/script'
import { anchor, AnchorTarget, describeRange } from '@shared/anchoring'
import type { AnnotationList, AnnotationUndoResult, AnnotationView, HighlightColor, TextKind } from '@shared/anchoring/types'
import { HIGHLIGHT_COLORS } from '@shared/anchoring/types'
import { AppError } from '@shared/result'
import { transaction, type Db } from '../../db/connection'
import type { AnnotationRow } from '../../db/database'
import { currentKind, textOf } from '../../db/mappers'
import {
  annotationsOfArticle,
  deleteAnnotation,
  getAnnotation,
  insertAnnotation,
  popUndo,
  pushUndo,
  updateAnnotation
} from '../../db/repositories/annotation.repository'
import { getArticleTexts, type ArticleTexts } from '../../db/repositories/article.repository'

export const NOTE_MAX_LENGTH = 100_000

export interface CreateAnnotationInput {
  articleId: number
  /** The stored text the offsets refer to (the renderer maps a converted view back with toStoredRange first). */
  textKind: TextKind
  start: number
  end: number
  color: HighlightColor
  note?: string | null
}

function cleanNote(note: string | null | undefined): string | null {
  if (note === undefined || note === null) return null
  if (note.length > NOTE_MAX_LENGTH) throw new AppError('invalid-argument', `a note may have at most ${NOTE_MAX_LENGTH} characters`)
  return note.trim() === '' ? null : note
}

function checkColor(color: string): HighlightColor {
  if (!(HIGHLIGHT_COLORS as readonly string[]).includes(color)) throw new AppError('invalid-argument', `unknown colour ${color}`)
  return color as HighlightColor
}

function requireArticle(db: Db, articleId: number): ArticleTexts {
  const article = getArticleTexts(db, articleId)
  if (!article) throw new AppError('not-found', `article ${articleId} does not exist`)
  return article
}

/** A shared fold so anchoring is script-insensitive (Traditional ≡ Simplified). */
export const ANCHOR_FOLD = { fold: foldForSearch }

/** Re-anchors one stored highlight in `target` (the text of kind `kind`, of length `storedLength` for its own kind). */
export function anchorRow(row: AnnotationRow, target: AnchorTarget, kind: TextKind, ownTextLength: number): AnnotationView {
  const quote = { exact: row.exact, prefix: row.prefix, suffix: row.suffix }
  const sameText = row.text_kind === kind
  const found = sameText
    ? anchor(target, { quote, position: { start: row.start_offset, end: row.end_offset } })
    : anchor(target, { quote }, { hint: Math.round((row.start_offset * target.text.length) / Math.max(1, ownTextLength)) })
  return {
    id: row.id,
    articleId: row.article_id,
    color: row.color as HighlightColor,
    note: row.note,
    quote: row.exact,
    storedKind: row.text_kind,
    storedStart: row.start_offset,
    storedEnd: row.end_offset,
    textKind: kind,
    start: found ? found.start : null,
    end: found ? found.end : null,
    orphan: found === null,
    anchoredBy: found ? found.method : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.author !== null ? { author: row.author } : {})
  }
}

function viewOf(db: Db, row: AnnotationRow, kind?: TextKind): AnnotationView {
  const article = requireArticle(db, row.article_id)
  const k = kind ?? currentKind(article)
  return anchorRow(row, new AnchorTarget(textOf(article, k), ANCHOR_FOLD), k, textOf(article, row.text_kind).length)
}

/** Reading order: anchored highlights by start, end, id; orphans after them by creation. */
export function compareViews(a: AnnotationView, b: AnnotationView): number {
  if (a.orphan !== b.orphan) return a.orphan ? 1 : -1
  if (!a.orphan) return (a.start as number) - (b.start as number) || (a.end as number) - (b.end as number) || a.id - b.id
  return a.createdAt.localeCompare(b.createdAt) || a.id - b.id
}

/** Every highlight of an article, anchored against `textKind` (default: the kind the article shows). */
export function listAnnotations(db: Db, articleId: number, textKind?: TextKind): AnnotationList {
  const article = requireArticle(db, articleId)
  const kind = textKind ?? currentKind(article)
  const target = new AnchorTarget(textOf(article, kind), ANCHOR_FOLD)
  const items = annotationsOfArticle(db, articleId)
    .map((row) => anchorRow(row, target, kind, textOf(article, row.text_kind).length))
    .sort(compareViews)
  return { articleId, textKind: kind, items, orphanCount: items.filter((i) => i.orphan).length }
}

export function createAnnotation(db: Db, input: CreateAnnotationInput): AnnotationView {
  const color = checkColor(input.color)
  const note = cleanNote(input.note)
  const row = transaction(db, () => {
    const article = requireArticle(db, input.articleId)
    const text = textOf(article, input.textKind)
    if (!(Number.isInteger(input.start) && Number.isInteger(input.end) && input.start >= 0 && input.end > input.start && input.end <= text.length)) {
      throw new AppError('invalid-argument', `range ${input.start}–${input.end} is outside the text (length ${text.length})`)
    }
    const { position, quote } = describeRange(text, input.start, input.end)
    if (quote.exact.trim() === '') throw new AppError('invalid-argument', 'cannot highlight only white space')
    const now = new Date().toISOString()
    const values = {
      article_id: input.articleId,
      color,
      note,
      start_offset: position.start,
      end_offset: position.end,
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      text_kind: input.textKind,
      created_at: now,
      updated_at: now
      // author stays unset (NULL): the member's own highlight; only a pull writes a colleague's.
    }
    const id = insertAnnotation(db, values)
    pushUndo(db, input.articleId, id, 'create', null)
    return { id, ...values, author: null }
  })
  return viewOf(db, row, input.textKind)
}

export function updateAnnotationFields(db: Db, id: number, patch: { color?: HighlightColor; note?: string | null }): AnnotationView {
  const color = patch.color === undefined ? undefined : checkColor(patch.color)
  const note = patch.note === undefined ? undefined : cleanNote(patch.note)
  const row = transaction(db, () => {
    const before = getAnnotation(db, id)
    if (!before) throw new AppError('not-found', `highlight ${id} does not exist`)
    const now = new Date().toISOString()
    updateAnnotation(db, id, { ...(color !== undefined ? { color } : {}), ...(note !== undefined ? { note } : {}), updated_at: now })
    pushUndo(db, before.article_id, id, 'update', { color: before.color, note: before.note, updated_at: before.updated_at })
    return getAnnotation(db, id) as AnnotationRow
  })
  return viewOf(db, row)
}

export function deleteAnnotationById(db: Db, id: number): { id: number; articleId: number } {
  return transaction(db, () => {
    const before = getAnnotation(db, id)
    if (!before) throw new AppError('not-found', `highlight ${id} does not exist`)
    deleteAnnotation(db, id)
    pushUndo(db, before.article_id, id, 'delete', before)
    return { id, articleId: before.article_id }
  })
}

/** Undoes the article's most recent highlight change; null when there is nothing to undo. */
export function undoLastChange(db: Db, articleId: number): AnnotationUndoResult | null {
  const outcome = transaction(db, () => {
    requireArticle(db, articleId)
    const entry = popUndo(db, articleId)
    if (!entry) return null
    const id = entry.annotation_id
    if (entry.action === 'create') {
      deleteAnnotation(db, id)
      return { undone: entry.action, annotationId: id, row: null }
    }
    if (entry.action === 'update') {
      const before = JSON.parse(entry.before_json ?? '{}') as { color: string; note: string | null; updated_at: string }
      updateAnnotation(db, id, { color: before.color, note: before.note, updated_at: before.updated_at })
      return { undone: entry.action, annotationId: id, row: getAnnotation(db, id) ?? null }
    }
    const before = JSON.parse(entry.before_json ?? '{}') as AnnotationRow
    // Row ids are AUTOINCREMENT, so the old id is never handed to another highlight and can be restored.
    if (!getAnnotation(db, id)) insertAnnotation(db, { ...before, id })
    return { undone: entry.action, annotationId: id, row: getAnnotation(db, id) ?? null }
  })
  if (!outcome) return null
  return { undone: outcome.undone, annotationId: outcome.annotationId, annotation: outcome.row ? viewOf(db, outcome.row) : null }
}
