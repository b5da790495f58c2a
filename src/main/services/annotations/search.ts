// The library-wide highlight list (main process): filters by article, tag, colour, creation date and a
// script-insensitive substring of quote or note. Stored selectors only (no re-anchoring), newest first.
import type { AnnotationHit, AnnotationSearchPage, AnnotationSearchQuery, HighlightColor } from '@shared/anchoring/types'
import { AppError } from '@shared/result'
import type { Db } from '../../db/connection'
import { annotationAuthors, searchAnnotationRows } from '../../db/repositories/annotation.repository'

function isoBound(value: string, endOfDay: boolean): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new AppError('invalid-argument', `not a date: ${value}`)
  // A bare day as the upper bound means "until the end of that day".
  if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return new Date(date.getTime() + 86_400_000 - 1).toISOString()
  return date.toISOString()
}

export function searchAnnotations(db: Db, query: AnnotationSearchQuery): AnnotationSearchPage {
  const { total, rows } = searchAnnotationRows(
    db,
    {
      articleId: query.articleId,
      colors: query.colors,
      createdFrom: query.from ? isoBound(query.from, false) : undefined,
      createdTo: query.to ? isoBound(query.to, true) : undefined,
      tag: query.tag,
      text: query.text?.trim(),
      ...(query.author !== undefined ? { author: query.author } : {})
    },
    { limit: query.limit, offset: query.offset }
  )
  const items: AnnotationHit[] = rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.title,
    color: r.color as HighlightColor,
    note: r.note,
    quote: r.exact,
    textKind: r.text_kind,
    start: r.start_offset,
    end: r.end_offset,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.author ? { author: r.author } : {})
  }))
  return { items, total, offset: query.offset, authors: annotationAuthors(db) }
}
