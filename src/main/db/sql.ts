// Hand-written SQL for the hot paths (search, list filters, tag counts), built from fragments whose
// parameters travel with their text, so a fragment can never be spliced in without its values (after
// Signal Desktop's ts/sql/util.ts). Only src/main/db may use it: services call repository functions.
import type BetterSqlite3 from 'better-sqlite3'
import type { Db } from './connection'

export type SqlParam = string | number | bigint | null | Uint8Array

/** A piece of SQL and the values of its `?` placeholders, in order. */
export class SqlFragment {
  constructor(
    readonly text: string,
    readonly params: readonly SqlParam[]
  ) {}
}

/** Tagged template: interpolated fragments are inlined with their params; any other value becomes a `?`. */
export function sql(strings: TemplateStringsArray, ...values: readonly (SqlFragment | SqlParam)[]): SqlFragment {
  let text = strings[0] ?? ''
  const params: SqlParam[] = []
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.text
      params.push(...value.params)
    } else {
      text += '?'
      params.push(value)
    }
    text += strings[i + 1] ?? ''
  })
  return new SqlFragment(text, params)
}

/** Fragments (or values, each as `?`) joined by a separator: `IN (${sqlJoin(ids)})`, `${sqlJoin(conds, ' AND ')}`. */
export function sqlJoin(items: readonly (SqlFragment | SqlParam)[], separator = ', '): SqlFragment {
  const text: string[] = []
  const params: SqlParam[] = []
  for (const item of items) {
    if (item instanceof SqlFragment) {
      text.push(item.text)
      params.push(...item.params)
    } else {
      text.push('?')
      params.push(item)
    }
  }
  return new SqlFragment(text.join(separator), params)
}

/** A constant written into the SQL text (for values SQLite wants literal, such as a LIMIT the planner uses). */
export function sqlConstant(value: number): SqlFragment {
  if (!Number.isSafeInteger(value)) throw new TypeError(`sqlConstant takes an integer, got ${value}`)
  return new SqlFragment(String(value), [])
}

/** A trusted identifier or keyword chosen from a closed list in code (never user input). */
export function sqlRaw(text: string): SqlFragment {
  return new SqlFragment(text, [])
}

export const EMPTY = new SqlFragment('', [])

// Statement cache keyed by SQL text: the same fragment shapes recur on every keystroke.
const statementCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>()

/** The cached prepared statement for this SQL text on this connection. */
export function prepareCached(db: Db, text: string): BetterSqlite3.Statement {
  let cache = statementCache.get(db.sqlite)
  if (!cache) {
    cache = new Map()
    statementCache.set(db.sqlite, cache)
  }
  let stmt = cache.get(text)
  if (!stmt) {
    stmt = db.sqlite.prepare(text)
    if (cache.size > 500) cache.clear()
    cache.set(text, stmt)
  }
  return stmt
}

export function allRows<T>(db: Db, q: SqlFragment): T[] {
  return prepareCached(db, q.text).pluck(false).all(...q.params) as T[]
}

export function getRow<T>(db: Db, q: SqlFragment): T | undefined {
  return prepareCached(db, q.text).pluck(false).get(...q.params) as T | undefined
}

/** The first column of each row (for id lists). pluck is a mode of the cached statement, so every reader sets it. */
export function pluck<T>(db: Db, q: SqlFragment): T[] {
  return prepareCached(db, q.text).pluck().all(...q.params) as T[]
}

export function runWrite(db: Db, q: SqlFragment): BetterSqlite3.RunResult {
  return prepareCached(db, q.text).run(...q.params)
}

/** Runs statements that take no parameters (DDL, bulk rebuilds). */
export function execScript(db: Db, text: string): void {
  db.sqlite.exec(text)
}
