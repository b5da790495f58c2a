// `npm run screenshots [-- NAME.png ...]`: copies the screenshots of the last e2e run (.tmp/e2e-screenshots/,
// ignored) over the README's pictures in tests/e2e/screenshots/, plus any new ones named. Done on purpose,
// never by a test run.
import { copyFileSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const from = join(import.meta.dirname, '..', '.tmp', 'e2e-screenshots')
const to = join(import.meta.dirname, '..', 'tests', 'e2e', 'screenshots')
if (!existsSync(from)) {
  console.error(`no screenshots in ${from}: run npm run test:e2e first`)
  process.exit(1)
}
const names = [...new Set([...readdirSync(to).filter((n) => n.endsWith('.png')), ...process.argv.slice(2)])]
const missing = names.filter((n) => !existsSync(join(from, n)))
for (const name of names) if (!missing.includes(name)) copyFileSync(join(from, name), join(to, name))
console.log(`copied ${names.length - missing.length} screenshots to ${to}${missing.length ? `; not in the last run: ${missing.join(', ')}` : ''}`)
