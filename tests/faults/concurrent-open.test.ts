// Forty processes opening one brand-new library at the same instant, then forty opening it again: every
// one must succeed and each migration must be recorded once (they are decided under the write lock).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { dbHealth, exited, figures, lines, scalar, seconds, spawnTs, tempDir, withDb } from './helpers'

const PROCESSES = 40

async function openAll(dbPath: string, goFile: string): Promise<{ failures: string[]; ms: number }> {
  rmSync(goFile, { force: true })
  let ready = 0
  let allReady: () => void = () => {}
  const readyPromise = new Promise<void>((resolve) => (allReady = resolve))
  const outcomes = Array.from({ length: PROCESSES }, () => {
    const child = spawnTs('open-library.ts', [dbPath, goFile])
    let stderr = ''
    let opened = false
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    lines(child, (l) => {
      if (l === 'ready' && ++ready === PROCESSES) allReady()
      if (l.startsWith('opened')) opened = true
    })
    return exited(child).then(({ code }) => {
      if (!opened && ready < PROCESSES) allReady() // a child that died loading must not hang the test
      return code === 0 && opened ? null : `exit ${code}: ${stderr.trim().split('\n')[0]}`
    })
  })
  await readyPromise
  const t0 = performance.now()
  writeFileSync(goFile, 'go')
  const results = await Promise.all(outcomes)
  return { failures: results.filter((r): r is string => r !== null), ms: performance.now() - t0 }
}

describe('concurrent opening', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it(`${PROCESSES} processes open one new library at once, then ${PROCESSES} open it again: 0 failures`, async () => {
    mkdirSync(join(tmp.dir, 'library'))
    const dbPath = join(tmp.dir, 'library', 'library.sqlite')
    const goFile = join(tmp.dir, 'go')
    const fresh = await openAll(dbPath, goFile)
    const again = await openAll(dbPath, goFile)
    const recorded = withDb(dbPath, (c) => scalar(c, 'SELECT count(*) FROM schema_migrations'))
    const health = dbHealth(dbPath)
    const failures = [...fresh.failures, ...again.failures]
    figures(
      `concurrent-open: ${PROCESSES} processes opening a new library at once: ${fresh.failures.length} failed (all done ${seconds(fresh.ms)} after the start); ` +
        `${PROCESSES} opening it again: ${again.failures.length} failed (${seconds(again.ms)}); ` +
        `${recorded}/${MIGRATIONS.length} migrations recorded; integrity ${health.integrity}` +
        (failures.length > 0 ? `; first failure: ${failures[0]}` : '')
    )
    expect(failures).toEqual([])
    expect(recorded).toBe(MIGRATIONS.length)
    expect(health).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
  }, 240_000)
})
