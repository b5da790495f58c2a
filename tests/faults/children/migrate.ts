// Child of backup-migration-kill.test.ts: applies the pending migrations to a library (the real migrate())
// and prints "migrating" before and "done" after.
import { openDatabase } from '../../../src/main/db/connection'
import { migrate } from '../../../src/main/db/migrate'

async function main(): Promise<void> {
  const [dbPath] = process.argv.slice(2)
  if (!dbPath) throw new Error('usage: migrate DB')
  const db = openDatabase(dbPath)
  process.stdout.write('migrating\n')
  const ran = await migrate(db)
  process.stdout.write(`done ${ran.join(',')}\n`)
  db.sqlite.close()
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
