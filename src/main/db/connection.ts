// Opens the library database (main process / CLI / preview host): better-sqlite3 with the pragmas our
// durability bar needs, wrapped by kysely for typed query building. One connection, one writer. Opening
// writes (the switch to WAL), so hosts open a library through app/bootstrap's openLibrary, which checks
// the file first.
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, type Compilable } from 'kysely'
import type { Database } from './database'
import { prepareCached as prepare } from './sql'

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

/** How long a statement waits for another process's write lock. */
export const BUSY_TIMEOUT_MS = 5000
/** How long opening (journal mode, migrations) waits: many processes may open one library at once. */
export const OPEN_BUSY_TIMEOUT_MS = 60_000

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const sqlite = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  })
  try {
    // Switching a new file to WAL takes the exclusive lock: while other processes open the same new library
    // at once, wait for them as long as opening may take, then use the everyday timeout.
    sqlite.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`)
    // WAL + synchronous=FULL: every acknowledged commit survives power loss (RELIABILITY.md §2).
    if (!options.readonly) sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    sqlite.pragma('cache_size = -32000')
    sqlite.pragma('temp_store = MEMORY')
  } catch (error) {
    sqlite.close()
    throw error
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { kysely, sqlite, file }
}

/** Folds the -wal into the file and keeps it in rollback-journal mode: the file can then be linked or moved whole. */
export function foldIntoOneFile(db: Db): void {
  db.sqlite.pragma('journal_mode = DELETE')
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

type Row<Q> = Q extends Compilable<infer R> ? R : never

/** Runs a kysely query synchronously and returns all rows. */
export function all<Q extends Compilable<any>>(db: Db, query: Q): Row<Q>[] {
  const c = query.compile()
  return prepare(db, c.sql).pluck(false).all(...(c.parameters as unknown[])) as Row<Q>[]
}

/** Runs a kysely query synchronously and returns the first row. */
export function get<Q extends Compilable<any>>(db: Db, query: Q): Row<Q> | undefined {
  const c = query.compile()
  return prepare(db, c.sql).pluck(false).get(...(c.parameters as unknown[])) as Row<Q> | undefined
}

/** Runs a kysely write synchronously. */
export function run(db: Db, query: Compilable<any>): BetterSqlite3.RunResult {
  const c = query.compile()
  return prepare(db, c.sql).run(...(c.parameters as unknown[]))
}

/**
 * Runs fn in one IMMEDIATE transaction (all or nothing). Inside an open transaction (an import batch) it
 * joins that one rather than opening a savepoint: the caller's transaction is the unit, and FTS5 flushes
 * its pending index data at every savepoint (12-15% slower index builds).
 */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.sqlite.inTransaction ? fn() : db.sqlite.transaction(fn).immediate()
}
