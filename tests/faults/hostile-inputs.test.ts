// Hostile single inputs (issue 13, findings 1 and 7): a 16 MB page of 199,000 paragraphs in an <article>,
// a page of 200,000 elements, a JSON Lines file with one 120 MB record and 0.4 MB of unmatched Markdown
// emphasis. Each is imported by the bundled CLI in its own process, which must finish within 30 s under
// 1 GB of peak RSS: imported (large pages as plain text) or refused with a reason naming the limit.
// Then Cancel: the worker is stopped within a second while it is deep in one synchronous parse.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openLibrary } from '../../src/main/app/bootstrap'
import { closeDatabase } from '../../src/main/db/connection'
import { importPaths } from '../../src/main/services/import-pipeline/pipeline'
import { FAULT_CLI, figures, ROOT, scalar, seconds, tempDir } from './helpers'
import { elementPage, paragraphPage, SENTENCE } from './hostile-pages'

const TIME_LIMIT_MS = 30_000
const RSS_LIMIT_MB = 1024

interface Outcome {
  name: string
  ms: number
  rssMb: number
  signal: string | null
  imported: number
  failed: { file: string; reason: string }[]
}

describe('hostile single inputs', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())
  const probe = join(tmp.dir, 'maxrss.cjs')
  writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, '\\nmaxrss-kb ' + process.resourceUsage().maxRSS + '\\n'))\n")

  function importInChild(name: string, content: string | Buffer): Outcome {
    const dir = join(tmp.dir, name.replace(/\W/g, '_'))
    mkdirSync(dir)
    const file = join(dir, name)
    writeFileSync(file, content)
    const t = performance.now()
    const r = spawnSync(process.execPath, ['--require', probe, FAULT_CLI, '--db', join(dir, 'library.sqlite'), 'import', '--json', file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, MARGINALIA_DB: '' }
    })
    const ms = performance.now() - t
    const rssMb = Number(/maxrss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024
    let report: { imported: unknown[]; failed: { file: string; reason: string }[] } = { imported: [], failed: [] }
    try {
      report = JSON.parse(r.stdout)
    } catch {
      report.failed.push({ file: name, reason: `no report (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(0, 200)}` })
    }
    return { name, ms, rssMb, signal: r.signal, imported: report.imported.length, failed: report.failed.map((f) => ({ file: f.file.slice(dir.length + 1), reason: f.reason })) }
  }

  function line(o: Outcome): string {
    const failures = o.failed.map((f) => `${f.file}: ${f.reason.slice(0, 120)}`).join(' | ')
    return `${o.name} ${o.imported} imported${failures ? `, refused ${failures}` : ''} in ${seconds(o.ms)} at ${o.rssMb.toFixed(0)} MB`
  }

  function expectBounded(o: Outcome): void {
    expect(o.signal, `${o.name} still running after 120 s`).toBeNull()
    expect(o.ms, `${o.name} took ${seconds(o.ms)}`).toBeLessThan(TIME_LIMIT_MS)
    expect(o.rssMb, `${o.name} peaked at ${o.rssMb.toFixed(0)} MB`).toBeLessThan(RSS_LIMIT_MB)
  }

  it('a 16 MB page of 199,000 paragraphs in <article> is imported (as plain text) in under 30 s', () => {
    const o = importInChild('199k-paragraphs.html', paragraphPage())
    figures(`hostile-input: ${line(o)} (limits ${TIME_LIMIT_MS / 1000} s, ${RSS_LIMIT_MB} MB)`)
    expectBounded(o)
    expect(o.imported + o.failed.length).toBe(1)
    expect(o.failed.every((f) => !f.reason.startsWith('unexpected error'))).toBe(true)
  }, 180_000)

  it('a page of 200,000 elements falls back to plain text instead of failing', () => {
    const o = importInChild('200k-elements.html', elementPage())
    figures(`hostile-input: ${line(o)}`)
    expectBounded(o)
    expect(o.imported).toBe(1)
  }, 180_000)

  it('a JSON Lines record of 120 MB is refused by name and limit; the records around it import', () => {
    const small = (i: number): string => JSON.stringify({ title: `记录${i}`, content: `${SENTENCE}${i}` })
    const huge = Buffer.concat([
      Buffer.from(`${small(1)}\n{"title":"巨大记录","content":"`),
      Buffer.alloc(120 * 1024 * 1024, 'a'),
      Buffer.from(`"}\n${small(3)}\n`)
    ])
    const o = importInChild('huge-record.jsonl', huge)
    figures(`hostile-input: ${line(o)}`)
    expectBounded(o)
    // The over-long line is skipped as it streams, never held: 842 MB when it was buffered whole first.
    expect(o.rssMb, `the 120 MB line peaked at ${o.rssMb.toFixed(0)} MB`).toBeLessThan(400)
    expect(o.imported).toBe(2)
    expect(o.failed).toEqual([{ file: 'huge-record.jsonl#L2', reason: expect.stringMatching(/limit/) }])
  }, 180_000)

  it('0.4 MB of unmatched Markdown emphasis (*a × 200,000) imports in bounded time and memory', () => {
    const o = importInChild('emphasis.md', `# 强调\n\n${'*a'.repeat(200_000)}\n`)
    figures(`hostile-input: ${line(o)}`)
    expectBounded(o)
    expect(o.imported).toBe(1)
  }, 180_000)

  it('Cancel stops an import within 1 s while the worker is inside a long synchronous parse', async () => {
    const dir = join(tmp.dir, 'cancel')
    mkdirSync(dir)
    const file = join(dir, 'slow.html')
    writeFileSync(file, paragraphPage(60_000))
    const db = await openLibrary(join(dir, 'library.sqlite'))
    try {
      const controller = new AbortController()
      // No element or time budget: the page goes through jsdom and Readability, minutes of synchronous work.
      const cpu0 = process.cpuUsage().user
      const done = importPaths(db, [file], { signal: controller.signal, limits: { maxHtmlElements: Number.MAX_SAFE_INTEGER, maxHtmlMs: Number.MAX_SAFE_INTEGER } })
      // This thread only waits: CPU time beyond ~1 s of worker start-up is the worker parsing.
      while (process.cpuUsage().user - cpu0 < 4_000_000) await new Promise((r) => setTimeout(r, 50))
      const t = performance.now()
      controller.abort()
      const report = await done
      const latency = performance.now() - t
      const cpuAfter = process.cpuUsage().user
      await new Promise((r) => setTimeout(r, 1000))
      const busyAfter = (process.cpuUsage().user - cpuAfter) / 1e6
      const stored = scalar(db.sqlite, 'SELECT count(*) FROM articles')
      figures(
        `cancel: import cancelled ${(latency / 1000).toFixed(2)} s after Cancel, mid-parse of a 60,000-paragraph page with no budget; ` +
          `status ${report.status}, ${stored} articles stored; CPU in the next second ${busyAfter.toFixed(2)} s (limit 1 s latency)`
      )
      expect(latency).toBeLessThan(1000)
      expect(report.status).toBe('cancelled')
      expect(stored).toBe(0)
      expect(busyAfter).toBeLessThan(0.3)
    } finally {
      closeDatabase(db)
    }
  }, 180_000)
})
