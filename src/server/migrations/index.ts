// The server's PostgreSQL migrations, registered statically (no folder scanning). To add one: write
// NNNN_name.ts exporting `sql`, and append it here. Applied in order by db/migrate.ts.
import { sql as m0001 } from './0001_init'
import { sql as m0002 } from './0002_private_objects'

export const MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  { name: '0001_init', sql: m0001 },
  { name: '0002_private_objects', sql: m0002 }
]
