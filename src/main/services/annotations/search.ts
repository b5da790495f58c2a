// The library-wide highlight list (main process): filters by article, tag, colour, creation date and a
// script-insensitive substring of quote or note. Stored selectors only (no re-anchoring), newest first.
import { sql } from 'kysely'
import { foldForSearch } from '@shared/script'
import type { AnnotationHit, AnnotationSearchPage, AnnotationSearchQuery, HighlightColor } from '@shared/anchoring/types'
import { AppError } from '@shared/result'
import { all, get, type Db } from '../../db/connection'
import { normalizeTagName } from '../../db/repositories/tag.repository'

const FOLD_FUNCTION = 'marginalia_fold'
const registered = new WeakSet<object>()

/** Registers marginalia_fold(text) (foldForSearch) on this connection once; deterministic, so SQLite may cache it. */
export function ensureFoldFunction(db: Db): void {
  if (registered.has(db.sqlite)) return
  db.sqlite.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldForSearch(value) : value
  )
  registered.add(db.sqlite)
}

function likePattern(text: string): string {
  return '%' + foldForSearch(text.normalize('NFKC')).replace(/[\\%_]/g, (c) => '\\' + c) + '%'
}

function isoBound(value: string, endOfDay: boolean): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new AppError('invalid-argument', `not a date: ${value}`)
  // A bare day as the upper bound means "until the end of that day".
  if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return new Date(date.getTime() + 86_400_000 - 1).toISOString()
  return date.toISOString()
}

export function searchAnnotations(db: Db, query: AnnotationSearchQuery): AnnotationSearchPage {
  ensureFoldFunction(db)
  let q = db.kysely.selectFrom('annotations as n').innerJoin('articles as a', 'a.id', 'n.article_id')
  if (query.articleId !== undefined) q = q.where('n.article_id', '=', query.articleId)
  if (query.colors && query.colors.length > 0) q = q.where('n.color', 'in', query.colors)
  if (query.from) q = q.where('n.created_at', '>=', isoBound(query.from, false))
  if (query.to) q = q.where('n.created_at', '<=', isoBound(query.to, true))
  if (query.tag !== undefined) {
    const norm = normalizeTagName(query.tag)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags as at')
          .innerJoin('tags as t', 't.id', 'at.tag_id')
          .select('at.article_id')
          .whereRef('at.article_id', '=', 'n.article_id')
          .where('t.norm_name', '=', norm)
      )
    )
  }
  const text = query.text?.trim()
  if (text) {
    const pattern = likePattern(text)
    q = q.where(
      sql<boolean>`(${sql.raw(FOLD_FUNCTION)}(n.exact) LIKE ${pattern} ESCAPE '\\' OR ${sql.raw(FOLD_FUNCTION)}(coalesce(n.note, '')) LIKE ${pattern} ESCAPE '\\')`
    )
  }
  const total = get(db, q.select(sql<number>`count(*)`.as('n')))?.n ?? 0
  const rows = all(
    db,
    q
      .select([
        'n.id',
        'n.article_id',
        'a.title',
        'n.color',
        'n.note',
        'n.exact',
        'n.text_kind',
        'n.start_offset',
        'n.end_offset',
        'n.created_at',
        'n.updated_at'
      ])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
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
    updatedAt: r.updated_at
  }))
  return { items, total, offset: query.offset }
}
