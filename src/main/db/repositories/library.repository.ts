// The article list's SQL (main process): the list filters (read state, annotated, source, date range, tag
// AND/OR/NOT with sub-tags) as fragments over `articles AS a`, shared with search, and the page and total
// queries behind `articles:list`. Built for a virtualised list over 100k articles: every sort has an index,
// filters avoid reading article rows where an index answers, and totals are cached until the database changes.
import type { ListQuery } from '@shared/types'
import { cachedCount } from '../change-stamp'
import type { Db } from '../connection'
import { idLiterals } from '../ids'
import { EMPTY, getRow, pluck, sql, sqlJoin, sqlRaw, type SqlFragment } from '../sql'
import { normalizeTagName, subtreeArticleCount, tagSetSize, tagSubtree, treeCountsStale } from './tag.repository'

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
  /** The folded path when the only tag condition is one name with its sub-tags: tag_tree_stats counts it. */
  tree: string | null
  /**
   * A narrow index holding every article column the conditions read (plus the id), for counting: a
   * count that probes 20k ids in the articles table reads 20k large rows (~250 ms on 100k articles),
   * scanning a covering index of 100k entries takes a few ms.
   */
  countIndex: string | null
}

const folded = (name: string) => normalizeTagName(name).replace(/\/+$/u, '')

/** Ids of the tag with this name and of all its sub-tags, compared by the script-folded name. */
function tagSubtreeIds(db: Db, name: string): number[] {
  const norm = folded(name)
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
  const names = [...(f.tagsAll ?? []), ...(f.tagsAny ?? [])]
  const noneIds = [...new Set((f.tagsNone ?? []).flatMap((name) => tagSubtreeIds(db, name)))]
  const tree = names.length === 1 && noneIds.length === 0 && columns.length === 0 && f.filter !== 'annotated' ? folded(names[0] as string) : null
  const only = columnsRead.size === 0 ? 'none' : columnsRead.size === 1 ? [...columnsRead][0] : undefined
  return {
    empty,
    columns,
    tagSets: sets.map((ids) => ({ ids, estimate: tagSetSize(db, ids) })),
    annotated: f.filter === 'annotated',
    noneIds,
    tree,
    countIndex: only ? COUNT_INDEX[only] : null
  }
}

/**
 * ` AND <column> >= from`: restricts a condition to the newest ids, for an estimate (estimateFromSlice).
 * article_tags_tag is (tag_id, article_id), so a tag set's slice costs the slice's links, not the set's.
 */
export function since(column: 'rowid' | 'article_id' | 'a.id', from: number | null): SqlFragment {
  return from === null ? EMPTY : sql` AND ${sqlRaw(column)} >= ${from}`
}

const articlesWithTags = (ids: readonly number[], from: number | null) =>
  sql`SELECT article_id FROM article_tags WHERE tag_id IN (${idLiterals(ids)})${since('article_id', from)}`

/** `ref IN (…)`: the article carries a tag of this set (with `from`: only ids from there up are tested). */
function inTagSet(ref: IdRef, ids: readonly number[], from: number | null = null): SqlFragment {
  return sql`${sqlRaw(ref)} IN (${articlesWithTags(ids, from)})`
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
function otherIdConditions(w: ListWhere, ref: IdRef, from: number | null = null): SqlFragment[] {
  const out: SqlFragment[] = []
  if (w.annotated) out.push(sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = ${sqlRaw(ref)})`)
  if (w.noneIds.length > 0) out.push(sql`${sqlRaw(ref)} NOT IN (${articlesWithTags(w.noneIds, from)})`)
  return out
}

/**
 * The conditions that read only the article id (tags, annotated), written against `ref`. With `from`
 * the tag sets are read only from that id up: correct for a `ref` that is itself restricted so.
 */
export function idConditions(w: ListWhere, ref: IdRef, from: number | null = null): SqlFragment[] {
  return [...w.tagSets.map((s) => inTagSet(ref, s.ids, from)), ...otherIdConditions(w, ref, from)]
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

/** The id span an estimate counts: the newest 10,000 ids, a tenth of a count on 100k articles, a hundredth on 1M. */
const SAMPLE_IDS = 10_000
/** Totals below this are counted exactly: counting that many costs a few ms. */
export const EXACT_BELOW = 10_000

const twoDigits = (n: number): number => {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1)
  return Math.round(n / unit) * unit
}

/**
 * A total estimated from the newest ids: `countFrom(cut)` counts the matches among ids from `cut` up,
 * scaled by the whole id span over the slice's (ids are dense, deletions aside, so the span stands for the
 * article count without counting 1M rows), rounded to two significant digits. Null when the slice would be
 * the whole library or the estimate is small enough to count. A bias towards what was imported last is
 * possible: the exact count follows (articles:count).
 */
export function estimateFromSlice(db: Db, countFrom: (cut: number) => SqlFragment): number | null {
  const span = getRow<{ lo: number | null; hi: number | null }>(db, sql`SELECT (SELECT min(id) FROM articles) AS lo, (SELECT max(id) FROM articles) AS hi`)
  if (span?.lo == null || span.hi == null || span.hi - span.lo + 1 <= SAMPLE_IDS) return null
  const cut = span.hi - SAMPLE_IDS + 1
  const inSlice = getRow<{ n: number }>(db, countFrom(cut))?.n ?? 0
  const estimate = (inSlice * (span.hi - span.lo + 1)) / SAMPLE_IDS
  return estimate < EXACT_BELOW ? null : twoDigits(estimate)
}

/** A total: exact, or `approx` (estimated, rounded to two significant digits). */
export interface MatchTotal {
  total: number
  approx: boolean
}

/**
 * The total for a first page: exact when that is cheap (no filter; one tag subtree, from tag_tree_stats;
 * a tag set of fewer than EXACT_BELOW links), else estimated from the newest ids, every condition tested
 * over that slice only (the NOT IN of unread + NOT tag on 1M articles counts 700,100 entries, 169 ms).
 */
export function listPageTotal(db: Db, w: ListWhere): MatchTotal {
  const conditions = allConditions(w)
  if (conditions.length === 0) return { total: listTotal(db, w), approx: false }
  const only = w.tagSets[0]
  if (w.tree !== null && w.tagSets.length === 1 && only && !treeCountsStale(db)) {
    return { total: subtreeArticleCount(db, w.tree, only.ids), approx: false }
  }
  if (w.tagSets.some((s) => s.estimate < EXACT_BELOW)) return { total: listTotal(db, w), approx: false }
  const estimate = estimateFromSlice(db, (cut) => {
    // NOT INDEXED: the slice is read by rowid range; a column index would scan every entry of its value.
    const inSlice = [sql`a.id >= ${cut}`, ...w.columns, ...idConditions(w, 'a.id', cut)]
    return sql`SELECT count(*) AS n FROM articles a NOT INDEXED ${whereSql(inSlice)}`
  })
  return estimate === null ? { total: listTotal(db, w), approx: false } : { total: estimate, approx: true }
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
