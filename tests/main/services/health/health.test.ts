// Start-up health: each kind of damage is recognised without modifying the file; quarantine keeps it;
// the dialog model and the recovery choices.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase } from '../../../../src/main/db/connection'
import { migrate } from '../../../../src/main/db/migrate'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { backupNow } from '../../../../src/main/services/backup'
import { applyRecovery, healthDialog, inspectLibrary, latestGoodBackup, quarantine, verdictFromError } from '../../../../src/main/services/health'
import { SAMPLES, tempDir } from '../../../helpers/test-db'

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('inspectLibrary', () => {
  const tmp = tempDir()
  const good = join(tmp.dir, 'good.sqlite')
  const backups = join(tmp.dir, 'backups')
  beforeAll(async () => {
    const db = openDatabase(good)
    await migrate(db)
    await importPaths(db, [SAMPLES], { worker: false })
    await backupNow(db, backups)
    closeDatabase(db)
  })
  afterAll(() => tmp.cleanup())

  function variant(name: string, mutate: (bytes: Buffer) => Buffer): string {
    const f = join(tmp.dir, `${name}.sqlite`)
    writeFileSync(f, mutate(readFileSync(good)))
    return f
  }

  it('accepts a healthy library and a missing one, without changing the file', () => {
    const before = sha(good)
    expect(inspectLibrary(good)).toEqual({ ok: true, file: good, exists: true })
    expect(sha(good)).toBe(before)
    expect(inspectLibrary(join(tmp.dir, 'nope.sqlite'))).toMatchObject({ ok: true, exists: false })
  })

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 4096 * 3), 'truncated'],
    ['truncated-mid-page', (b: Buffer) => b.subarray(0, b.length - 1000), 'truncated'],
    ['not-a-db', () => Buffer.from('PK\u0003\u0004 this is a zip, not a library'.repeat(200)), 'not-a-database'],
    ['header-only', (b: Buffer) => b.subarray(0, 60), 'truncated'],
    [
      'garbage-page',
      (b: Buffer) => {
        const c = Buffer.from(b)
        // Scribble over the b-tree pages after the schema page.
        for (let p = 2; p * 4096 < c.length; p += 2) c.fill(0xa5, p * 4096 - 4096 + 8, p * 4096)
        return c
      },
      'corrupt'
    ]
  ])('%s → %s', (name, mutate, kind) => {
    const f = variant(name, mutate)
    const before = sha(f)
    const v = inspectLibrary(f)
    expect(v).toMatchObject({ ok: false, kind, file: f })
    if (!v.ok) {
      expect(v.message).toMatch(/[\u4e00-\u9fff]/)
      expect(v.message).toMatch(/[A-Za-z]{4,}/)
    }
    expect(sha(f)).toBe(before)
    expect(existsSync(`${f}-wal`) && statSync(`${f}-wal`).size > 0).toBe(false)
  })

  it('recognises a library from a newer version and never offers to replace it', () => {
    const f = join(tmp.dir, 'newer.sqlite')
    copyFileSync(good, f)
    const c = new BetterSqlite3(f)
    c.prepare("INSERT INTO schema_migrations VALUES ('9999_future', 'x')").run()
    c.close()
    const before = sha(f)
    const v = inspectLibrary(f)
    expect(v).toMatchObject({ ok: false, kind: 'newer-version' })
    expect(sha(f)).toBe(before)
    if (!v.ok) expect(healthDialog(v, null).buttons.map((b) => b.choice)).toEqual(['quit'])
  })

  it('reports a library another process keeps locked (SQLITE_BUSY after the timeout)', async () => {
    const f = join(tmp.dir, 'locked.sqlite')
    copyFileSync(good, f)
    const script = `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const d=new D(${JSON.stringify(f)});d.pragma('journal_mode=WAL');d.exec('BEGIN IMMEDIATE');process.stdout.write('locked\\n');setInterval(()=>{},1000)`
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
      const t0 = Date.now()
      const v = inspectLibrary(f, { busyTimeoutMs: 300 })
      expect(v).toMatchObject({ ok: false, kind: 'locked' })
      expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
      if (!v.ok) expect(healthDialog(v, null).buttons.map((b) => b.choice)).toEqual(['retry', 'quit'])
    } finally {
      child.kill('SIGKILL')
    }
    await new Promise((r) => child.once('exit', r))
    expect(inspectLibrary(f)).toMatchObject({ ok: true })
  })

  it('maps open errors to verdicts', () => {
    const e = Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })
    expect(verdictFromError('x', e)).toMatchObject({ kind: 'not-a-database' })
    expect(verdictFromError('x', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toMatchObject({ kind: 'locked' })
  })

  it('quarantine moves the file and its -wal aside; recovery restores the latest good backup or starts fresh', () => {
    const f = variant('to-recover', (b) => {
      const c = Buffer.from(b)
      c.fill(0, 0, 16)
      return c
    })
    writeFileSync(`${f}-wal`, '')
    const before = sha(f)
    const v = inspectLibrary(f)
    expect(v.ok).toBe(false)
    const backup = latestGoodBackup(backups)
    expect(backup).not.toBeNull()
    if (v.ok) return
    const dialog = healthDialog(v, backup)
    expect(dialog.buttons.map((b) => b.choice)).toEqual(['restore', 'new', 'quit'])
    expect(dialog.buttons[0]!.label).toContain('恢复最近的备份')
    const outcome = applyRecovery(f, 'restore', backups)
    expect(outcome.action).toBe('restored')
    if (outcome.action !== 'restored') return
    expect(sha(outcome.restore.keptAside!)).toBe(before)
    expect(existsSync(`${outcome.restore.keptAside}-wal`)).toBe(true)
    expect(inspectLibrary(f)).toMatchObject({ ok: true })
    const q = quarantine(f)
    expect(existsSync(f)).toBe(false)
    expect(existsSync(q)).toBe(true)
    expect(q).toMatch(/to-recover\.sqlite\.damaged-\d{8}-\d{6}-\d{3}$/)
  })

  it('latestGoodBackup skips a damaged newest backup', async () => {
    const dir = join(tmp.dir, 'b2')
    const db = openDatabase(good)
    await backupNow(db, dir, { now: new Date(Date.UTC(2026, 0, 1)) })
    const newest = await backupNow(db, dir, { now: new Date(Date.UTC(2026, 0, 2)) })
    closeDatabase(db)
    const fd = openSync(newest.file, 'r+')
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 4096)
    closeSync(fd)
    expect(latestGoodBackup(dir)?.createdAt.toISOString()).toBe('2026-01-01T00:00:00.000Z')
  })
})
