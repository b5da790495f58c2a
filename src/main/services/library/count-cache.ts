// Remembers list totals between page requests (main process). A virtualised list asks for many pages of
// the same query; counting 100k filtered rows for each would dominate. Entries are keyed by the database
// state, so any write (here or from another connection) makes them miss.
import type { Db } from '../../db/connection'

const MAX_ENTRIES = 64
const caches = new WeakMap<object, Map<string, number>>()

/** A token that changes whenever the database content may have changed. */
function stateToken(db: Db): string {
  // data_version moves on commits by other connections, total_changes() on writes through this one.
  const dataVersion = db.sqlite.pragma('data_version', { simple: true }) as number
  const changes = (db.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  return `${dataVersion}:${changes}`
}

export function cachedCount(db: Db, sqlText: string, params: readonly unknown[], compute: () => number): number {
  let cache = caches.get(db.sqlite)
  if (!cache) {
    cache = new Map()
    caches.set(db.sqlite, cache)
  }
  const key = `${stateToken(db)}\u0000${sqlText}\u0000${JSON.stringify(params)}`
  const hit = cache.get(key)
  if (hit !== undefined) {
    // Refresh its position so the map stays in least-recently-used order.
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const value = compute()
  cache.set(key, value)
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  return value
}
