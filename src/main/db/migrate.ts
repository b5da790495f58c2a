// Applies the registered migrations in order, each inside its own transaction (SQLite DDL is
// transactional), so a migration is either fully applied or not at all, even if the process dies.
import { sql } from 'kysely'
import type { Db } from './connection'
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

export function appliedMigrations(db: Db): string[] {
  ensureTable(db)
  return (db.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map(
    (r) => r.name
  )
}

/** Migrates to the latest migration, or up to and including `target` when given. */
export async function migrate(db: Db, target?: string, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const applied = new Set(appliedMigrations(db))
  const known = new Set(migrations.map((m) => m.name))
  const unknown = [...applied].filter((n) => !known.has(n))
  if (unknown.length > 0) throw new NewerDatabaseError(unknown)
  if (target !== undefined && !known.has(target)) throw new Error(`unknown migration ${target}`)

  const ran: string[] = []
  for (const migration of migrations) {
    if (!applied.has(migration.name)) {
      // One connection: kysely runs on the same better-sqlite3 handle, so BEGIN/COMMIT here wrap its queries.
      db.sqlite.exec('BEGIN IMMEDIATE')
      try {
        await migration.up(db.kysely)
        await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${migration.name}, ${new Date().toISOString()})`.execute(
          db.kysely
        )
        db.sqlite.exec('COMMIT')
      } catch (error) {
        if (db.sqlite.inTransaction) db.sqlite.exec('ROLLBACK')
        throw error
      }
      ran.push(migration.name)
    }
    if (migration.name === target) break
  }
  return ran
}
