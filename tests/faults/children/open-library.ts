// Child of concurrent-open.test.ts: loads the connection and migrations, prints "ready", waits for the GO
// file (so all children open the library at the same instant, however slowly each loaded), then opens and
// migrates the library as the app does and prints "opened".
import { existsSync } from 'node:fs'
import { closeDatabase, openDatabase } from '../../../src/main/db/connection'
import { migrate } from '../../../src/main/db/migrate'

async function main(): Promise<void> {
  const [dbPath, goFile] = process.argv.slice(2)
  if (!dbPath || !goFile) throw new Error('usage: open-library DB GO_FILE')
  process.stdout.write('ready\n')
  while (!existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2))
  const db = openDatabase(dbPath)
  const ran = await migrate(db)
  process.stdout.write(`opened ${ran.length}\n`)
  closeDatabase(db)
}

main().catch((error: unknown) => {
  process.stderr.write(`open-library: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
