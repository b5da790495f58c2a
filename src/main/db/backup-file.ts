// The SQLite side of library backups (main process and CLI): the online backup API, sealing the copy as
// one self-contained file, and counting what a backup holds. The checks themselves are db/integrity.ts;
// services/backup keeps the policy (names, rotation, which checks in which order, restore).
import BetterSqlite3 from 'better-sqlite3'
import type { Db } from './connection'

/** An online copy of the open library to `file`, through its one connection (never a file copy of a live database). */
export async function backupDatabaseTo(db: Db, file: string): Promise<void> {
  await db.sqlite.backup(file)
}

/**
 * Switches a fresh copy from WAL (inherited from the library) to a rollback journal, so it is one
 * self-contained file that opens read-only anywhere without -wal/-shm beside it.
 */
export function sealBackupCopy(file: string): void {
  const copy = new BetterSqlite3(file, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

type CountedTable = 'articles' | 'annotations'

/** Rows per table in a library file, read-only; a table the file does not have counts 0. */
export function countLibraryRows(file: string, tables: readonly CountedTable[]): Record<CountedTable, number> {
  const conn = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  try {
    const counts = { articles: 0, annotations: 0 }
    for (const table of tables) {
      const exists = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)
      if (exists) counts[table] = (conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    }
    return counts
  } finally {
    conn.close()
  }
}
