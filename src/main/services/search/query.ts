// Full-text search over the FTS5 tables (main process): compiles a query, combines it with the list
// filters, ranks with bm25 (title matches weigh most) or a column sort, pages, counts and builds snippets.
import type { ListSort, SearchHit, SearchResult } from '@shared/types'
import { foldForSearch } from '@shared/script'
import type { Db } from '../../db/connection'
import { buildWhere, type ListFilters, type WhereClause } from '../library/filters'
import { cachedCount } from '../library/count-cache'
import { flushSearchIndex } from './indexer'
import { makeSnippet } from './snippet'
import { compileQuery, type CompiledQuery } from './tokenize'

/** bm25 column weights for search_bi (title, body, meta). */
const BM25 = 'bm25(search_bi, 8.0, 1.0, 3.0)'
/** Added to the (negative, lower is better) bm25 score of an article whose tag names match the query. */
const TAG_BONUS = 5.0

export type SearchSort = 'rank' | ListSort

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
  query: CompiledQuery
}

const SORT_COLUMN: Record<Exclude<ListSort, 'relevance'>, string> = {
  imported: 'a.imported_at',
  published: 'a.published_at',
  title: 'a.title',
  source: 'a.source'
}

/**
 * Tag names are not in the FTS index (renaming a tag would reindex every article carrying it); they are
 * matched here, live: per query term, the tags whose folded name contains it. A library has thousands of
 * tags at most and their folded names are cached (foldedTags), so the scan costs well under a millisecond.
 */
export interface TagMatch {
  /** Tag ids per query term (same order as `q.terms`); empty where no tag name contains the term. */
  perTerm: number[][]
}

const keyOf = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '')

/**
 * The folded tag names, cached until the database changes: any write through this connection
 * (total_changes) or through another one, such as the CLI (data_version). Folding 5,000 names costs
 * ~5 ms, a search without it well under one.
 */
const foldedTagCache = new WeakMap<Db, { stamp: string; tags: { id: number; key: string }[] }>()

function foldedTags(db: Db): { id: number; key: string }[] {
  const stamp = `${(prepare(db, 'SELECT total_changes() AS n').get() as { n: number }).n}:${String(db.sqlite.pragma('data_version', { simple: true }))}`
  const cached = foldedTagCache.get(db)
  if (cached?.stamp === stamp) return cached.tags
  const rows = prepare(db, 'SELECT id, name FROM tags').all() as { id: number; name: string }[]
  const tags = rows.map((t) => ({ id: t.id, key: keyOf(foldForSearch(t.name).toLowerCase()) }))
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

/** Ids whose indexed text (title, body, quotes, notes) matches one term. */
function termSource(t: CompiledQuery['terms'][number]): { sql: string; params: string[] } {
  const parts: { sql: string; params: string[] }[] = []
  if (t.bi !== null) parts.push({ sql: 'SELECT rowid AS id FROM search_bi WHERE search_bi MATCH ?', params: [t.bi] })
  if (t.uni !== null) parts.push({ sql: 'SELECT rowid AS id FROM search_uni WHERE search_uni MATCH ?', params: [t.uni] })
  return { sql: parts.map((p) => p.sql).join(' INTERSECT '), params: parts.flatMap((p) => p.params) }
}

/**
 * The FTS part as a subquery yielding (id, score), plus its parameters. When both tables are needed each
 * MATCH is materialised once and the two joined: written as `rowid IN (…)` SQLite may instead re-run the
 * bigram MATCH once per single-character hit.
 * With tag matches every term is a union (its FTS hits, or articles carrying a tag whose name contains
 * it), the terms are intersected, and bm25 of the whole query (where the text matches it) is joined in.
 */
function matchSource(q: CompiledQuery, withScore: boolean, tags: TagMatch | null = null): { sql: string; params: string[] } {
  if (tags) {
    // Per term: its FTS hits (t = 0) and the articles carrying a matching tag (t = 1), one row per article;
    // the terms joined on the article; t marks a tag match for the bonus. Every set is materialised once:
    // as plain subqueries SQLite runs the FTS MATCH once per candidate (minutes for a tag on 18,000
    // articles), and a separate "is it tagged?" lookup per row cost more than the union itself.
    const params: string[] = []
    const ctes: string[] = []
    // f: bm25 of the whole query where the text matches it. A one-term bigram-only query's FTS set is f
    // itself, so its MATCH runs once (a prefix query such as "领域 1" * costs 35 ms on 100k articles).
    const withF = withScore && q.bi !== null
    if (withF) {
      ctes.push(`f AS MATERIALIZED (SELECT rowid AS id, ${BM25} AS score FROM search_bi WHERE search_bi MATCH ?)`)
      params.push(q.bi as string)
    }
    const reuseF = withF && q.terms.length === 1 && q.terms[0]?.uni === null
    q.terms.forEach((term, i) => {
      const fts = reuseF ? { sql: 'SELECT id FROM f', params: [] } : termSource(term)
      params.push(...fts.params)
      const ids = tags.perTerm[i] ?? []
      ctes.push(
        ids.length
          ? `s${i} AS MATERIALIZED (SELECT id, max(t) AS t FROM (SELECT id, 0 AS t FROM (${fts.sql}) UNION ALL SELECT article_id AS id, 1 AS t FROM article_tags WHERE tag_id IN (${ids.join(',')})) GROUP BY id)`
          : `s${i} AS MATERIALIZED (SELECT id, 0 AS t FROM (${fts.sql}))`
      )
    })
    const joins = q.terms.slice(1).map((_, k) => ` JOIN s${k + 1} ON s${k + 1}.id = s0.id`).join('')
    const tagged = q.terms.length === 1 ? 's0.t' : `max(${q.terms.map((_, i) => `s${i}.t`).join(', ')})`
    const flags = q.terms.map((_, i) => `s${i}.t AS t${i}`).join(', ')
    const c = `c AS MATERIALIZED (SELECT s0.id AS id, ${tagged} AS t, ${flags} FROM s0${joins})`
    // Without a score: the ids, and per term whether a tag matched it (verify() skips those terms).
    if (!withScore) return { sql: `WITH ${[...ctes, c].join(', ')} SELECT id, ${q.terms.map((_, i) => `t${i}`).join(', ')} FROM c`, params }
    if (!withF) return { sql: `WITH ${[...ctes, c].join(', ')} SELECT id, 0.0 - t * ${TAG_BONUS} AS score FROM c`, params }
    return {
      sql: `WITH ${[...ctes, c].join(', ')} SELECT c.id AS id, coalesce(f.score, 0.0) - c.t * ${TAG_BONUS} AS score FROM c LEFT JOIN f ON f.id = c.id`,
      params
    }
  }
  const score = withScore ? `, ${BM25} AS score` : ''
  if (q.bi !== null && q.uni !== null) {
    return {
      sql: `SELECT b.id AS id${withScore ? ', b.score AS score' : ''} FROM
        (SELECT rowid AS id${score} FROM search_bi WHERE search_bi MATCH ?) b
        JOIN (SELECT rowid AS id FROM search_uni WHERE search_uni MATCH ?) u ON u.id = b.id`,
      params: [q.bi, q.uni]
    }
  }
  if (q.bi !== null) return { sql: `SELECT rowid AS id${score} FROM search_bi WHERE search_bi MATCH ?`, params: [q.bi] }
  // One-character terms only: detail=none keeps no frequencies, so bm25 would only reward short
  // articles; newest first is more useful and lets FTS5 stream rowids in order without sorting.
  return {
    sql: `SELECT rowid AS id${withScore ? ', 0.0 AS score' : ''} FROM search_uni WHERE search_uni MATCH ?`,
    params: [q.uni as string]
  }
}

function prepare(db: Db, text: string) {
  return db.sqlite.prepare(text)
}

/**
 * Ids of candidates whose folded title/body/meta really contain every inexact term. `tagged(id, i)` says
 * a tag name of the article contains term i: that term needs no check (and an article that needs none
 * is kept without reading its text).
 */
function verify(db: Db, q: CompiledQuery, ids: number[], tagged: (id: number, term: number) => boolean = () => false): number[] {
  const inexact = q.terms.flatMap((t, i) => (t.exact ? [] : [{ folded: t.folded, index: i }]))
  const keep: number[] = []
  const toRead: number[] = []
  for (const id of ids) {
    if (inexact.every((t) => tagged(id, t.index))) keep.push(id)
    else toRead.push(id)
  }
  for (let i = 0; i < toRead.length; i += 500) {
    const chunk = toRead.slice(i, i + 500).join(',')
    const rows = prepare(
      db,
      `SELECT a.id AS id, a.title || char(10) || a.body_text || char(10) ||
         coalesce((SELECT group_concat(t.name, char(10)) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), '') || char(10) ||
         coalesce((SELECT group_concat(n.exact || char(10) || coalesce(n.note, ''), char(10)) FROM annotations n WHERE n.article_id = a.id), '') AS text
       FROM articles a WHERE a.id IN (${chunk})`
    ).all() as { id: number; text: string }[]
    for (const row of rows) {
      const folded = foldForSearch(row.text)
      if (inexact.every((t) => tagged(row.id, t.index) || folded.includes(t.folded))) keep.push(row.id)
    }
  }
  return keep
}

/**
 * One page of matching ids (ranked or sorted) and the total, with the list filters applied. Returns null
 * when the text holds nothing searchable (only punctuation or spaces).
 */
export function searchPage(
  db: Db,
  text: string,
  filters: Partial<ListFilters>,
  sort: SearchSort,
  order: 'asc' | 'desc',
  limit: number,
  offset: number
): SearchPage | null {
  const query = compileQuery(text, foldForSearch)
  if (query.terms.length === 0) return null
  flushSearchIndex(db)
  const tags = matchTags(db, query)
  const where: WhereClause = buildWhere(db, { filter: 'all', ...filters })
  if (where.empty) return { rows: [], total: 0, query }

  // Filters are written against the match set m, so neither the page nor the total joins the (large)
  // article rows: tag and annotation conditions only need the id, and column conditions become one id
  // set read from a covering index. Only a column sort joins the articles.
  const joinArticles = sort !== 'rank'
  const conditions: string[] = joinArticles ? [...where.conditions] : where.idConditions.map((c) => c.replace(/\ba\.id\b/gu, 'm.id'))
  const params: (string | number)[] = [...where.params]
  if (!joinArticles && where.columnConditions.length > 0) {
    const indexed = where.countIndex ? ` INDEXED BY ${where.countIndex}` : ''
    conditions.unshift(`m.id IN (SELECT a.id FROM articles a${indexed} WHERE ${where.columnConditions.join(' AND ')})`)
  }
  if (!query.exact) {
    // Pre-select with FTS + filters, check the text, then page over the survivors.
    const src = matchSource(query, false, tags)
    const flagColumns = tags ? query.terms.map((_, i) => `, m.t${i} AS t${i}`).join('') : ''
    const found = prepare(
      db,
      `SELECT m.id AS id${flagColumns} FROM (${src.sql}) m ${joinArticles ? 'JOIN articles a ON a.id = m.id' : ''} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`
    ).all(...src.params, ...params) as ({ id: number } & Record<string, number>)[]
    const byId = new Map(found.map((r) => [r.id, r]))
    const verified = verify(
      db,
      query,
      found.map((r) => r.id),
      (id, term) => byId.get(id)?.[`t${term}`] === 1
    )
    conditions.push('m.id IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(verified))
  }
  const join = joinArticles ? 'JOIN articles a ON a.id = m.id' : ''
  const whereText = conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''

  const uniOnly = query.bi === null
  const src = matchSource(query, sort === 'rank', tags)
  const dir = order === 'asc' ? 'ASC' : 'DESC'
  const orderBy =
    sort !== 'rank' && sort !== 'relevance' ? `${SORT_COLUMN[sort]} ${dir}, a.id ${dir}` : uniOnly ? 'm.id DESC' : 'm.score ASC, m.id DESC'
  // bm25 is computed once per match (materialised); without filters the one-character table streams in
  // rowid order. With filters the match is always materialised: otherwise SQLite may drive the query from
  // the filter's id list and re-run the FTS MATCH once per id (~200 ms for 18k ids).
  const materialize = !uniOnly || conditions.length > 0
  const rows = prepare(
    db,
    `WITH m AS ${materialize ? 'MATERIALIZED ' : ''}(${src.sql}) SELECT m.id AS id, ${sort === 'rank' ? 'm.score' : '0.0'} AS score FROM m ${join} ${whereText} ORDER BY ${orderBy} LIMIT ? OFFSET ?`
  ).all(...src.params, ...params, limit, offset) as { id: number; score: number }[]

  // The total skips bm25 and, without filters, the join.
  const countSrc = matchSource(query, false, tags)
  const countSql = conditions.length
    ? `WITH m AS MATERIALIZED (${countSrc.sql}) SELECT count(*) AS n FROM m ${join} ${whereText}`
    : `SELECT count(*) AS n FROM (${countSrc.sql}) m ${join} ${whereText}`
  const countParams = [...countSrc.params, ...params]
  const total =
    offset === 0 && rows.length < limit
      ? rows.length
      : cachedCount(db, countSql, countParams, () => (prepare(db, countSql).get(...countParams) as { n: number }).n)
  return { rows, total, query }
}

/** Snippets for these ids, from the stored body (or title when the body has no match). */
export function snippetsFor(db: Db, query: CompiledQuery, ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>()
  if (ids.length === 0) return out
  const marks = [...new Set(query.terms.flatMap((t) => t.marks))].sort((a, b) => b.length - a.length)
  const rows = prepare(db, `SELECT id, title, body_text FROM articles WHERE id IN (${ids.map(Number).join(',')})`).all() as {
    id: number
    title: string
    body_text: string
  }[]
  for (const row of rows) {
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
  const titles = new Map(
    (
      ids.length
        ? (prepare(db, `SELECT id, title FROM articles WHERE id IN (${ids.join(',')})`).all() as { id: number; title: string }[])
        : []
    ).map((r) => [r.id, r.title])
  )
  const snips = snippets ? snippetsFor(db, page.query, ids) : new Map<number, string>()
  return {
    total: page.total,
    hits: page.rows.map((r) => ({ id: r.id, title: titles.get(r.id) ?? '', snippet: snips.get(r.id) ?? '', score: r.score }))
  }
}
