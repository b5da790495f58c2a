// The article list's SQL (main process): the list filters (read state, annotated, source, date range, tag
// AND/OR/NOT with sub-tags) as fragments over `articles AS a`, shared with search, and the page and total
// queries behind `articles:list`. Built for a virtualised list over 100k articles: every sort has an index,
// filters avoid reading article rows where an index answers, and totals are cached until the database changes.
import type { ListQuery } from '@shared/types'
import { cachedCount } from '../change-stamp'
import type { Db } from '../connection'
import { idLiterals } from '../ids'
import { EMPTY, pluck, sql, sqlJoin, sqlRaw, type SqlFragment } from '../sql'
import { normalizeTagName, tagSetSize, tagSubtree } from './tag.repository'

export type ListFilters = Pick<ListQuery, 'filter' | 'tagsAll' | 'tagsAny' | 'tagsNone' | 'source' | 'dateFrom' | 'dateTo'>

export type ListSortColumn = 'imported' | 'published' | 'title' | 'source'

export const SORT_COLUMN: Record<ListSortColumn, SqlFragment> = {
  imported: sqlRaw('a.imported_at'),
  published: sqlRaw('a.published_at'),
  title: sqlRaw('a.title'),
  source: sqlRaw('a.source')
}

// The (column, id) indexes of migration 0001: covering for the sort and the id conditions.
const SORT_INDEX: Record<ListSortColumn, string> = {
  imported: 'articles_imported',
  published: 'articles_published',
  title: 'articles_title',
  source: 'articles_source'
}

/** The column an id condition is written against: the article row, or search's match set. */
export type IdRef = 'a.id' | 'm.id'

export interface ListWhere {
  /** True when a filter can match nothing (an unknown tag in tagsAll/tagsAny). */
  empty: boolean
  /** The conditions that read article columns. */
  columns: SqlFragment[]
  /** Positive tag conditions (each tagsAll name, the tagsAny union) as tag id sets, with estimated sizes. */
  tagSets: { ids: number[]; estimate: number }[]
  /** Only articles with highlights. */
  annotated: boolean
  /** Tag ids (tagsNone with their sub-tags) the articles must not carry. */
  noneIds: number[]
  /**
   * A narrow index holding every article column the conditions read (plus the id), for counting: a
   * count that probes 20k ids in the articles table reads 20k large rows (~250 ms on 100k articles),
   * scanning a covering index of 100k entries takes a few ms.
   */
  countIndex: string | null
}

/** Ids of the tag with this name and of all its sub-tags, compared by the script-folded name. */
function tagSubtreeIds(db: Db, name: string): number[] {
  const norm = normalizeTagName(name).replace(/\/+$/u, '')
  return norm ? tagSubtree(db, norm).map((t) => t.id) : []
}

// A bare date ('2024-05-31') as an upper bound should include that whole day.
function upperBound(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/u.test(date) ? date + '\uffff' : date
}

const COUNT_INDEX = {
  none: 'articles_imported',
  read: 'articles_read_imported',
  source: 'articles_source',
  date: 'articles_date'
} as const

export function listWhere(db: Db, f: ListFilters): ListWhere {
  const columns: SqlFragment[] = []
  const columnsRead = new Set<Exclude<keyof typeof COUNT_INDEX, 'none'>>()
  if (f.filter === 'unread' || f.filter === 'read') {
    columns.push(sql`a.read_state = ${f.filter}`)
    columnsRead.add('read')
  }
  if (f.source) {
    columns.push(sql`a.source = ${f.source}`)
    columnsRead.add('source')
  }
  // The same expression as the articles_date index (migration 0002), so the range can use it.
  if (f.dateFrom) {
    columns.push(sql`coalesce(a.published_at, a.imported_at) >= ${f.dateFrom}`)
    columnsRead.add('date')
  }
  if (f.dateTo) {
    columns.push(sql`coalesce(a.published_at, a.imported_at) <= ${upperBound(f.dateTo)}`)
    columnsRead.add('date')
  }
  // Tag ids are resolved first and inlined: the IN lists then drive article_tags_tag directly.
  let empty = false
  const sets: number[][] = []
  for (const name of f.tagsAll ?? []) {
    const ids = tagSubtreeIds(db, name)
    if (ids.length === 0) empty = true
    else sets.push(ids)
  }
  if (f.tagsAny && f.tagsAny.length > 0) {
    const ids = [...new Set(f.tagsAny.flatMap((name) => tagSubtreeIds(db, name)))]
    if (ids.length === 0) empty = true
    else sets.push(ids)
  }
  const only = columnsRead.size === 0 ? 'none' : columnsRead.size === 1 ? [...columnsRead][0] : undefined
  return {
    empty,
    columns,
    tagSets: sets.map((ids) => ({ ids, estimate: tagSetSize(db, ids) })),
    annotated: f.filter === 'annotated',
    noneIds: [...new Set((f.tagsNone ?? []).flatMap((name) => tagSubtreeIds(db, name)))],
    countIndex: only ? COUNT_INDEX[only] : null
  }
}

const articlesWithTags = (ids: readonly number[]) => sql`SELECT article_id FROM article_tags WHERE tag_id IN (${idLiterals(ids)})`

/** `ref IN (…)`: the article carries a tag of this set. */
function inTagSet(ref: IdRef, ids: readonly number[]): SqlFragment {
  return sql`${sqlRaw(ref)} IN (${articlesWithTags(ids)})`
}

/**
 * The same test as one probe of article_tags' primary key per row, for a page that walks a sort index
 * and stops after one page: `IN (…)` first collects the whole tag set (180k ids for a parent tag on 1M
 * articles, ~100 ms) to answer for the few hundred rows the walk visits.
 */
function carriesTag(ref: IdRef, ids: readonly number[]): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM article_tags WHERE article_id = ${sqlRaw(ref)} AND tag_id IN (${idLiterals(ids)}))`
}

/** Every condition against `articles AS a`, tag conditions as per-row probes (see carriesTag). */
function probeConditions(w: ListWhere): SqlFragment[] {
  const out = [...w.columns, ...w.tagSets.map((s) => carriesTag('a.id', s.ids))]
  if (w.annotated) out.push(sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)`)
  if (w.noneIds.length > 0) out.push(sql`NOT ${carriesTag('a.id', w.noneIds)}`)
  return out
}

/** The id conditions other than the positive tag sets (annotated, tagsNone). */
function otherIdConditions(w: ListWhere, ref: IdRef): SqlFragment[] {
  const out: SqlFragment[] = []
  if (w.annotated) out.push(sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = ${sqlRaw(ref)})`)
  if (w.noneIds.length > 0) out.push(sql`${sqlRaw(ref)} NOT IN (${articlesWithTags(w.noneIds)})`)
  return out
}

/** The conditions that read only the article id (tags, annotated), written against `ref`. */
export function idConditions(w: ListWhere, ref: IdRef): SqlFragment[] {
  return [...w.tagSets.map((s) => inTagSet(ref, s.ids)), ...otherIdConditions(w, ref)]
}

/** Every condition, against `articles AS a`. */
export function allConditions(w: ListWhere): SqlFragment[] {
  return [...w.columns, ...idConditions(w, 'a.id')]
}

export function whereSql(conditions: readonly SqlFragment[]): SqlFragment {
  return conditions.length ? sql`WHERE ${sqlJoin(conditions, ' AND ')}` : EMPTY
}

/** ` INDEXED BY <countIndex>` when the conditions have a covering index to count on. */
export function countIndexHint(w: ListWhere): SqlFragment {
  return w.countIndex ? sqlRaw(` INDEXED BY ${w.countIndex}`) : EMPTY
}

/** The tag id sets, smallest first (call with at least one): the first drives a tag-filtered query. */
const tagSetsBySize = (w: ListWhere) => [...w.tagSets].sort((x, y) => x.estimate - y.estimate).map((s) => s.ids) as [number[], ...number[][]]

/** The articles of the smallest tag set, one row per article: the driver of a small tag-filtered query. */
const tagDriver = (ids: readonly number[]) =>
  sql`(SELECT article_id AS id FROM article_tags WHERE tag_id IN (${idLiterals(ids)}) GROUP BY article_id)`

/**
 * The total. Tag filters alone are counted in article_tags (grouped by article, smallest set first);
 * otherwise the count scans a covering index rather than probing each article row.
 */
function countQuery(w: ListWhere): SqlFragment {
  const conditions = allConditions(w)
  if (w.columns.length === 0 && w.tagSets.length > 0) {
    const [driver, ...rest] = tagSetsBySize(w)
    const others = [...rest.map((ids) => inTagSet('a.id', ids)), ...otherIdConditions(w, 'a.id')]
    return sql`SELECT count(*) AS n FROM ${tagDriver(driver)} a${others.length ? sql` ${whereSql(others)}` : EMPTY}`
  }
  return sql`SELECT count(*) AS n FROM articles a${conditions.length > 0 ? countIndexHint(w) : EMPTY} ${whereSql(conditions)}`
}

/** The number of articles these filters select (cached until the database changes). */
export function listTotal(db: Db, w: ListWhere): number {
  return cachedCount(db, countQuery(w))
}

/** Below this many matching articles, driving the page from the filter and sorting beats walking the sort index. */
const SMALL_SET = 3000

/**
 * FROM clause and conditions of the page query, chosen with the total in hand. For a large result the
 * page walks the sort's covering index in order and stops after one page (SQLite on its own tends to
 * drive a tag filter from its id list and sort afterwards, reading every matching article row). For a
 * small one it starts from the smallest tag set, or lets SQLite pick the filter's index.
 */
function pageSource(w: ListWhere, sort: ListSortColumn, total: number): { from: SqlFragment; conditions: SqlFragment[] } {
  const conditions = allConditions(w)
  if (conditions.length === 0) return { from: sql`articles a`, conditions }
  if (total >= SMALL_SET) {
    const index = sort === 'imported' && w.countIndex === 'articles_read_imported' ? 'articles_read_imported' : SORT_INDEX[sort]
    return { from: sqlRaw(`articles a INDEXED BY ${index}`), conditions: probeConditions(w) }
  }
  if (w.tagSets.length > 0) {
    const [driver, ...rest] = tagSetsBySize(w)
    return {
      // CROSS JOIN keeps this order: the few tagged ids first, then their article rows.
      from: sql`${tagDriver(driver)} s CROSS JOIN articles a ON a.id = s.id`,
      conditions: [...w.columns, ...rest.map((ids) => inTagSet('a.id', ids)), ...otherIdConditions(w, 'a.id')]
    }
  }
  return { from: sql`articles a`, conditions }
}

/** One page of article ids in list order; `total` is listTotal's answer (it picks the query shape). */
export function listPageIds(
  db: Db,
  w: ListWhere,
  sort: ListSortColumn,
  order: 'asc' | 'desc',
  total: number,
  limit: number,
  offset: number
): number[] {
  const page = pageSource(w, sort, total)
  const dir = sqlRaw(order === 'asc' ? 'ASC' : 'DESC')
  return pluck<number>(
    db,
    sql`SELECT a.id AS id FROM ${page.from} ${whereSql(page.conditions)} ORDER BY ${SORT_COLUMN[sort]} ${dir}, a.id ${dir} LIMIT ${limit} OFFSET ${offset}`
  )
}
