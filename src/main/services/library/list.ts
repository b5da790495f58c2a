// The article list query behind `articles:list` (main process): search, tag AND/OR/NOT with sub-tags,
// source, dates, read state, sort and offset paging, returning one page plus the total. Built for a
// virtualised list over 100k articles: every sort has an index, filters avoid reading article rows where
// an index answers, and totals are cached between page requests until the database changes.
import type { ListPage, ListQuery } from '@shared/types'
import type { Db } from '../../db/connection'
import { rowToSummary } from '../../db/mappers'
import { getSummaryRows } from '../../db/repositories/article.repository'
import { searchPage, snippetsFor, type SearchSort } from '../search/query'
import { cachedCount } from './count-cache'
import { buildWhere, inTagSet, whereSql, type WhereClause } from './filters'

const SORT_COLUMN = {
  imported: 'a.imported_at',
  published: 'a.published_at',
  title: 'a.title',
  source: 'a.source'
} as const

// The (column, id) indexes of migration 0001: covering for the sort and the id conditions.
const SORT_INDEX = {
  imported: 'articles_imported',
  published: 'articles_published',
  title: 'articles_title',
  source: 'articles_source'
} as const

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

/** Below this many matching articles, driving the page from the filter and sorting beats walking the sort index. */
const SMALL_SET = 3000

/**
 * FROM clause and conditions of the page query, chosen with the total in hand. For a large result the
 * page walks the sort's covering index in order and stops after one page (SQLite on its own tends to
 * drive a tag filter from its id list and sort afterwards, reading every matching article row). For a
 * small one it starts from the smallest tag set, or lets SQLite pick the filter's index.
 */
function pageSource(where: WhereClause, sort: keyof typeof SORT_COLUMN, total: number): { from: string; conditions: string[] } {
  if (where.conditions.length === 0) return { from: 'articles a', conditions: [] }
  if (total >= SMALL_SET) {
    const index =
      sort === 'imported' && where.countIndex === 'articles_read_imported' ? 'articles_read_imported' : SORT_INDEX[sort]
    return { from: `articles a INDEXED BY ${index}`, conditions: where.conditions }
  }
  if (where.tagSets.length > 0) {
    const sets = [...where.tagSets].sort((x, y) => x.estimate - y.estimate)
    const driver = sets[0] as { ids: number[] }
    return {
      // CROSS JOIN keeps this order: the few tagged ids first, then their article rows.
      from: `(SELECT article_id AS id FROM article_tags WHERE tag_id IN (${driver.ids.join(',')}) GROUP BY article_id) s CROSS JOIN articles a ON a.id = s.id`,
      conditions: [...where.columnConditions, ...sets.slice(1).map((s) => inTagSet(s.ids)), ...where.otherIdConditions]
    }
  }
  return { from: 'articles a', conditions: where.conditions }
}

/**
 * The total. Tag filters alone are counted in article_tags (grouped by article, smallest set first);
 * otherwise the count scans a covering index rather than probing each article row.
 */
function countQuery(where: WhereClause): string {
  if (where.columnConditions.length === 0 && where.tagSets.length > 0) {
    const sets = [...where.tagSets].sort((x, y) => x.estimate - y.estimate)
    const driver = sets[0] as { ids: number[] }
    const rest = [...sets.slice(1).map((s) => inTagSet(s.ids)), ...where.otherIdConditions]
    return `SELECT count(*) AS n FROM (SELECT article_id AS id FROM article_tags WHERE tag_id IN (${driver.ids.join(',')}) GROUP BY article_id) a${
      rest.length ? ` WHERE ${rest.join(' AND ')}` : ''
    }`
  }
  const indexed = where.conditions.length > 0 && where.countIndex ? ` INDEXED BY ${where.countIndex}` : ''
  return `SELECT count(*) AS n FROM articles a${indexed} ${whereSql(where)}`
}

export function listArticles(db: Db, query: ListQuery): ListPage {
  const text = query.search?.trim()
  if (text) {
    const page = searchPage(db, text, query, searchSort(query), query.order, query.limit, query.offset)
    if (page) {
      const ids = page.rows.map((r) => r.id)
      const snippets = snippetsFor(db, page.query, ids)
      const items = getSummaryRows(db, ids).map((row) => ({ ...rowToSummary(row), snippet: snippets.get(row.id) ?? '' }))
      return { items, total: page.total, offset: query.offset }
    }
    // Nothing searchable in the text (only punctuation): list as if no search was given.
  }

  const where = buildWhere(db, query)
  if (where.empty) return { items: [], total: 0, offset: query.offset }
  const dir = query.order === 'asc' ? 'ASC' : 'DESC'
  const sort = query.sort !== 'relevance' && SORT_COLUMN[query.sort] ? query.sort : 'imported'
  const countSql = countQuery(where)
  const total = cachedCount(db, countSql, where.params, () => (db.sqlite.prepare(countSql).get(...where.params) as { n: number }).n)
  const page = pageSource(where, sort, total)
  const ids = (
    db.sqlite
      .prepare(
        `SELECT a.id AS id FROM ${page.from} ${page.conditions.length ? `WHERE ${page.conditions.join(' AND ')}` : ''} ORDER BY ${SORT_COLUMN[sort]} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`
      )
      .all(...where.params, query.limit, query.offset) as { id: number }[]
  ).map((r) => r.id)
  return { items: getSummaryRows(db, ids).map(rowToSummary), total, offset: query.offset }
}
