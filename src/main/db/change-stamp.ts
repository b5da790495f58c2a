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

const MAX_COUNTS = 64
const counts = new WeakMap<Db['sqlite'], Map<string, number>>()

/**
 * Runs a `SELECT count(*) AS n …` query, remembering its answer until the database changes: a virtualised
 * list asks for many pages of one query, and counting 100k filtered rows for each would dominate.
 */
export function cachedCount(db: Db, q: SqlFragment): number {
  let cache = counts.get(db.sqlite)
  if (!cache) {
    cache = new Map()
    counts.set(db.sqlite, cache)
  }
  const key = `${dataVersionStamp(db)}\u0000${q.text}\u0000${JSON.stringify(q.params)}`
  const hit = cache.get(key)
  if (hit !== undefined) {
    // Refresh its position so the map stays in least-recently-used order.
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const value = getRow<{ n: number }>(db, q)?.n ?? 0
  cache.set(key, value)
  if (cache.size > MAX_COUNTS) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  return value
}
