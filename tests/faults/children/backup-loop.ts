// Child of backup-migration-kill.test.ts: takes backups of a library in a loop (through backupNow, the
// real service) until it is killed; prints "ready" once and "done FILE" after each backup.
import { openDatabase } from '../../../src/main/db/connection'
import { backupNow } from '../../../src/main/services/backup'

async function main(): Promise<void> {
  const [dbPath, dir] = process.argv.slice(2)
  if (!dbPath || !dir) throw new Error('usage: backup-loop DB DIR')
  const db = openDatabase(dbPath)
  process.stdout.write('ready\n')
  for (;;) {
    const b = await backupNow(db, dir, { keep: 3 })
    // A write between backups, so consecutive backups differ.
    db.sqlite.prepare("UPDATE articles SET progress = ? WHERE id = (SELECT min(id) FROM articles)").run(Math.random())
    process.stdout.write(`done ${b.file}\n`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`backup-loop: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
