// SQLite's integrity checks, in one place (main process, CLI, preview host): on an open library (`check`),
// and on a library file that may be damaged, read through its own read-only connection so the check can
// never write to it (the start-up health check, backup validation).
import BetterSqlite3 from 'better-sqlite3'
import type { Db } from './connection'

/** quick_check skips the index-content comparison: fast enough for every start; integrity_check is thorough. */
export type CheckDepth = 'quick' | 'full'

function checkRows(conn: BetterSqlite3.Database, depth: CheckDepth): string[] {
  return (conn.pragma(depth === 'full' ? 'integrity_check' : 'quick_check') as Record<string, string>[]).map(
    (r) => Object.values(r)[0] ?? ''
  )
}

function foreignKeyCount(conn: BetterSqlite3.Database): number {
  return (conn.pragma('foreign_key_check') as unknown[]).length
}

/** SQLite answers a clean check with exactly one row, "ok". */
export function isIntact(rows: readonly string[]): boolean {
  return rows.length === 1 && rows[0] === 'ok'
}

/** The rows of integrity_check (or quick_check) on the open library: `['ok']` when healthy. */
export function integrityCheck(db: Db, depth: CheckDepth = 'full'): string[] {
  return checkRows(db.sqlite, depth)
}

/** How many rows violate a foreign key. */
export function foreignKeyViolations(db: Db): number {
  return foreignKeyCount(db.sqlite)
}

export interface FileCheckOptions {
  depth?: CheckDepth
  /** Also run foreign_key_check (a full scan, so off for the start-up check). */
  foreignKeys?: boolean
  /** How long to wait for a lock held by another process, in ms. */
  busyTimeoutMs?: number
  nativeBinding?: string
}

export interface FileCheck {
  integrity: string[]
  /** null when not asked for, or when the integrity check already failed. */
  foreignKeyViolations: number | null
  /** Applied migration names; null when the integrity check failed or the file has no schema_migrations table. */
  migrations: string[] | null
}

function connect(file: string, options: FileCheckOptions, readonly: boolean): BetterSqlite3.Database {
  return new BetterSqlite3(file, {
    readonly,
    fileMustExist: true,
    ...(options.busyTimeoutMs !== undefined ? { timeout: options.busyTimeoutMs } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  })
}

/**
 * Checks a library file through a read-only connection. Throws SQLite's error (SQLITE_NOTADB, SQLITE_BUSY,
 * …) when the file cannot be read at all; stops at a failed integrity check, since reading tables of a
 * damaged file can fail in misleading ways.
 */
export function checkLibraryFile(file: string, options: FileCheckOptions = {}): FileCheck {
  const conn = connect(file, options, true)
  try {
    const integrity = checkRows(conn, options.depth ?? 'full')
    if (!isIntact(integrity)) return { integrity, foreignKeyViolations: null, migrations: null }
    const fk = options.foreignKeys ? foreignKeyCount(conn) : null
    const hasMigrations = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()
    const migrations = hasMigrations
      ? (conn.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name)
      : null
    return { integrity, foreignKeyViolations: fk, migrations }
  } finally {
    conn.close()
  }
}

/**
 * Takes and releases the write lock (BEGIN IMMEDIATE; ROLLBACK) on a connection of its own: throws
 * SQLITE_BUSY when another process holds it. Only safe when no -wal holds un-checkpointed data, since
 * closing a writable connection may checkpoint it into the file.
 */
export function probeWriteLock(file: string, options: Pick<FileCheckOptions, 'busyTimeoutMs' | 'nativeBinding'> = {}): void {
  const conn = connect(file, options, false)
  try {
    conn.exec('BEGIN IMMEDIATE')
    conn.exec('ROLLBACK')
  } finally {
    conn.close()
  }
}
