// Kill -9 during a backup and during a migration. A backup at its final name is always complete and
// valid (never a corrupt file there; a killed backup leaves at most a .partial, removed by the next one).
// A migration is fully applied or not at all: the schema after a kill equals the schema after some whole
// number of migrations, and migrating again completes.
import { copyFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateArticles } from '../../bench/lib'
import { closeDatabase, openDatabase } from '../../src/main/db/connection'
import { appliedMigrations, migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { backupNow, listBackups, validateBackup } from '../../src/main/services/backup'
import { dbHealth, exited, figures, lines, rng, scalar, seconds, spawnTs, tempDir, withDb } from './helpers'

const KILLS = 12

describe('kill -9 during backup and migration', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  /** A library at migration 0001 holding `n` articles (rows written directly in the 0001 schema). */
  async function libraryAt0001(file: string, n: number): Promise<void> {
    const db = openDatabase(file)
    await migrate(db, '0001_init')
    const now = new Date().toISOString()
    const insert = db.sqlite.prepare(
      `INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at)
       VALUES (?, ?, ?, 'text', ?, ?, ?)`
    )
    db.sqlite.transaction(() => {
      generateArticles(n, 99).forEach((a, i) => insert.run(a.title, now, a.content, a.content, `h${i}`, now))
    })()
    closeDatabase(db)
  }

  it('a killed backup never leaves a corrupt file at a final backup name', async () => {
    const t0 = performance.now()
    const dbPath = join(tmp.dir, 'backup-src.sqlite')
    await libraryAt0001(dbPath, 3000)
    const db = openDatabase(dbPath)
    await migrate(db)
    closeDatabase(db)
    const dir = join(tmp.dir, 'backups')
    const rand = rng(3)
    let completed = 0
    let partials = 0
    let corrupt = 0
    let validated = 0
    for (let k = 0; k < KILLS; k++) {
      const child = spawnTs('backup-loop.ts', [dbPath, dir])
      const ready = new Promise<void>((resolve) => lines(child, (l) => (l === 'ready' ? resolve() : l.startsWith('done') && completed++)))
      await Promise.race([ready, exited(child)])
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 1500)))
      child.kill('SIGKILL')
      expect((await exited(child)).signal).toBe('SIGKILL')
      partials += readdirSync(dir).filter((n) => n.endsWith('.partial')).length
      for (const b of listBackups(dir)) {
        validated++
        if (!validateBackup(b.file).ok) corrupt++
      }
      expect(dbHealth(dbPath)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
    }
    // The next backup clears what a kill left behind.
    const after = openDatabase(dbPath)
    await backupNow(after, dir, { keep: 3 })
    closeDatabase(after)
    const leftovers = readdirSync(dir).filter((n) => n.includes('.partial'))
    figures(
      `backup-kill: ${KILLS} SIGKILLs across ${completed} completed backups: ${validated} files at final names checked, ${corrupt} corrupt; ` +
        `${partials} .partial leftovers seen after kills, ${leftovers.length} after the next backup; library integrity ok ${KILLS}/${KILLS}; ${seconds(performance.now() - t0)}`
    )
    expect(corrupt).toBe(0)
    expect(leftovers).toEqual([])
    expect(completed).toBeGreaterThan(0)
  }, 300_000)

  it('a killed migration is applied wholly or not at all, and migrating again completes', async () => {
    const t0 = performance.now()
    const base = join(tmp.dir, 'at-0001.sqlite')
    await libraryAt0001(base, 3000)
    // The schema after each whole number of migrations.
    const schemaOf = (file: string): string =>
      withDb(file, (c) =>
        (c.prepare("SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1").all() as Record<string, string>[])
          .map((r) => Object.values(r)[0])
          .join('|')
      )
    const expected = new Map<string, string>()
    for (const m of MIGRATIONS) {
      const f = join(tmp.dir, `expected-${m.name}.sqlite`)
      copyFileSync(base, f)
      const db = openDatabase(f)
      await migrate(db, m.name)
      closeDatabase(db)
      expected.set(appliedNames(f), schemaOf(f))
    }
    // Time one whole migration run in a child.
    const timing = join(tmp.dir, 'timing.sqlite')
    copyFileSync(base, timing)
    const full = await migrateChild(timing, Infinity)
    expect(full.finished).toBe(true)
    const rand = rng(4)
    const states = new Map<string, number>()
    let mismatched = 0
    let ftsIncomplete = 0
    let recovered = 0
    for (let k = 0; k < KILLS; k++) {
      const f = join(tmp.dir, `kill-${k}.sqlite`)
      copyFileSync(base, f)
      // Stratified over 0–1.25× the measured duration: every part of the migration gets a kill. The last
      // two wait for the child's "done" first, so the "fully applied" outcome is always among them even
      // when a loaded machine makes these children slower than the timed one.
      const last = k >= KILLS - 2
      const run = await migrateChild(f, ((k + rand()) / KILLS) * 1.25 * full.ms, last)
      const names = appliedNames(f)
      states.set(names, (states.get(names) ?? 0) + 1)
      if (dbHealth(f).integrity !== 'ok' || expected.get(names) !== schemaOf(f)) mismatched++
      // 0002 builds the search index from existing articles: if it is recorded, the index is whole. 0007
      // empties the character table and marks every article dirty for the rebuild at the next open: then
      // every article is either indexed or waiting.
      if (names.includes('0002_search')) {
        withDb(f, (c) => {
          const indexed = scalar(c, 'SELECT count(*) FROM search_uni')
          const waiting = names.includes('0007_ranked_characters') ? scalar(c, 'SELECT count(*) FROM search_dirty') : 0
          if (indexed + waiting < 3000 || (waiting === 0 && indexed !== 3000)) ftsIncomplete++
        })
      }
      void run
      const db = openDatabase(f)
      await migrate(db)
      if (appliedMigrations(db).length === MIGRATIONS.length) recovered++
      closeDatabase(db)
    }
    figures(
      `migration-kill: ${KILLS} SIGKILLs during a ${Math.round(full.ms)} ms migration of 3000 articles: states seen ${[...states].map(([n, c]) => `[${n || 'none'}]×${c}`).join(' ')}; ` +
        `${mismatched} half-applied schemas, ${ftsIncomplete} incomplete search indexes; migrate again completed ${recovered}/${KILLS}; ${seconds(performance.now() - t0)}`
    )
    expect(mismatched).toBe(0)
    expect(ftsIncomplete).toBe(0)
    expect(recovered).toBe(KILLS)
    expect(states.size).toBeGreaterThanOrEqual(2)
  }, 300_000)
})

function appliedNames(file: string): string {
  return withDb(file, (c) => (c.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name).join(','))
}

async function migrateChild(file: string, killAfterMs: number, afterDone = false): Promise<{ finished: boolean; ms: number }> {
  const child = spawnTs('migrate.ts', [file])
  let t0 = 0
  let finished = false
  let markDone = (): void => undefined
  const done = new Promise<void>((resolve) => (markDone = resolve))
  const started = new Promise<void>((resolve) =>
    lines(child, (l) => {
      if (l === 'migrating') {
        t0 = performance.now()
        resolve()
      } else if (l.startsWith('done')) {
        finished = true
        markDone()
      }
    })
  )
  await Promise.race([started, exited(child)])
  if (Number.isFinite(killAfterMs)) {
    await new Promise((r) => setTimeout(r, killAfterMs))
    if (afterDone) await Promise.race([done, exited(child)])
    child.kill('SIGKILL')
  }
  await exited(child)
  return { finished, ms: performance.now() - t0 }
}
