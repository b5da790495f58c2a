// Crash safety: the CLI import is killed with SIGKILL at several points of a large import. Each time the
// database must pass integrity_check and foreign_key_check, hold no half-imported file (a JSON Lines file
// is all or nothing), and a re-run must complete the import without duplicates.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { generateArticles } from '../../../bench/lib'
import { cliProcess, ROOT } from '../../helpers/cli'
import { tempDir } from '../../helpers/test-db'

const TXT_FILES = 1200
const JSONL_FILES = 3
const PER_JSONL = 150
const TOTAL = TXT_FILES + JSONL_FILES * PER_JSONL

function killImportAfter(db: string, source: string, filesDone: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', join(ROOT, 'tsconfig.node.json'), join(ROOT, 'src/main/cli/index.ts'), '--db', db, 'import', source],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const matches = [...stderr.matchAll(/importing: (\d+) files/g)]
      const last = matches.at(-1)
      if (last && Number(last[1]) >= filesDone && child.exitCode === null) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) => resolve(signal ?? 'exited'))
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

  it('leaves a valid database at every kill point and a re-run completes without duplicates', async () => {
    const db = join(tmp.dir, 'crash.sqlite')
    const killPoints = [1, 150, 500, 900, 1150]
    const seen: number[] = []
    for (const point of killPoints) {
      const how = await killImportAfter(db, source, point)
      const conn = new BetterSqlite3(db)
      try {
        expect(conn.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(conn.pragma('foreign_key_check')).toEqual([])
        const count = (conn.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
        seen.push(count)
        const perJsonl = conn
          .prepare("SELECT original_file, count(*) AS n FROM articles WHERE original_file LIKE '%.jsonl' GROUP BY original_file")
          .all() as { n: number }[]
        for (const row of perJsonl) expect(row.n).toBe(PER_JSONL)
        const empty = conn.prepare("SELECT count(*) AS n FROM articles WHERE body_text = '' OR raw_text = ''").get() as { n: number }
        expect(empty.n).toBe(0)
      } finally {
        conn.close()
      }
      expect(['SIGKILL', 'exited']).toContain(how)
    }
    // Counts never go backwards between kills: committed work is kept.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!)

    const rerun = cliProcess(['--db', db, 'import', '--json', source])
    expect(rerun.code).toBe(0)
    const report = JSON.parse(rerun.stdout)
    expect(report.failed).toEqual([])
    const conn = new BetterSqlite3(db)
    try {
      expect((conn.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(TOTAL)
      expect((conn.prepare('SELECT count(DISTINCT content_hash) AS n FROM articles').get() as { n: number }).n).toBe(TOTAL)
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok')
      // Imports that a kill interrupted are closed as failed, not left "running".
      expect((conn.prepare("SELECT count(*) AS n FROM imports WHERE status = 'running'").get() as { n: number }).n).toBe(0)
    } finally {
      conn.close()
    }
    console.log(`crash-safety: ${killPoints.length} kills, articles after each kill: ${seen.join(', ')}; re-run imported ${report.imported.length}, skipped ${report.duplicates.length}`)
  }, 240_000)
})
