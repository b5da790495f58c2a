// `npm run screenshots`: copies the screenshots of the last e2e run (.tmp/e2e-screenshots/, ignored) into
// tests/e2e/screenshots/, the README's pictures. Done on purpose, never by a test run.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const from = join(import.meta.dirname, '..', '.tmp', 'e2e-screenshots')
const to = join(import.meta.dirname, '..', 'tests', 'e2e', 'screenshots')
if (!existsSync(from)) {
  console.error(`no screenshots in ${from}: run npm run test:e2e first`)
  process.exit(1)
}
mkdirSync(to, { recursive: true })
const names = readdirSync(from).filter((n) => n.endsWith('.png'))
for (const name of names) copyFileSync(join(from, name), join(to, name))
console.log(`copied ${names.length} screenshots to ${to}`)
