// Backups: online copy through the writer connection, validated, rotated; restore keeps the current file
// aside untouched; the CLI commands.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase } from '../../../../src/main/db/connection'
import { migrate } from '../../../../src/main/db/migrate'
import { MIGRATIONS } from '../../../../src/main/db/migrations'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import {
  backupNow,
  backupToFile,
  BackupError,
  finishInterruptedRestore,
  listBackups,
  restoreBackup,
  shouldAutoBackup,
  validateBackup
} from '../../../../src/main/services/backup'
import { backupCommand, restoreCommand } from '../../../../src/main/cli/commands/backup'
import { createTestDb, SAMPLES, tempDir, type TestDb } from '../../../helpers/test-db'

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
const count = (file: string): number => {
  const c = new BetterSqlite3(file, { readonly: true })
  try {
    return (c.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
  } finally {
    c.close()
  }
}

function io() {
  const out = { stdout: '', stderr: '' }
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s), stdin: () => Promise.resolve('') } }
}

describe('backups', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('backupNow writes a valid, self-contained copy and keeps only the newest N', async () => {
    t = await createTestDb()
    await importPaths(t.db, [SAMPLES], { worker: false })
    const dir = join(t.dir, 'backups')
    const times = [0, 1, 2, 3, 4].map((i) => new Date(Date.UTC(2026, 0, 1 + i, 12)))
    for (const now of times) await backupNow(t.db, dir, { keep: 3, now })
    const list = listBackups(dir)
    expect(list.map((b) => b.createdAt.toISOString())).toEqual([times[4], times[3], times[2]].map((d) => d!.toISOString()))
    expect(readdirSync(dir).sort()).toEqual(list.map((b) => b.file.split('/').pop()).sort())
    const v = validateBackup(list[0]!.file)
    expect(v).toMatchObject({ ok: true, articles: 3, migrations: MIGRATIONS.map((m) => m.name) })
    // Self-contained: rollback-journal mode, nothing created beside it by a read-only open.
    const c = new BetterSqlite3(list[0]!.file, { readonly: true })
    expect(c.pragma('journal_mode', { simple: true })).toBe('delete')
    c.close()
    expect(readdirSync(dir).filter((n) => n.endsWith('-wal') || n.endsWith('-shm'))).toEqual([])
  })

  it('removes stale .partial files and never lists them', async () => {
    t = await createTestDb()
    const dir = join(t.dir, 'backups')
    await backupNow(t.db, dir)
    writeFileSync(join(dir, 'marginalia-20200101-000000-000.sqlite.partial'), 'half a backup')
    expect(listBackups(dir)).toHaveLength(1)
    await backupNow(t.db, dir, { now: new Date(Date.now() + 1000) })
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([])
  })

  it('shouldAutoBackup is true with no backup or an old one, false right after one', async () => {
    t = await createTestDb()
    const dir = join(t.dir, 'backups')
    expect(shouldAutoBackup(dir, 86_400_000)).toBe(true)
    const now = new Date()
    await backupNow(t.db, dir, { now })
    expect(shouldAutoBackup(dir, 86_400_000, now.getTime() + 1000)).toBe(false)
    expect(shouldAutoBackup(dir, 86_400_000, now.getTime() + 86_400_001)).toBe(true)
  })

  it('validateBackup rejects garbage, truncation, foreign files and newer schemas without changing them', async () => {
    t = await createTestDb()
    await importPaths(t.db, [SAMPLES], { worker: false })
    const good = join(t.dir, 'good.sqlite')
    await backupToFile(t.db, good)
    const bytes = readFileSync(good)
    const cases: Record<string, Buffer> = {
      garbage: Buffer.from('hello, not a database'.repeat(300)),
      truncated: bytes.subarray(0, Math.floor(bytes.length / 2)),
      empty: Buffer.alloc(0)
    }
    for (const [name, data] of Object.entries(cases)) {
      const f = join(t.dir, `${name}.sqlite`)
      writeFileSync(f, data)
      const before = sha(f)
      expect(validateBackup(f).ok, name).toBe(false)
      expect(sha(f), name).toBe(before)
    }
    const foreign = join(t.dir, 'foreign.sqlite')
    const fc = new BetterSqlite3(foreign)
    fc.exec('CREATE TABLE x (y)')
    fc.close()
    expect(validateBackup(foreign)).toMatchObject({ ok: false, reason: expect.stringContaining('schema_migrations') })
    const newer = join(t.dir, 'newer.sqlite')
    await backupToFile(t.db, newer)
    const nc = new BetterSqlite3(newer)
    nc.prepare("INSERT INTO schema_migrations VALUES ('9999_future', 'x')").run()
    nc.close()
    expect(validateBackup(newer)).toMatchObject({ ok: false, reason: expect.stringContaining('9999_future') })
    expect(() => restoreBackup(join(t.dir, 'lib.sqlite'), newer)).toThrow(BackupError)
  })

  it('restoreBackup keeps the current library (and its -wal) aside untouched and swaps in the backup', async () => {
    const tmp = tempDir()
    try {
      const dbPath = join(tmp.dir, 'library.sqlite')
      const db = openDatabase(dbPath)
      await migrate(db)
      await importPaths(db, [SAMPLES], { worker: false })
      const backup = join(tmp.dir, 'b.sqlite')
      await backupToFile(db, backup)
      db.sqlite.prepare("DELETE FROM articles WHERE id = (SELECT min(id) FROM articles)").run()
      closeDatabase(db)
      const before = sha(dbPath)
      const result = restoreBackup(dbPath, backup, { now: new Date(Date.UTC(2026, 1, 2, 3, 4, 5)) })
      expect(result.keptAside).toBe(`${dbPath}.before-restore-20260202-030405-000`)
      expect(sha(result.keptAside!)).toBe(before)
      expect(count(result.keptAside!)).toBe(2)
      expect(count(dbPath)).toBe(3)
      expect(existsSync(`${dbPath}-wal`)).toBe(false)
      expect(existsSync(`${dbPath}.restoring`)).toBe(false)
      // The restored library opens and migrates normally.
      const reopened = openDatabase(dbPath)
      expect(await migrate(reopened)).toEqual([])
      closeDatabase(reopened)
    } finally {
      tmp.cleanup()
    }
  })

  it('finishInterruptedRestore completes a restore a crash cut between the two renames', async () => {
    t = await createTestDb()
    const dbPath = join(t.dir, 'other.sqlite')
    await backupToFile(t.db, `${dbPath}.restoring`)
    writeFileSync(`${dbPath}-wal`, 'stray wal of the replaced library')
    expect(finishInterruptedRestore(dbPath)).toBe(true)
    expect(validateBackup(dbPath).ok).toBe(true)
    expect(existsSync(`${dbPath}-wal`)).toBe(false)
    expect(readdirSync(t.dir).some((n) => n.startsWith('other.sqlite.orphan-') && n.endsWith('-wal'))).toBe(true)
    expect(finishInterruptedRestore(dbPath)).toBe(false)
  })

  it('cli backup FILE / restore FILE', async () => {
    t = await createTestDb()
    await importPaths(t.db, [SAMPLES], { worker: false })
    const file = join(t.dir, 'cli-backup.sqlite')
    const a = io()
    expect(await backupCommand(t.db, [file, '--json'], a.io)).toBe(0)
    expect(JSON.parse(a.out.stdout)).toMatchObject({ file, articles: 3 })
    const b = io()
    expect(await backupCommand(t.db, [file], b.io)).toBe(1)
    expect(b.out.stderr).toContain('--force')
    await expect(backupCommand(t.db, [], io().io)).rejects.toThrow('needs exactly one FILE')
    const target = join(t.dir, 'restored', 'library.sqlite')
    const c = io()
    expect(await restoreCommand(target, [file], c.io)).toBe(0)
    expect(c.out.stdout).toContain('restored 3 articles')
    expect(count(target)).toBe(3)
    const bad = join(t.dir, 'bad.sqlite')
    writeFileSync(bad, 'nope')
    const d = io()
    expect(await restoreCommand(target, [bad], d.io)).toBe(1)
    expect(d.out.stderr).toContain('not a SQLite database')
    expect(count(target)).toBe(3)
  })
})
