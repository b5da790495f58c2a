// Issue 13 finding 5: the CLI runs the same health check as the app before it writes anything. Eleven kinds
// of damaged, locked, newer or foreign library files × `check --json`, `list`, `show`: exit 1, a verdict
// as JSON from check, a message saying what to do, and the file's bytes unchanged (no WAL switch, no
// migration).
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLibrary } from '../../../src/main/app/bootstrap'
import { closeDatabase } from '../../../src/main/db/connection'
import { LibraryHealthError } from '../../../src/main/services/health'
import { importPaths } from '../../../src/main/services/import-pipeline/pipeline'
import { cli } from '../../helpers/cli'
import { SAMPLES, tempDir } from '../../helpers/test-db'

const PAGE = 4096

/**
 * The library's bytes and any journal content: what must not change. (A read-only connection may leave an
 * empty -wal and -shm behind, which SQLite ignores.)
 */
function fingerprint(path: string): string {
  const hash = createHash('sha256')
  hash.update(statSync(path).isDirectory() ? 'a folder' : readFileSync(path))
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(path + suffix) && statSync(path + suffix).size > 0) hash.update(`${suffix}:`).update(readFileSync(path + suffix))
  }
  return hash.digest('hex')
}

function rollbackCopy(from: string, to: string): void {
  copyFileSync(from, to)
  const c = new BetterSqlite3(to)
  c.pragma('journal_mode = DELETE')
  c.close()
}

function scribblePage(file: string, page: number, byte: number): void {
  const b = readFileSync(file)
  b.fill(byte, page * PAGE, (page + 1) * PAGE)
  writeFileSync(file, b)
}

describe('cli on a damaged library', () => {
  const tmp = tempDir()
  const good = join(tmp.dir, 'good.sqlite')
  let locker: ChildProcess | null = null
  const cases: [name: string, kind: string][] = [
    ['truncated', 'truncated'],
    ['truncated-mid-page', 'truncated'],
    ['corrupt-middle-page', 'corrupt'],
    ['garbage-header', 'not-a-database'],
    ['zero-bytes', 'truncated'],
    ['zip-not-sqlite', 'not-a-database'],
    ['newer-schema', 'newer-version'],
    ['locked', 'locked'],
    ['rollback-journal-backup-damaged', 'corrupt'],
    ['rollback-journal-backup-newer', 'newer-version'],
    ['directory', 'not-a-database']
  ]
  const path = (name: string): string => join(tmp.dir, `${name}.sqlite`)

  beforeAll(async () => {
    const db = await openLibrary(good)
    await importPaths(db, [SAMPLES], { worker: false })
    closeDatabase(db)
    const bytes = readFileSync(good)
    const pages = bytes.length / PAGE
    writeFileSync(path('truncated'), bytes.subarray(0, bytes.length - 3 * PAGE))
    writeFileSync(path('truncated-mid-page'), bytes.subarray(0, bytes.length - 1000))
    copyFileSync(good, path('corrupt-middle-page'))
    scribblePage(path('corrupt-middle-page'), Math.floor(pages / 2), 0xa5)
    const header = Buffer.from(bytes)
    header.fill(0, 0, 16)
    writeFileSync(path('garbage-header'), header)
    writeFileSync(path('zero-bytes'), '')
    writeFileSync(path('zip-not-sqlite'), Buffer.from('PK\u0003\u0004 a zip, not a library '.repeat(300)))
    copyFileSync(good, path('newer-schema'))
    const newer = new BetterSqlite3(path('newer-schema'))
    newer.prepare("INSERT INTO schema_migrations VALUES ('9999_future', 'x')").run()
    newer.close()
    copyFileSync(good, path('locked'))
    // The app's backups are written in rollback-journal mode; a damaged or newer one must stay in it.
    rollbackCopy(good, path('rollback-journal-backup-damaged'))
    scribblePage(path('rollback-journal-backup-damaged'), Math.floor(pages / 2), 0x5a)
    rollbackCopy(good, path('rollback-journal-backup-newer'))
    const newerRollback = new BetterSqlite3(path('rollback-journal-backup-newer'))
    newerRollback.prepare("INSERT INTO schema_migrations VALUES ('9999_future', 'x')").run()
    newerRollback.close()
    mkdirSync(path('directory'))

    const script = `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const d=new D(${JSON.stringify(path('locked'))});d.pragma('journal_mode=WAL');d.exec('BEGIN IMMEDIATE');process.stdout.write('locked\\n');setInterval(()=>{},1000)`
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    locker = child
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()))
  })

  afterAll(async () => {
    if (locker) {
      const exited = new Promise((resolve) => locker?.once('exit', resolve))
      locker.kill('SIGKILL')
      await exited
    }
    tmp.cleanup()
  })

  it('refuses every kind before writing: exit 1, check --json prints the verdict, a message says what to do, bytes unchanged', async () => {
    const results: string[] = []
    let exitOne = 0
    let verdicts = 0
    let unchanged = 0
    for (const [name, kind] of cases) {
      const file = path(name)
      for (const args of [['check', '--json'], ['list'], ['show', '1']]) {
        const before = fingerprint(file)
        const r = await cli(['--db', file, ...args])
        const label = `${name} ${args.join(' ')}`
        if (fingerprint(file) === before) unchanged++
        else console.log(`changed: ${label}`)
        if (r.code === 1) exitOne++
        expect(r.code, label).toBe(1)
        expect(r.stderr, label).toMatch(/^marginalia: .+/)
        expect(r.stderr.trim().split('\n'), label).toHaveLength(1)
        if (kind === 'locked') expect(r.stderr, label).toMatch(/try again/)
        else if (kind !== 'newer-version') expect(r.stderr, label).toMatch(/has not been changed.*restore/i)
        if (args[0] === 'check') {
          const verdict = JSON.parse(r.stdout)
          expect(verdict, label).toMatchObject({ ok: false, kind, file })
          verdicts++
        } else {
          expect(r.stdout, label).toBe('')
        }
        results.push(`${label}: exit ${r.code}`)
      }
    }
    const total = cases.length * 3
    console.log(
      `damaged libraries: ${cases.length} kinds × 3 commands: ${exitOne}/${total} exit 1, ${verdicts}/${cases.length} check --json verdicts, ${unchanged}/${total} files unchanged`
    )
    expect(unchanged).toBe(total)
  }, 120_000)

  it('a healthy rollback-journal library (a backup copy) opens, and is switched to WAL only then', async () => {
    const copy = path('rollback-journal-healthy')
    rollbackCopy(good, copy)
    const r = await cli(['--db', copy, 'check', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, integrity: ['ok'] })
    const c = new BetterSqlite3(copy, { readonly: true })
    expect(c.pragma('journal_mode', { simple: true })).toBe('wal')
    c.close()
  })

  it('openLibrary throws LibraryHealthError carrying the verdict (what the preview host and the shell print)', async () => {
    const error = await openLibrary(path('corrupt-middle-page')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LibraryHealthError)
    expect((error as LibraryHealthError).verdict).toMatchObject({ ok: false, kind: 'corrupt' })
    expect((error as Error).message).toMatch(/restore/)
  })
})
