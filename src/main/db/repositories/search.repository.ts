// Full-text search queries over the FTS5 tables (main process), hand-tuned for 100k articles: the match
// set of a compiled query (services/search/tokenize.ts), combined with the list filters, ranked with bm25
// (title matches weigh most) or sorted by a column, paged and counted.
import type { ListSort } from '@shared/types'
import { cachedCount } from '../change-stamp'
import type { Db } from '../connection'
import { idLiterals, idSet } from '../ids'
import { allRows, EMPTY, sql, sqlJoin, sqlRaw, type SqlFragment } from '../sql'
import { countIndexHint, idConditions, allConditions, SORT_COLUMN, whereSql, type ListWhere } from './library.repository'

/** bm25 column weights for search_bi (title, body, meta). */
const BM25 = sqlRaw('bm25(search_bi, 8.0, 1.0, 3.0)')
/** Added to the (negative, lower is better) bm25 score of an article whose tag names match the query. */
const TAG_BONUS = sqlRaw('5.0')

export type SearchSort = 'rank' | ListSort

/** The FTS5 expressions of a compiled query, per term and ANDed (CompiledQuery in services/search). */
export interface FtsQuery {
  terms: readonly { bi: string | null; uni: string | null }[]
  bi: string | null
  uni: string | null
}

/** Per query term (same order as the terms), the ids of the tags whose name contains it; empty where none. */
export interface TagMatch {
  perTerm: number[][]
}

/** Ids whose indexed text (title, body, quotes, notes) matches one term. */
function termSource(t: FtsQuery['terms'][number]): SqlFragment {
  const parts: SqlFragment[] = []
  if (t.bi !== null) parts.push(sql`SELECT rowid AS id FROM search_bi WHERE search_bi MATCH ${t.bi}`)
  if (t.uni !== null) parts.push(sql`SELECT rowid AS id FROM search_uni WHERE search_uni MATCH ${t.uni}`)
  return sqlJoin(parts, ' INTERSECT ')
}

const names = (q: FtsQuery, name: (i: number) => string, separator = ', ') => sqlRaw(q.terms.map((_, i) => name(i)).join(separator))

/**
 * The FTS part as a subquery yielding (id, score). When both tables are needed each MATCH is materialised
 * once and the two joined: written as `rowid IN (…)` SQLite may instead re-run the bigram MATCH once per
 * single-character hit.
 * With tag matches every term is a union (its FTS hits, or articles carrying a tag whose name contains
 * it), the terms are intersected, and bm25 of the whole query (where the text matches it) is joined in.
 * Without a score it yields the ids and, with tag matches, per term whether a tag matched it (t0, t1, …).
 */
function matchSource(q: FtsQuery, withScore: boolean, tags: TagMatch | null): SqlFragment {
  if (tags) {
    // Per term: its FTS hits (t = 0) and the articles carrying a matching tag (t = 1), one row per article;
    // the terms joined on the article; t marks a tag match for the bonus. Every set is materialised once:
    // as plain subqueries SQLite runs the FTS MATCH once per candidate (minutes for a tag on 18,000
    // articles), and a separate "is it tagged?" lookup per row cost more than the union itself.
    const ctes: SqlFragment[] = []
    // f: bm25 of the whole query where the text matches it. A one-term bigram-only query's FTS set is f
    // itself, so its MATCH runs once (a prefix query such as "领域 1" * costs 35 ms on 100k articles).
    const withF = withScore && q.bi !== null
    if (withF) ctes.push(sql`f AS MATERIALIZED (SELECT rowid AS id, ${BM25} AS score FROM search_bi WHERE search_bi MATCH ${q.bi})`)
    const reuseF = withF && q.terms.length === 1 && q.terms[0]?.uni === null
    q.terms.forEach((term, i) => {
      const fts = reuseF ? sql`SELECT id FROM f` : termSource(term)
      const ids = tags.perTerm[i] ?? []
      const s = sqlRaw(`s${i}`)
      ctes.push(
        ids.length
          ? sql`${s} AS MATERIALIZED (SELECT id, max(t) AS t FROM (SELECT id, 0 AS t FROM (${fts}) UNION ALL SELECT article_id AS id, 1 AS t FROM article_tags WHERE tag_id IN (${idLiterals(ids)})) GROUP BY id)`
          : sql`${s} AS MATERIALIZED (SELECT id, 0 AS t FROM (${fts}))`
      )
    })
    const joins = sqlRaw(q.terms.slice(1).map((_, k) => ` JOIN s${k + 1} ON s${k + 1}.id = s0.id`).join(''))
    const tagged = q.terms.length === 1 ? sqlRaw('s0.t') : sql`max(${names(q, (i) => `s${i}.t`)})`
    ctes.push(sql`c AS MATERIALIZED (SELECT s0.id AS id, ${tagged} AS t, ${names(q, (i) => `s${i}.t AS t${i}`)} FROM s0${joins})`)
    const head = sql`WITH ${sqlJoin(ctes)}`
    if (!withScore) return sql`${head} SELECT id, ${names(q, (i) => `t${i}`)} FROM c`
    if (!withF) return sql`${head} SELECT id, 0.0 - t * ${TAG_BONUS} AS score FROM c`
    return sql`${head} SELECT c.id AS id, coalesce(f.score, 0.0) - c.t * ${TAG_BONUS} AS score FROM c LEFT JOIN f ON f.id = c.id`
  }
  const score = withScore ? sql`, ${BM25} AS score` : EMPTY
  if (q.bi !== null && q.uni !== null) {
    return sql`SELECT b.id AS id${withScore ? sqlRaw(', b.score AS score') : EMPTY} FROM
        (SELECT rowid AS id${score} FROM search_bi WHERE search_bi MATCH ${q.bi}) b
        JOIN (SELECT rowid AS id FROM search_uni WHERE search_uni MATCH ${q.uni}) u ON u.id = b.id`
  }
  if (q.bi !== null) return sql`SELECT rowid AS id${score} FROM search_bi WHERE search_bi MATCH ${q.bi}`
  // One-character terms only: detail=none keeps no frequencies, so bm25 would only reward short
  // articles; newest first is more useful and lets FTS5 stream rowids in order without sorting.
  return sql`SELECT rowid AS id${withScore ? sqlRaw(', 0.0 AS score') : EMPTY} FROM search_uni WHERE search_uni MATCH ${q.uni}`
}

/**
 * The filters written against the match set m, so neither the page nor the total joins the (large)
 * article rows: tag and annotation conditions only need the id, and column conditions become one id set
 * read from a covering index. Only a column sort joins the articles.
 */
function matchConditions(w: ListWhere, joinArticles: boolean): SqlFragment[] {
  if (joinArticles) return allConditions(w)
  const conditions = idConditions(w, 'm.id')
  if (w.columns.length > 0) {
    conditions.unshift(sql`m.id IN (SELECT a.id FROM articles a${countIndexHint(w)} WHERE ${sqlJoin(w.columns, ' AND ')})`)
  }
  return conditions
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
    sql`SELECT m.id AS id${flags} FROM (${matchSource(q, false, tags)}) m ${joinArticles ? ARTICLE_JOIN : EMPTY} ${whereSql(matchConditions(w, joinArticles))}`
  )
}

export interface SearchPageQuery {
  q: FtsQuery
  tags: TagMatch | null
  where: ListWhere
  sort: SearchSort
  order: 'asc' | 'desc'
  limit: number
  offset: number
  /** For an inexact query: the candidates that passed the text check (only they may match). */
  verified: readonly number[] | null
}

/** One page of matching ids (ranked or sorted) and the total. */
export function searchMatchPage(db: Db, p: SearchPageQuery): { rows: { id: number; score: number }[]; total: number } {
  const { q, tags, sort, limit, offset } = p
  const joinArticles = sort !== 'rank'
  const conditions = matchConditions(p.where, joinArticles)
  if (p.verified) conditions.push(sql`m.id IN ${idSet(p.verified)}`)
  const join = joinArticles ? ARTICLE_JOIN : EMPTY
  const where = whereSql(conditions)
  const uniOnly = q.bi === null
  const dir = sqlRaw(p.order === 'asc' ? 'ASC' : 'DESC')
  const orderBy =
    sort !== 'rank' && sort !== 'relevance'
      ? sql`${SORT_COLUMN[sort]} ${dir}, a.id ${dir}`
      : sqlRaw(uniOnly ? 'm.id DESC' : 'm.score ASC, m.id DESC')
  // bm25 is computed once per match (materialised); without filters the one-character table streams in
  // rowid order. With filters the match is always materialised: otherwise SQLite may drive the query from
  // the filter's id list and re-run the FTS MATCH once per id (~200 ms for 18k ids).
  const materialize = sqlRaw(!uniOnly || conditions.length > 0 ? 'MATERIALIZED ' : '')
  const score = sqlRaw(sort === 'rank' ? 'm.score' : '0.0')
  const rows = allRows<{ id: number; score: number }>(
    db,
    sql`WITH m AS ${materialize}(${matchSource(q, sort === 'rank', tags)}) SELECT m.id AS id, ${score} AS score FROM m ${join} ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`
  )
  if (offset === 0 && rows.length < limit) return { rows, total: rows.length }
  // The total skips bm25 and, without filters, the join.
  const src = matchSource(q, false, tags)
  const count = conditions.length
    ? sql`WITH m AS MATERIALIZED (${src}) SELECT count(*) AS n FROM m ${join} ${where}`
    : sql`SELECT count(*) AS n FROM (${src}) m ${join} ${where}`
  return { rows, total: cachedCount(db, count) }
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
