// Full-text search (main process): compiles a query, matches tag names live, checks inexact terms against
// the text, and builds snippets; the SQL (match sets, filters, ranking, paging, totals) is in
// db/repositories/search.repository.ts.
import type { SearchHit, SearchResult } from '@shared/types'
import { foldForSearch } from '@shared/script'
import { dataVersionStamp } from '../../db/change-stamp'
import type { Db } from '../../db/connection'
import { listWhere, type ListFilters } from '../../db/repositories/library.repository'
import { articleTexts } from '../../db/repositories/search-index.repository'
import {
  searchableTexts,
  searchCandidates,
  searchMatchCount,
  searchMatchPage,
  titlesById,
  type SearchCountQuery,
  type SearchSort,
  type TagMatch,
  type TotalMode
} from '../../db/repositories/search.repository'
import { allTagNames } from '../../db/repositories/tag.repository'
import { flushSearchIndex, rebuildIfOtherTokenizer } from './indexer'
import { makeSnippet } from './snippet'
import { compileQuery, type CompiledQuery } from './tokenize'

export type { SearchSort, TotalMode }

export interface SearchOptions extends Partial<ListFilters> {
  /** Default 'rank' (best first; `order` is ignored for rank). */
  sort?: SearchSort
  order?: 'asc' | 'desc'
  limit?: number
  offset?: number
  /** Build snippets for the returned hits (default true). */
  snippets?: boolean
}

// The result shapes are the contract's (src/shared/types.ts); re-exported for the service's callers.
export type { SearchHit, SearchResult }

export interface SearchPage {
  rows: { id: number; score: number }[]
  total: number
  /** True when `total` is an estimate (TotalMode 'estimate' only). */
  approx: boolean
  query: CompiledQuery
}

/*
 * Tag names are not in the FTS index (renaming a tag would reindex every article carrying it); they are
 * matched here, live: per query term, the tags whose folded name contains it. A library has thousands of
 * tags at most and their folded names are cached (foldedTags), so the scan costs well under a millisecond.
 */

const keyOf = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '')

/** The folded tag names, cached until the database changes: folding 5,000 names costs ~5 ms, a search without it well under one. */
const foldedTagCache = new WeakMap<Db, { stamp: string; tags: { id: number; key: string }[] }>()

function foldedTags(db: Db): { id: number; key: string }[] {
  const stamp = dataVersionStamp(db)
  const cached = foldedTagCache.get(db)
  if (cached?.stamp === stamp) return cached.tags
  const tags = allTagNames(db).map((t) => ({ id: t.id, key: keyOf(foldForSearch(t.name).toLowerCase()) }))
  foldedTagCache.set(db, { stamp, tags })
  return tags
}

function matchTags(db: Db, q: CompiledQuery): TagMatch | null {
  const folded = foldedTags(db)
  if (folded.length === 0) return null
  const perTerm = q.terms.map((term) => {
    const key = keyOf(term.folded)
    return key ? folded.filter((t) => t.key.includes(key)).map((t) => t.id) : []
  })
  return perTerm.some((ids) => ids.length > 0) ? { perTerm } : null
}

/**
 * Ids of candidates whose folded title/body/meta really contain every inexact term. `tagged(id, i)` says
 * a tag name of the article contains term i: that term needs no check (and an article that needs none
 * is kept without reading its text).
 */
function verify(db: Db, q: CompiledQuery, ids: number[], tagged: (id: number, term: number) => boolean): number[] {
  const inexact = q.terms.flatMap((t, i) => (t.exact ? [] : [{ folded: t.folded, index: i }]))
  const keep: number[] = []
  const toRead: number[] = []
  for (const id of ids) {
    if (inexact.every((t) => tagged(id, t.index))) keep.push(id)
    else toRead.push(id)
  }
  for (let i = 0; i < toRead.length; i += 500) {
    for (const row of searchableTexts(db, toRead.slice(i, i + 500))) {
      const folded = foldForSearch(row.text)
      if (inexact.every((t) => tagged(row.id, t.index) || folded.includes(t.folded))) keep.push(row.id)
    }
  }
  return keep
}

/**
 * What a search selects: the compiled query, its tag matches, the filters and, for an inexact query, the
 * candidates that passed the text check. Null when the text holds nothing searchable (only punctuation or
 * spaces); `empty` when a filter can match nothing.
 */
function prepareSearch(
  db: Db,
  text: string,
  filters: Partial<ListFilters>,
  sort: SearchSort
): { query: CompiledQuery; count: SearchCountQuery | null } | null {
  const query = compileQuery(text, foldForSearch)
  if (query.terms.length === 0) return null
  rebuildIfOtherTokenizer(db)
  flushSearchIndex(db)
  const tags = matchTags(db, query)
  const where = listWhere(db, { filter: 'all', ...filters })
  if (where.empty) return { query, count: null }
  let verified: number[] | null = null
  if (!query.exact) {
    // Pre-select with FTS + filters, check the text, then page over the survivors.
    const found = searchCandidates(db, query, tags, where, sort)
    const byId = new Map(found.map((r) => [r.id, r]))
    verified = verify(
      db,
      query,
      found.map((r) => r.id),
      (id, term) => byId.get(id)?.[`t${term}`] === 1
    )
  }
  return { query, count: { q: query, tags, where, verified } }
}

/**
 * One page of matching ids (ranked or sorted) and the total, with the list filters applied; `total`
 * 'estimate' lets a first page estimate a large total (see searchCount). Null when the text holds
 * nothing searchable.
 */
export function searchPage(
  db: Db,
  text: string,
  filters: Partial<ListFilters>,
  sort: SearchSort,
  order: 'asc' | 'desc',
  limit: number,
  offset: number,
  total: TotalMode = 'exact'
): SearchPage | null {
  const prepared = prepareSearch(db, text, filters, sort)
  if (!prepared) return null
  const { query, count } = prepared
  if (!count) return { rows: [], total: 0, approx: false, query }
  return { ...searchMatchPage(db, { ...count, sort, order, limit, offset, total }), query }
}

/** The exact number of articles a search with these filters selects; null when nothing is searchable. */
export function searchCount(db: Db, text: string, filters: Partial<ListFilters>): number | null {
  const prepared = prepareSearch(db, text, filters, 'rank')
  if (!prepared) return null
  return prepared.count ? searchMatchCount(db, prepared.count) : 0
}

/** Snippets for these ids, from the stored body. */
export function snippetsFor(db: Db, query: CompiledQuery, ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>()
  if (ids.length === 0) return out
  const marks = [...new Set(query.terms.flatMap((t) => t.marks))].sort((a, b) => b.length - a.length)
  for (const row of articleTexts(db, ids)) {
    out.set(row.id, makeSnippet(row.body_text, foldForSearch(row.body_text), marks))
  }
  return out
}

/** Searches the library: for `cli search` and anything that wants hits rather than list summaries. */
export function searchArticles(db: Db, text: string, opts: SearchOptions = {}): SearchResult {
  const { sort = 'rank', order = 'desc', limit = 50, offset = 0, snippets = true, ...filters } = opts
  const page = searchPage(db, text, filters, sort, order, limit, offset)
  if (!page) return { hits: [], total: 0 }
  const ids = page.rows.map((r) => r.id)
  const titles = ids.length ? titlesById(db, ids) : new Map<number, string>()
  const snips = snippets ? snippetsFor(db, page.query, ids) : new Map<number, string>()
  return {
    total: page.total,
    hits: page.rows.map((r) => ({ id: r.id, title: titles.get(r.id) ?? '', snippet: snips.get(r.id) ?? '', score: r.score }))
  }
}
