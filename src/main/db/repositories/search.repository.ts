// Full-text search queries over the FTS5 tables (main process), hand-tuned for 100k articles: the match
// set of a compiled query (services/search/tokenize.ts), combined with the list filters, ranked with bm25
// (title matches weigh most; a one- or two-character query puts its title hits first) or sorted by a column, paged and
// counted.
import type { ListSort } from '@shared/types'
import { cachedCount } from '../change-stamp'
import type { Db } from '../connection'
import { idLiterals, idSet } from '../ids'
import { allRows, EMPTY, getRow, pluck, sql, sqlJoin, sqlRaw, type SqlFragment } from '../sql'
import { tokenDocumentCount } from './search-index.repository'
import {
  countIndexHint,
  estimateFromSlice,
  idConditions,
  rowFreeColumns,
  since,
  SORT_COLUMN,
  whereSql,
  type ListWhere,
  type MatchTotal
} from './library.repository'
import { subtreeArticleCount, tagSetSize, tagSubtree, treeCountsStale } from './tag.repository'

/** bm25 column weights for search_bi (title, body, meta). */
const BM25 = sqlRaw('bm25(search_bi, 8.0, 1.0, 3.0)')
/** search_uni has one column; its characters repeat by count (tokenize.ts unigramTokens), so bm25 ranks them too. */
const BM25_UNI = sqlRaw('bm25(search_uni)')
/** Added to the (negative, lower is better) bm25 score of an article whose tag names match the query. */
const TAG_BONUS = sqlRaw('5.0')
/**
 * Subtracted from the score of a title hit of a one- or two-character query: more than any bm25 score (a few tens at
 * most), so title hits come first and bm25 orders each group.
 */
const TITLE_FIRST = sqlRaw('1000.0')

export type SearchSort = 'rank' | ListSort

/** One compiled term: its FTS5 expression on one table and, for a short term, that of its title hits there. */
export interface FtsTerm {
  bi: string | null
  uni: string | null
  title: string | null
}

/** The FTS5 expressions of a compiled query, per term and ANDed (CompiledQuery in services/search). */
export interface FtsQuery {
  terms: readonly FtsTerm[]
  bi: string | null
  uni: string | null
}

/** Per query term (same order as the terms), the ids of the tags whose name contains it; empty where none. */
export interface TagMatch {
  perTerm: number[][]
}

/** The table, expression and bm25 of a one-table expression (a term has exactly one of bi, uni). */
function onTable(bi: string | null, uni: string | null): { table: SqlFragment; match: string; bm25: SqlFragment } {
  return bi !== null
    ? { table: sqlRaw('search_bi'), match: bi, bm25: BM25 }
    : { table: sqlRaw('search_uni'), match: uni as string, bm25: BM25_UNI }
}

/** Ids whose indexed text (title, body, quotes, notes) matches one term. */
function termSource(t: FtsTerm, from: number | null): SqlFragment {
  const parts: SqlFragment[] = []
  if (t.bi !== null) parts.push(sql`SELECT rowid AS id FROM search_bi WHERE search_bi MATCH ${t.bi}${since('rowid', from)}`)
  if (t.uni !== null) parts.push(sql`SELECT rowid AS id FROM search_uni WHERE search_uni MATCH ${t.uni}${since('rowid', from)}`)
  return sqlJoin(parts, ' INTERSECT ')
}

/**
 * article_tags through its primary key's index (migration 0001's composite key on a rowid table): an
 * article's few links. Left to itself SQLite probes article_tags_tag once per listed tag id (96 probes
 * per row for 主题, ~90 ms over 3,000 text hits).
 */
const BY_ARTICLE = sqlRaw('article_tags INDEXED BY sqlite_autoindex_article_tags_1')

/**
 * 1 when the article `id` carries one of these tags. `+tag_id`: the article's few links are read and
 * tested against the list; on the key (article_id, tag_id) SQLite would otherwise seek once per listed
 * id (96 seeks per article for 主题: 37,000 text hits probed in ~190 ms instead of ~22 ms on 1M articles).
 */
const carriesTag = (id: SqlFragment, tagIds: readonly number[]): SqlFragment =>
  sql`EXISTS (SELECT 1 FROM ${BY_ARTICLE} WHERE article_id = ${id} AND +tag_id IN (${idLiterals(tagIds)}))`

const names = (q: FtsQuery, name: (i: number) => string, separator = ', ') => sqlRaw(q.terms.map((_, i) => name(i)).join(separator))

/** The expressions ANDed (null when none). */
const ftsAnd = (parts: readonly (string | null)[]): string | null => {
  const present = parts.filter((x): x is string => x !== null)
  return present.length ? present.join(' AND ') : null
}

/** These terms as one: their expressions ANDed per table, so FTS5 skips through the rarest doclist. */
const allOf = (terms: readonly FtsTerm[]): FtsTerm => ({ bi: ftsAnd(terms.map((x) => x.bi)), uni: ftsAnd(terms.map((x) => x.uni)), title: null })

/**
 * For a query of several terms, some matching tag names: true when the terms no tag matches have few
 * enough text hits to start from (see matchSource), fewer than a quarter of the links the tag-matching
 * terms would union. Counted with a LIMIT, so a common term costs no more than that many rows.
 */
function startFromUntagged(db: Db, q: FtsQuery, tags: TagMatch): boolean {
  const untagged = q.terms.filter((_, i) => !tags.perTerm[i]?.length)
  if (q.terms.length < 2 || untagged.length === 0) return false
  const cap = Math.floor(tagSetSize(db, [...new Set(tags.perTerm.flat())]) / 4)
  const n = getRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM (SELECT 1 FROM (${termSource(allOf(untagged), null)}) LIMIT ${cap + 1})`)?.n ?? 0
  return n <= cap
}

/**
 * The FTS part as a subquery yielding (id, score). When both tables are needed each MATCH is materialised
 * once and the two joined: written as `rowid IN (…)` SQLite may instead re-run the bigram MATCH once per
 * single-character hit. The score is bm25 of the bigram part, or of the single characters when that is
 * all the query has.
 * With tag matches every term is a union (its FTS hits, or articles carrying a tag whose name contains
 * it), the terms are intersected, and bm25 of the whole query (where the text matches it) is joined in.
 * Without a score it yields the ids and, with tag matches, per term whether a tag matched it (t0, t1, …);
 * `from` then keeps only ids from there up.
 */
function matchSource(db: Db, q: FtsQuery, withScore: boolean, tags: TagMatch | null, from: number | null = null): SqlFragment {
  const scored = onTable(q.bi, q.bi === null ? q.uni : null)
  if (tags) {
    // Per term: its FTS hits (t = 0) and the articles carrying a matching tag (t = 1), one row per article;
    // the terms joined on the article; t marks a tag match for the bonus. Every set is materialised once:
    // as plain subqueries SQLite runs the FTS MATCH once per candidate (minutes for a tag on 18,000
    // articles), and a separate "is it tagged?" lookup per row cost more than the union itself.
    const ctes: SqlFragment[] = []
    // f: bm25 of the whole query where the text matches it. A one-term query's FTS set is f itself, so its
    // MATCH runs once (a prefix query such as "领域 1" * costs 35 ms on 100k articles).
    if (withScore) ctes.push(sql`f AS MATERIALIZED (SELECT rowid AS id, ${scored.bm25} AS score FROM ${scored.table} WHERE ${scored.table} MATCH ${scored.match})`)
    const single = q.terms.length === 1 ? q.terms[0] : undefined
    const untagged = q.terms.filter((_, i) => !tags.perTerm[i]?.length)
    if (startFromUntagged(db, q, tags)) {
      // Several terms, some matching no tag and rare: their text hits are the candidates, and each
      // tag-matching term only tests those (its own text hits, or a matching tag on the article). Unioning
      // that term's tagged articles first grouped 190,000 links for 领域2 治理 on 1M articles to keep 850.
      const flags = q.terms.map((_, i) => {
        const ids = tags.perTerm[i] ?? []
        return ids.length ? sql`${carriesTag(sqlRaw('d.id'), ids)} AS ${sqlRaw(`t${i}`)}` : sqlRaw(`0 AS t${i}`)
      })
      ctes.push(sql`d AS MATERIALIZED (SELECT d.id AS id, ${sqlJoin(flags)} FROM (${termSource(allOf(untagged), from)}) d)`)
      // A candidate's text test for a tag-matching term ANDs in the other terms, which every candidate
      // matches already: FTS5 then skips through the rarest doclist ("领域 2" alone: 24 ms; with 治理: 7 ms).
      const keep = q.terms.flatMap((term, i) =>
        tags.perTerm[i]?.length ? [sql`(${sqlRaw(`d.t${i}`)} = 1 OR d.id IN (${termSource(allOf([term, ...untagged]), from)}))`] : []
      )
      ctes.push(sql`c AS MATERIALIZED (SELECT d.id AS id, max(${names(q, (i) => `d.t${i}`)}) AS t, ${names(q, (i) => `d.t${i} AS t${i}`)} FROM d WHERE ${sqlJoin(keep, ' AND ')})`)
    } else {
      q.terms.forEach((term, i) => {
        const fts = withScore && single ? sql`SELECT id FROM f` : termSource(term, from)
        const ids = tags.perTerm[i] ?? []
        const s = sqlRaw(`s${i}`)
        ctes.push(
          ids.length
            ? sql`${s} AS MATERIALIZED (SELECT id, max(t) AS t FROM (SELECT id, 0 AS t FROM (${fts}) UNION ALL SELECT article_id AS id, 1 AS t FROM article_tags WHERE tag_id IN (${idLiterals(ids)})${since('article_id', from)}) GROUP BY id)`
            : sql`${s} AS MATERIALIZED (SELECT id, 0 AS t FROM (${fts}))`
        )
      })
      const joins = sqlRaw(q.terms.slice(1).map((_, k) => ` JOIN s${k + 1} ON s${k + 1}.id = s0.id`).join(''))
      const tagged = q.terms.length === 1 ? sqlRaw('s0.t') : sql`max(${names(q, (i) => `s${i}.t`)})`
      ctes.push(sql`c AS MATERIALIZED (SELECT s0.id AS id, ${tagged} AS t, ${names(q, (i) => `s${i}.t AS t${i}`)} FROM s0${joins})`)
    }
    if (!withScore) return sql`WITH ${sqlJoin(ctes)} SELECT id, ${names(q, (i) => `t${i}`)} FROM c`
    if (!single?.title) {
      return sql`WITH ${sqlJoin(ctes)} SELECT c.id AS id, coalesce(f.score, 0.0) - c.t * ${TAG_BONUS} AS score FROM c LEFT JOIN f ON f.id = c.id`
    }
    const own = onTable(single.bi, single.uni)
    ctes.push(sql`ti AS MATERIALIZED (SELECT rowid AS id FROM ${own.table} WHERE ${own.table} MATCH ${single.title})`)
    return sql`WITH ${sqlJoin(ctes)} SELECT c.id AS id, coalesce(f.score, 0.0) - c.t * ${TAG_BONUS} - ${TITLE_FIRST} * (ti.id IS NOT NULL) AS score
      FROM c LEFT JOIN f ON f.id = c.id LEFT JOIN ti ON ti.id = c.id`
  }
  if (q.bi !== null && q.uni !== null) {
    return sql`SELECT b.id AS id${withScore ? sqlRaw(', b.score AS score') : EMPTY} FROM
        (SELECT rowid AS id${withScore ? sql`, ${BM25} AS score` : EMPTY} FROM search_bi WHERE search_bi MATCH ${q.bi}${since('rowid', from)}) b
        JOIN (SELECT rowid AS id FROM search_uni WHERE search_uni MATCH ${q.uni}${since('rowid', from)}) u ON u.id = b.id`
  }
  return sql`SELECT rowid AS id${withScore ? sql`, ${scored.bm25} AS score` : EMPTY} FROM ${scored.table} WHERE ${scored.table} MATCH ${scored.match}${since('rowid', from)}`
}

/** `small THEN probe ELSE list`: the list is built only when its branch runs (SQLite builds an IN list once, on first use). */
const probeOrList = (small: SqlFragment, probe: SqlFragment, list: SqlFragment): SqlFragment =>
  sql`CASE WHEN ${small} THEN ${probe} ELSE ${list} END`

/** The size of the match set m (a materialised CTE of every statement that uses these conditions), counted once. */
const MATCHES = sqlRaw('(SELECT count(*) FROM m)')

/** The id span, from two index ends (one SELECT of both max and min would scan the table). */
const ID_SPAN = sqlRaw('((SELECT max(id) FROM articles) - (SELECT min(id) FROM articles) + 1)')

/** A tag set at least this many times the match set is probed per match rather than listed whole (as PROBE_RATIO in library.repository). */
const TAG_PROBE_RATIO = 8
/** A tag set of at most this share of the id span (20,000 links on 1M articles) is always listed: a few ms to build. */
const SMALL_TAG_SHARE = 50
/**
 * Column filters are probed per match while the matches are at most this fraction of the id span: a
 * probe seeks the article's first page and one read-state index entry, some 30 times the cost of an entry
 * of a covering index's list, and a list may hold every article (700,000 unread ids on 1M articles:
 * ~150 ms to list, 27,000 probes cost as much).
 */
const COLUMN_PROBE_SHARE = 100

/**
 * The filters written against the match set m, so the (large) article rows are read only for a column
 * sort, and then never for read_state (rowFreeColumns). Each tag set, and the column filters, are probed
 * per match when the match set is the smaller side, else read as one id set (from a covering index for
 * the columns): 中国's 27,000 title hits against an unread list of 700,000 ids, or a tag set of 205,000
 * links, cost more to list than to probe. With `from` (an estimate's slice, m holding only ids from there
 * up) the tag sets are read over the slice alone and the columns probed.
 */
function matchConditions(db: Db, w: ListWhere, joinArticles: boolean, from: number | null = null): SqlFragment[] {
  const tags = from !== null ? idConditions(w, 'm.id', from) : tagConditions(db, w)
  if (joinArticles) return [...rowFreeColumns(w, 'probe'), ...tags]
  if (w.columns.length === 0) return tags
  const probe = sql`EXISTS (SELECT 1 FROM articles a WHERE a.id = m.id AND ${sqlJoin(rowFreeColumns(w, 'probe'), ' AND ')})`
  if (from !== null) return [probe, ...tags]
  return [probeOrList(sql`${MATCHES} * ${COLUMN_PROBE_SHARE} <= ${ID_SPAN}`, probe, columnLists(w)), ...tags]
}

/**
 * The tag (and annotated) conditions on m: a large tag set is probed per match while the matches are far
 * fewer than its links. A small one stays a plain IN list, cheap to build, which SQLite may also drive the
 * page from (中国 + 领域2 AND 标签3 on 1M articles: from 标签3's 16,000 links rather than 210,000 matches).
 */
function tagConditions(db: Db, w: ListWhere): SqlFragment[] {
  const span = getRow<{ n: number | null }>(db, sql`SELECT ${ID_SPAN} AS n`)?.n ?? 0
  const listed = (ids: readonly number[]) => sql`(SELECT article_id FROM article_tags WHERE tag_id IN (${idLiterals(ids)}))`
  const sized = (links: number, probe: SqlFragment, list: SqlFragment) =>
    links * SMALL_TAG_SHARE <= span ? list : probeOrList(sql`${MATCHES} * ${TAG_PROBE_RATIO} <= ${links}`, probe, list)
  const out = w.tagSets.map((s) => sized(s.estimate, carriesTag(sqlRaw('m.id'), s.ids), sql`m.id IN ${listed(s.ids)}`))
  if (w.annotated) out.push(sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = m.id)`)
  if (w.noneIds.length > 0) out.push(sized(w.noneEstimate, sql`NOT ${carriesTag(sqlRaw('m.id'), w.noneIds)}`, sql`m.id NOT IN ${listed(w.noneIds)}`))
  return out
}

/**
 * The column filters as id sets, each from a covering index: one list when an index holds every filtered
 * column (countIndex: the read state with the source is one range of articles_read_source); else the read
 * state from articles_read_imported, the others (source, dates) from their own index (a row's first page
 * holds them when two are combined).
 */
function columnLists(w: ListWhere): SqlFragment {
  const read = w.readState
  if (!read || w.countIndex !== null) return sql`m.id IN (SELECT a.id FROM articles a${countIndexHint(w)} WHERE ${sqlJoin(w.columns, ' AND ')})`
  const lists = [sql`m.id IN (SELECT r.id FROM articles r INDEXED BY articles_read_imported WHERE r.read_state = ${read.state})`]
  const others = w.columns.filter((c) => c !== read.column)
  if (others.length > 0) lists.push(sql`m.id IN (SELECT a.id FROM articles a WHERE ${sqlJoin(others, ' AND ')})`)
  return sqlJoin(lists, ' AND ')
}

const ARTICLE_JOIN = sqlRaw('JOIN articles a ON a.id = m.id')

/** A candidate of an inexact query: its id and, with tag matches, t<i> = 1 where a tag matched term i. */
export type Candidate = { id: number } & Record<string, number>

/** Every article the FTS expressions and the filters select, before the inexact terms are checked. */
export function searchCandidates(db: Db, q: FtsQuery, tags: TagMatch | null, w: ListWhere, sort: SearchSort): Candidate[] {
  const joinArticles = sort !== 'rank'
  const flags = tags ? names(q, (i) => `, m.t${i} AS t${i}`, '') : EMPTY
  return allRows<Candidate>(
    db,
    sql`WITH m AS MATERIALIZED (${matchSource(db, q, false, tags)}) SELECT m.id AS id${flags} FROM m ${joinArticles ? ARTICLE_JOIN : EMPTY} ${whereSql(matchConditions(db, w, joinArticles))}`
  )
}

/** What a total counts: the match set with its filters (and, for an inexact query, the verified ids). */
export interface SearchCountQuery {
  q: FtsQuery
  tags: TagMatch | null
  where: ListWhere
  /** For an inexact query: the candidates that passed the text check (only they may match). */
  verified: readonly number[] | null
}

/**
 * How a page's total is given: counted, or (`estimate`) estimated when counting would cost more than the
 * page: a common term's exact total (主题 on 100k articles unions ~90,000) is most of a first page's time.
 */
export type TotalMode = 'exact' | 'estimate'

export interface SearchPageQuery extends SearchCountQuery {
  sort: SearchSort
  order: 'asc' | 'desc'
  limit: number
  offset: number
  total: TotalMode
}

type Row = { id: number; score: number }


/**
 * The ranked page of a one- or two-character query without tag matches, title hits first: first from the title hits
 * alone (`title AND term`, bm25 of a few hundred rows where the whole match set has tens of thousands),
 * then, only when the page runs past them, from the rest (`term NOT title`). A common word whose title
 * hits fill the page never ranks its body-only hits at all. Within the title hits bm25 also counts the
 * title phrase, which favours shorter articles a little more than bm25 of the term alone.
 */
function titleFirstPage(db: Db, term: FtsTerm & { title: string }, where: SqlFragment, limit: number, offset: number): Row[] {
  const { table, match, bm25 } = onTable(term.bi, term.uni)
  // Materialised: with filters SQLite may otherwise re-run the MATCH once per id of the filter's list.
  const ranked = (expr: string, shift: SqlFragment) =>
    sql`WITH m AS MATERIALIZED (SELECT rowid AS id, ${bm25} - ${shift} AS score FROM ${table} WHERE ${table} MATCH ${expr}) SELECT m.id AS id, m.score AS score FROM m ${where}`
  const inTitle = ranked(`(${term.title}) AND (${match})`, TITLE_FIRST)
  const first = allRows<Row>(db, sql`${inTitle} ORDER BY m.score ASC, m.id DESC LIMIT ${limit} OFFSET ${offset}`)
  if (first.length === limit) return first
  const titled = first.length > 0 || offset === 0 ? offset + first.length : cachedCount(db, sql`SELECT count(*) AS n FROM (${inTitle})`)
  const rest = allRows<Row>(
    db,
    sql`${ranked(`(${match}) NOT (${term.title})`, sqlRaw('0.0'))} ORDER BY m.score ASC, m.id DESC LIMIT ${limit - first.length} OFFSET ${Math.max(0, offset - titled)}`
  )
  return [...first, ...rest]
}

/** From this many tagged articles (tag_stats sum) a one-term query walks its tagged-only hits instead of unioning them. */
const WALK_TAGGED = 2000

/**
 * The ranked page of a one-term query whose term also matches tag names, without building the union of
 * every article carrying such a tag (主题 matches 96 tags on 90,000 articles: ~140 ms to union, group and
 * sort). Its text hits are scored as in matchSource (bm25, tag bonus, title first); every other hit is
 * tagged only and scores exactly -TAG_BONUS, so newest first: those are read by walking article_tags'
 * primary key backwards and stopping at the page. The two sorted lists merge in JS. Without filters only
 * (see below).
 */
function taggedTermPage(db: Db, term: FtsTerm, tagIds: readonly number[], limit: number, offset: number): { rows: Row[]; untagged: number } {
  const { table, match, bm25 } = onTable(term.bi, term.uni)
  const n = offset + limit
  const f = sql`f AS MATERIALIZED (SELECT rowid AS id, ${bm25} AS score FROM ${table} WHERE ${table} MATCH ${match})`
  const ti = term.title ? sql`, ti AS MATERIALIZED (SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ${term.title})` : EMPTY
  const titleShift = term.title ? sql` - ${TITLE_FIRST} * (g.id IN (SELECT id FROM ti))` : EMPTY
  // One statement, so both halves share f (a second MATCH of "领域 1" walks its digit token again: ~30 ms on
  // 1M articles), and it counts the untagged text hits for the total (taggedTermTotal). The tagged-only
  // half walks the primary key's index newest first and stops at the page. Only without filters: with an
  // id-set condition SQLite drives the walk from that set and sorts everything again.
  const found = allRows<Row & { untagged: number }>(
    db,
    sql`WITH ${f}${ti}, g AS MATERIALIZED (SELECT f.id AS id, f.score AS score, ${carriesTag(sqlRaw('f.id'), tagIds)} AS tagged FROM f),
      m AS MATERIALIZED (SELECT g.id AS id, g.score - ${TAG_BONUS} * g.tagged${titleShift} AS score FROM g),
      u AS (SELECT count(*) AS n FROM g WHERE g.tagged = 0)
      SELECT id, score, (SELECT n FROM u) AS untagged FROM (SELECT m.id AS id, m.score AS score FROM m ORDER BY m.score ASC, m.id DESC LIMIT ${n})
      UNION ALL
      SELECT id, score, (SELECT n FROM u) AS untagged FROM (SELECT DISTINCT article_id AS id, 0.0 - ${TAG_BONUS} AS score FROM ${BY_ARTICLE}
        WHERE tag_id IN (${idLiterals(tagIds)}) AND article_id NOT IN (SELECT id FROM f) ORDER BY article_id DESC LIMIT ${n})`
  )
  const rows = found.map((r) => ({ id: r.id, score: r.score })).sort((x, y) => x.score - y.score || y.id - x.id)
  return { rows: rows.slice(offset, n), untagged: found[0]?.untagged ?? 0 }
}

/** The filters (and verified ids) as conditions on the match set m (restricted to ids from `from` up). */
function countConditions(db: Db, p: SearchCountQuery, joinArticles: boolean, from: number | null = null): SqlFragment[] {
  const conditions = matchConditions(db, p.where, joinArticles, from)
  if (p.verified) conditions.push(sql`m.id IN ${idSet(p.verified)}`)
  return conditions
}

/**
 * The folded path whose subtree is exactly these tags (领域1 for 领域1/主题1 … 领域1/主题12), or null: its
 * distinct articles are one row of tag_tree_stats.
 */
function subtreeOf(db: Db, tagIds: readonly number[]): string | null {
  const paths = pluck<string>(db, sql`SELECT norm_name FROM tags WHERE id IN (${idLiterals(tagIds)})`).map((norm) => norm.split('/'))
  let common = paths[0] ?? []
  for (const path of paths) {
    let k = 0
    while (k < common.length && common[k] === path[k]) k++
    common = common.slice(0, k)
  }
  if (common.length === 0) return null
  const root = common.join('/')
  const wanted = new Set(tagIds)
  const subtree = tagSubtree(db, root)
  return subtree.length === wanted.size && subtree.every((t) => wanted.has(t.id)) ? root : null
}

/**
 * The number of articles carrying one of these tags, when it is cheap to know: one row of tag_tree_stats
 * when the tags are one subtree (领域1: its 12 sub-tags), else null.
 */
function subtreeTaggedCount(db: Db, tagIds: readonly number[]): number | null {
  const tree = treeCountsStale(db) ? null : subtreeOf(db, tagIds)
  return tree === null ? null : subtreeArticleCount(db, tree, tagIds)
}

/**
 * The number of articles carrying one of these tags (no temporary b-tree of 900,000 ids when the tags hold
 * a large share of all links: walking article_tags in article order, ~330 against ~760 ms of CPU for
 * 主题's 96 tags on 1M articles; a smaller set is grouped from the tag index).
 */
function taggedCount(db: Db, tagIds: readonly number[]): number {
  const known = subtreeTaggedCount(db, tagIds)
  if (known !== null) return known
  const list = idLiterals(tagIds)
  const share = getRow<{ part: number; whole: number }>(
    db,
    sql`SELECT coalesce(sum(article_count) FILTER (WHERE tag_id IN (${list})), 0) AS part, coalesce(sum(article_count), 0) AS whole FROM tag_stats`
  )
  const links = share && share.part * 3 > share.whole ? sql`${BY_ARTICLE} WHERE +tag_id IN (${list})` : sql`article_tags WHERE tag_id IN (${list})`
  return cachedCount(db, sql`SELECT count(*) AS n FROM (SELECT article_id FROM ${links} GROUP BY article_id)`)
}

/**
 * The count of a one-term query whose term matches tag names, without their union: the articles carrying
 * a matching tag plus the text hits carrying none (主题 on 1M articles: 897,289 + 3,815, where grouping
 * the union of 1.5M links and 37,000 hits took ~1.2 s of CPU).
 */
function taggedTermCount(db: Db, term: FtsTerm, tagIds: readonly number[]): SqlFragment {
  const untagged = sql`(SELECT count(*) FROM (${termSource(term, null)}) f WHERE NOT ${carriesTag(sqlRaw('f.id'), tagIds)})`
  return sql`SELECT ${taggedCount(db, tagIds)} + ${untagged} AS n`
}

/** `SELECT count(*) AS n` of the match set with its filters; without bm25 and without the article rows. */
function countSql(db: Db, p: SearchCountQuery, from: number | null): SqlFragment {
  const conditions = countConditions(db, p, false, from)
  const single = p.q.terms.length === 1 ? p.q.terms[0] : undefined
  const tagIds = single ? (p.tags?.perTerm[0] ?? []) : []
  if (single && tagIds.length > 0 && conditions.length === 0 && from === null) return taggedTermCount(db, single, tagIds)
  const src = matchSource(db, p.q, false, p.tags, from)
  return conditions.length
    ? sql`WITH m AS MATERIALIZED (${src}) SELECT count(*) AS n FROM m ${whereSql(conditions)}`
    : sql`SELECT count(*) AS n FROM (${src}) m`
}

/**
 * The total of a query that is one token (a one- or two-character term: `"球"`, `"中国"`) without tags or
 * filters, from the index's own document count (tokenDocumentCount); null for any other query.
 */
function tokenTotal(db: Db, p: SearchCountQuery): number | null {
  const term = p.q.terms.length === 1 ? p.q.terms[0] : undefined
  if (!term || p.tags || p.verified || countConditions(db, p, false).length > 0) return null
  const token = /^"([^" ]+)"$/u.exec(term.bi ?? term.uni ?? '')?.[1]
  return token === undefined ? null : tokenDocumentCount(db, term.bi !== null ? 'bi' : 'uni', token)
}

/** The exact number of matching articles (cached until the database changes). */
export function searchMatchCount(db: Db, p: SearchCountQuery): number {
  return tokenTotal(db, p) ?? cachedCount(db, countSql(db, p, null))
}

/** The total of a full page: estimated when asked and counting would cost more than the estimate. */
function pageTotal(db: Db, p: SearchPageQuery): MatchTotal {
  // Inexact queries have counted their verified candidates already; later pages follow the first's count.
  const estimate = p.total === 'estimate' && !p.verified && p.offset === 0 ? estimateFromSlice(db, (cut) => countSql(db, p, cut)) : null
  return estimate === null ? { total: searchMatchCount(db, p), approx: false } : { total: estimate, approx: true }
}

/** One page of matching ids (ranked or sorted) and the total. */
export function searchMatchPage(db: Db, p: SearchPageQuery): { rows: Row[] } & MatchTotal {
  const { q, tags, limit, offset } = p
  const sort = p.sort === 'relevance' ? 'rank' : p.sort
  const joinArticles = sort !== 'rank'
  const conditions = countConditions(db, p, joinArticles)
  const join = joinArticles ? ARTICLE_JOIN : EMPTY
  const where = whereSql(conditions)
  const single = q.terms.length === 1 ? q.terms[0] : undefined
  let rows: Row[]
  const tagIds = single && tags ? (tags.perTerm[0] ?? []) : []
  if (sort === 'rank' && single?.title && !tags) rows = titleFirstPage(db, { ...single, title: single.title }, where, limit, offset)
  else if (sort === 'rank' && single && conditions.length === 0 && tagIds.length > 0 && tagSetSize(db, tagIds) >= WALK_TAGGED) {
    const page = taggedTermPage(db, single, tagIds, limit, offset)
    rows = page.rows
    // The page counted its untagged text hits; the tagged articles are one row of tag_tree_stats for a
    // subtree, else walked. Only for an exact total: an estimate is what the list asked for.
    if (p.total === 'exact') return { rows, total: taggedCount(db, tagIds) + page.untagged, approx: false }
  } else {
    const dir = sqlRaw(p.order === 'asc' ? 'ASC' : 'DESC')
    const orderBy = sort === 'rank' ? sqlRaw('m.score ASC, m.id DESC') : sql`${SORT_COLUMN[sort]} ${dir}, a.id ${dir}`
    // bm25 is computed once per match (materialised). Without a score and without filters the match
    // streams; with filters it is always materialised: otherwise SQLite may drive the query from the
    // filter's id list and re-run the FTS MATCH once per id (~200 ms for 18k ids).
    const materialize = sqlRaw(sort === 'rank' || conditions.length > 0 ? 'MATERIALIZED ' : '')
    const score = sqlRaw(sort === 'rank' ? 'm.score' : '0.0')
    // This page reads every match anyway (to rank or sort it), so it counts them too: a separate count
    // would walk the FTS match a second time (北京时间11月 on 1M articles: 105,000 phrase hits, 120-500 ms).
    const counted = allRows<Row & { n: number }>(
      db,
      sql`WITH m AS ${materialize}(${matchSource(db, q, sort === 'rank', tags)}) SELECT m.id AS id, ${score} AS score, count(*) OVER () AS n FROM m ${join} ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`
    )
    const n = counted[0]?.n
    rows = counted.map((r) => ({ id: r.id, score: r.score }))
    if (n !== undefined) return { rows, total: n, approx: false }
  }
  if (offset === 0 && rows.length < limit) return { rows, total: rows.length, approx: false }
  return { rows, ...pageTotal(db, p) }
}

/**
 * Everything a search term may match in these articles, one string each: title, body, tag names,
 * annotation quotes and notes (for checking inexact terms against the text).
 */
export function searchableTexts(db: Db, ids: readonly number[]): { id: number; text: string }[] {
  return allRows(
    db,
    sql`SELECT a.id AS id, a.title || char(10) || a.body_text || char(10) ||
         coalesce((SELECT group_concat(t.name, char(10)) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), '') || char(10) ||
         coalesce((SELECT group_concat(n.exact || char(10) || coalesce(n.note, ''), char(10)) FROM annotations n WHERE n.article_id = a.id), '') AS text
       FROM articles a WHERE a.id IN ${idSet(ids)}`
  )
}

export function titlesById(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = allRows<{ id: number; title: string }>(db, sql`SELECT id, title FROM articles WHERE id IN ${idSet(ids)}`)
  return new Map(rows.map((r) => [r.id, r.title]))
}
