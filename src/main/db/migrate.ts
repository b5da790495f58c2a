// Applies the registered migrations in order, each inside its own IMMEDIATE transaction (SQLite DDL is
// transactional), so a migration is either fully applied or not at all, even if the process dies, and
// any number of processes may open the same new or old library at once.
import { sql } from 'kysely'
import { BUSY_TIMEOUT_MS, OPEN_BUSY_TIMEOUT_MS, type Db } from './connection'
import { MIGRATIONS, type Migration } from './migrations'

export class NewerDatabaseError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `This library was written by a newer version of Marginalia (unknown migrations: ${unknown.join(', ')}). ` +
        'Update the app to open it.'
    )
    this.name = 'NewerDatabaseError'
  }
}

function ensureTable(db: Db): void {
  db.sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)'
  )
}

function readApplied(db: Db): Set<string> {
  const exists = db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()
  if (!exists) return new Set()
  return new Set((db.sqlite.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]))
}

export function appliedMigrations(db: Db): string[] {
  ensureTable(db)
  return (db.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map(
    (r) => r.name
  )
}

function assertKnown(applied: Set<string>, known: Set<string>): void {
  const unknown = [...applied].filter((n) => !known.has(n))
  if (unknown.length > 0) throw new NewerDatabaseError(unknown.sort())
}

/** Migrates to the latest migration, or up to and including `target` when given. */
export async function migrate(db: Db, target?: string, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const known = new Set(migrations.map((m) => m.name))
  if (target !== undefined && !known.has(target)) throw new Error(`unknown migration ${target}`)
  const wanted = target === undefined ? migrations : migrations.slice(0, migrations.findIndex((m) => m.name === target) + 1)
  // Read without the lock first: applied migrations are never removed, so "nothing to do" stays true,
  // and opening an up-to-date library never waits for another process's write.
  const seen = readApplied(db)
  assertKnown(seen, known)
  if (wanted.every((m) => seen.has(m.name))) return []

  const ran: string[] = []
  // Every opener of a new library queues for the write lock once per migration: wait as long as that takes.
  db.sqlite.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`)
  try {
    for (const migration of wanted) {
      // Whether it is applied is decided under the write lock: another process opening the same library may
      // have applied it since (reading first made concurrent opens fail with "table … already exists").
      // One connection: kysely runs on the same better-sqlite3 handle, so BEGIN/COMMIT here wrap its queries.
      db.sqlite.exec('BEGIN IMMEDIATE')
      try {
        ensureTable(db)
        const applied = readApplied(db)
        assertKnown(applied, known)
        if (!applied.has(migration.name)) {
          await migration.up(db.kysely)
          await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${migration.name}, ${new Date().toISOString()})`.execute(
            db.kysely
          )
          ran.push(migration.name)
        }
        db.sqlite.exec('COMMIT')
      } catch (error) {
        if (db.sqlite.inTransaction) db.sqlite.exec('ROLLBACK')
        throw error
      }
    }
  } finally {
    db.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  }
  return ran
}
