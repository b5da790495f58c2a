// Issue 13 finding 5: an empty library file now counts as damage, so a new library must never be visible
// half-made. openLibrary builds it under a temporary name and links it into place: openers racing on one
// new path (in one process, and as separate CLI processes) all succeed on one file, and leave nothing behind.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openLibrary } from '../../src/main/app/bootstrap'
import { closeDatabase } from '../../src/main/db/connection'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { dbHealth, FAULT_CLI, figures, ROOT, scalar, tempDir, withDb } from './helpers'

const OPENERS = 8

function cliAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FAULT_CLI, ...args], { cwd: ROOT, env: { ...process.env, MARGINALIA_DB: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('creating a new library', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it(`${OPENERS} openers in one process and ${OPENERS} CLI processes racing on a new path: all succeed, one file, no leftovers`, async () => {
    const inProcess = join(tmp.dir, 'in-process', 'library.sqlite')
    const settled = await Promise.allSettled(Array.from({ length: OPENERS }, () => openLibrary(inProcess)))
    for (const s of settled) if (s.status === 'fulfilled') closeDatabase(s.value)
    const inProcessFailed = settled.filter((s) => s.status === 'rejected').length

    const processes = join(tmp.dir, 'processes', 'library.sqlite')
    const runs = await Promise.all(Array.from({ length: OPENERS }, () => cliAsync(['--db', processes, 'list', '--json'])))
    const processFailures = runs.filter((r) => r.code !== 0 || r.stdout.trim() !== '[]')

    const leftovers = [...readdirSync(join(tmp.dir, 'in-process')), ...readdirSync(join(tmp.dir, 'processes'))].filter((f) => f.includes('.new-'))
    const recorded = [inProcess, processes].map((f) => withDb(f, (c) => scalar(c, 'SELECT count(*) FROM schema_migrations')))
    figures(
      `new library: ${OPENERS} in-process openers ${inProcessFailed} failed, ${OPENERS} CLI processes ${processFailures.length} failed; ` +
        `${leftovers.length} temporary files left; migrations recorded ${recorded.join(' / ')} of ${MIGRATIONS.length}` +
        (processFailures[0] ? `; first failure: ${processFailures[0].stderr.trim().split('\n')[0]}` : '')
    )
    expect(inProcessFailed).toBe(0)
    expect(processFailures).toEqual([])
    expect(leftovers).toEqual([])
    expect(recorded).toEqual([MIGRATIONS.length, MIGRATIONS.length])
    for (const f of [inProcess, processes]) expect(dbHealth(f)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
  }, 120_000)
})
