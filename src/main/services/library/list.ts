// The article list behind `articles:list` (main process): search, tag AND/OR/NOT with sub-tags, source,
// dates, read state, sort and offset paging, returning one page plus the total, and `articles:count`, the
// exact total of a page whose total came back approximate (a common search term: estimating it keeps the
// first page fast; the renderer asks for the exact number next). The SQL, tuned for a virtualised list over
// 100k articles, is in db/repositories/library.repository.ts and search.repository.ts.
import type { ArticleSummary, ListPage, ListQuery } from '@shared/types'
import type { Db } from '../../db/connection'
import { rowToSummary } from '../../db/mappers'
import { getSummaryRows } from '../../db/repositories/article.repository'
import { listPageIds, listPageTotal, listTotal, listWhere, SORT_COLUMN } from '../../db/repositories/library.repository'
import { openCounts } from '../../db/repositories/proofread.repository'
import { searchCount, searchPage, snippetsFor, type SearchSort, type TotalMode } from '../search/query'

/**
 * The sort to use for a search: 'relevance' ranks by bm25. The list's default sort (imported, newest
 * first) also ranks by relevance while a search is active, since that is what a search box is expected
 * to do; any other choice is the user's and is kept.
 */
function searchSort(query: ListQuery): SearchSort {
  if (query.sort === 'relevance') return 'rank'
  if (query.sort === 'imported' && query.order === 'desc') return 'rank'
  return query.sort
}

/**
 * One page. `totals` 'estimate' (the default) may answer a large total of a first page approximately
 * (totalApprox), searched or filtered; later pages and 'exact' count it.
 */
export function listArticles(db: Db, query: ListQuery, totals: TotalMode = 'estimate'): ListPage {
  const text = query.search?.trim()
  if (text) {
    const page = searchPage(db, text, query, searchSort(query), query.order, query.limit, query.offset, totals)
    if (page) {
      const ids = page.rows.map((r) => r.id)
      const snippets = snippetsFor(db, page.query, ids)
      const items = getSummaryRows(db, ids).map((row) => ({ ...rowToSummary(row), snippet: snippets.get(row.id) ?? '' }))
      return { items: withFindings(db, items), total: page.total, offset: query.offset, ...(page.approx ? { totalApprox: true } : {}) }
    }
    // Nothing searchable in the text (only punctuation): list as if no search was given.
  }

  const where = listWhere(db, query)
  if (where.empty) return { items: [], total: 0, offset: query.offset }
  const sort = query.sort !== 'relevance' && SORT_COLUMN[query.sort] ? query.sort : 'imported'
  const { total, approx } = totals === 'estimate' && query.offset === 0 ? listPageTotal(db, where) : { total: listTotal(db, where), approx: false }
  const ids = listPageIds(db, where, sort, query.order, total, query.limit, query.offset)
  return { items: withFindings(db, getSummaryRows(db, ids).map(rowToSummary)), total, offset: query.offset, ...(approx ? { totalApprox: true } : {}) }
}

/** The exact number of articles the query selects (its offset and limit aside). */
export function countArticles(db: Db, query: ListQuery): number {
  const text = query.search?.trim()
  const searched = text ? searchCount(db, text, query) : null
  if (searched !== null) return searched
  const where = listWhere(db, query)
  return where.empty ? 0 : listTotal(db, where)
}

/** Cached open-finding counts only: proofreading a whole page of articles here would stall the list. */
function withFindings(db: Db, items: ArticleSummary[]): ArticleSummary[] {
  const counts = openCounts(db, items.map((i) => i.id))
  return items.map((i) => ({ ...i, proofreadFindings: counts.get(i.id) ?? null }))
}
