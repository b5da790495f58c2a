// Crash safety: the CLI import is killed with SIGKILL at several points of a large import. Each time the
// database must pass integrity_check and foreign_key_check, hold no half-imported file or JSON Lines
// record, and a re-run must complete the import without duplicates.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { generateArticles } from '../../../../bench/lib'
import { cliProcess, ROOT } from '../../../helpers/cli'
import { tempDir } from '../../../helpers/test-db'

const TXT_FILES = 2000
const JSONL_FILES = 3
const PER_JSONL = 150
const TOTAL = TXT_FILES + JSONL_FILES * PER_JSONL

/** Starts `cli import`, waits for its first progress line, then kills it with SIGKILL after delayMs. */
function killImportAfter(db: string, source: string, delayMs: number): Promise<{ signal: string; ms: number }> {
  return new Promise((resolve) => {
    let started = 0
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), '--db', db, 'import', source],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }
    )
    let armed = false
    child.stderr.on('data', (chunk: Buffer) => {
      if (armed || !chunk.toString().includes('importing file ')) return
      armed = true
      started = performance.now()
      setTimeout(() => {
        if (child.exitCode === null) child.kill('SIGKILL')
      }, delayMs)
    })
    child.on('exit', (_code, signal) => resolve({ signal: signal ?? 'exited', ms: performance.now() - started }))
  })
}

describe('crash safety of import (SIGKILL)', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())
  const source = join(tmp.dir, 'archive')
  mkdirSync(source)
  const articles = generateArticles(TOTAL, 7)
  articles.slice(0, TXT_FILES).forEach((a, i) => {
    writeFileSync(join(source, `${String(i).padStart(5, '0')}.txt`), `${a.title}\n${a.content}\n`)
  })
  for (let f = 0; f < JSONL_FILES; f++) {
    const rows = articles.slice(TXT_FILES + f * PER_JSONL, TXT_FILES + (f + 1) * PER_JSONL)
    writeFileSync(join(source, `feed-${f}.jsonl`), rows.map((a) => JSON.stringify({ title: a.title, content: a.content })).join('\n') + '\n')
  }

  function check(db: string): number {
    const conn = new BetterSqlite3(db)
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(conn.pragma('foreign_key_check')).toEqual([])
      // JSON Lines records are units like zip entries: every stored record is a whole JSON object.
      const records = conn.prepare("SELECT raw_text FROM articles WHERE original_file LIKE '%.jsonl'").all() as { raw_text: string }[]
      for (const r of records) expect(() => JSON.parse(r.raw_text)).not.toThrow()
      const perJsonl = conn
        .prepare("SELECT original_file, count(*) AS n FROM articles WHERE original_file LIKE '%.jsonl' GROUP BY original_file")
        .all() as { n: number }[]
      for (const row of perJsonl) expect(row.n).toBeLessThanOrEqual(PER_JSONL)
      // No article without its text.
      expect((conn.prepare("SELECT count(*) AS n FROM articles WHERE body_text = '' OR raw_text = ''").get() as { n: number }).n).toBe(0)
      expect((conn.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(
        (conn.prepare('SELECT count(DISTINCT content_hash) AS n FROM articles').get() as { n: number }).n
      )
      return (conn.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
    } finally {
      conn.close()
    }
  }

  it('leaves a valid database at every kill point and a re-run completes without duplicates', async () => {
    // Time one whole import, then kill fresh imports at fractions of that duration.
    const full = await killImportAfter(join(tmp.dir, 'full.sqlite'), source, 600_000)
    expect(full.signal).toBe('exited')
    const killPoints = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8].map((f) => Math.round(f * full.ms))
    const seen: number[] = []
    for (const [i, point] of killPoints.entries()) {
      const db = join(tmp.dir, `crash-${i}.sqlite`)
      await killImportAfter(db, source, point)
      seen.push(check(db))
      const rerun = cliProcess(['--db', db, 'import', '--json', source])
      expect(rerun.code).toBe(0)
      const report = JSON.parse(rerun.stdout)
      expect(report.failed).toEqual([])
      expect(report.imported.length + report.duplicates.length).toBe(TOTAL)
      expect(check(db)).toBe(TOTAL)
      const conn = new BetterSqlite3(db)
      try {
        // The import a kill interrupted is closed as failed, not left "running".
        expect((conn.prepare("SELECT count(*) AS n FROM imports WHERE status = 'running'").get() as { n: number }).n).toBe(0)
      } finally {
        conn.close()
      }
    }
    // The kills landed at different points of the import, not all before or after it.
    console.log(`crash-safety: ${killPoints.length} SIGKILLs, articles committed at each: ${seen.join(', ')} of ${TOTAL} (kills at ${killPoints.join(', ')} ms of a ${Math.round(full.ms)} ms import); every re-run completed to ${TOTAL} with integrity ok`)
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3)
  }, 300_000)
})
