// "Did the database change?" (main process): one stamp for the caches that live beside the database (list
// totals here, the folded tag names of search), and the list-total cache keyed on it.
import type { Db } from './connection'
import { getRow, prepareCached, type SqlFragment } from './sql'

// total_changes() moves on every write through this connection, data_version on commits by other
// connections (the CLI while the app is open). One cached statement reads both.
const STAMP = "SELECT total_changes() || ':' || data_version FROM pragma_data_version"

/** A token that changes whenever the database content may have changed. */
export function dataVersionStamp(db: Db): string {
  return prepareCached(db, STAMP).pluck().get() as string
}

const MAX_ENTRIES = 64
const values = new WeakMap<Db['sqlite'], Map<string, unknown>>()

/**
 * `compute(q)`, remembered until the database changes: a virtualised list asks for many pages of one
 * query, and counting (or listing) 100k filtered rows for each would dominate. `kind` keeps the answers
 * of different computations over the same query apart.
 */
export function cachedValue<T>(db: Db, kind: string, q: SqlFragment, compute: (q: SqlFragment) => T): T {
  let cache = values.get(db.sqlite)
  if (!cache) {
    cache = new Map()
    values.set(db.sqlite, cache)
  }
  const key = `${dataVersionStamp(db)}\u0000${kind}\u0000${q.text}\u0000${JSON.stringify(q.params)}`
  if (cache.has(key)) {
    const hit = cache.get(key) as T
    // Refresh its position so the map stays in least-recently-used order.
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const value = compute(q)
  cache.set(key, value)
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  return value
}

/** Runs a `SELECT count(*) AS n …` query, remembering its answer until the database changes. */
export function cachedCount(db: Db, q: SqlFragment): number {
  return cachedValue(db, 'count', q, (x) => getRow<{ n: number }>(db, x)?.n ?? 0)
}
