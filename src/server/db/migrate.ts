// Applies pending migrations in order, each in its own transaction, recorded in schema_migrations.
// A session advisory lock makes concurrent starts (several server processes) apply each one once.
import type { Pool } from 'pg'
import { MIGRATIONS } from '../migrations'

const MIGRATION_LOCK = 7_150_015

export async function migrate(pool: Pool, migrations = MIGRATIONS): Promise<string[]> {
  const client = await pool.connect()
  const applied: string[] = []
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name))
    for (const m of migrations) {
      if (done.has(m.name)) continue
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
      applied.push(m.name)
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    client.release()
  }
  return applied
}
