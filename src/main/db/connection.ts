// Opens the library database (main process / CLI / preview host): better-sqlite3 with the pragmas our
// durability bar needs, wrapped by kysely for typed query building. One connection, one writer.
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, type Compilable } from 'kysely'
import type { Database } from './database'

export interface Db {
  /** Typed query builder; compile with it and run synchronously through `all`/`get`/`run` below. */
  readonly kysely: Kysely<Database>
  /** The raw connection, for transactions, pragmas and hot-path prepared statements. */
  readonly sqlite: BetterSqlite3.Database
  readonly file: string
}

export interface OpenOptions {
  /** Path of the compiled better_sqlite3.node to load (the Electron build); default: the package's own. */
  nativeBinding?: string
  readonly?: boolean
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const sqlite = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  })
  try {
    // WAL + synchronous=FULL: every acknowledged commit survives power loss (RELIABILITY.md §2).
    if (!options.readonly) sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('cache_size = -32000')
    sqlite.pragma('temp_store = MEMORY')
  } catch (error) {
    sqlite.close()
    throw error
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { kysely, sqlite, file }
}

export function closeDatabase(db: Db): void {
  if (db.sqlite.open) {
    try {
      db.sqlite.pragma('optimize')
    } catch {
      // optimize is advisory; closing must not fail because of it
    }
    db.sqlite.close()
  }
}

// Statement cache keyed by SQL text: kysely compiles the same SQL for the same query shape.
const statementCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>()

function prepare(db: Db, sqlText: string): BetterSqlite3.Statement {
  let cache = statementCache.get(db.sqlite)
  if (!cache) {
    cache = new Map()
    statementCache.set(db.sqlite, cache)
  }
  let stmt = cache.get(sqlText)
  if (!stmt) {
    stmt = db.sqlite.prepare(sqlText)
    if (cache.size > 500) cache.clear()
    cache.set(sqlText, stmt)
  }
  return stmt
}

type Row<Q> = Q extends Compilable<infer R> ? R : never

/** Runs a kysely query synchronously and returns all rows. */
export function all<Q extends Compilable<any>>(db: Db, query: Q): Row<Q>[] {
  const c = query.compile()
  return prepare(db, c.sql).all(...(c.parameters as unknown[])) as Row<Q>[]
}

/** Runs a kysely query synchronously and returns the first row. */
export function get<Q extends Compilable<any>>(db: Db, query: Q): Row<Q> | undefined {
  const c = query.compile()
  return prepare(db, c.sql).get(...(c.parameters as unknown[])) as Row<Q> | undefined
}

/** Runs a kysely write synchronously. */
export function run(db: Db, query: Compilable<any>): BetterSqlite3.RunResult {
  const c = query.compile()
  return prepare(db, c.sql).run(...(c.parameters as unknown[]))
}

/** Runs fn in one IMMEDIATE transaction (all or nothing). */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.sqlite.transaction(fn).immediate()
}
