// Hostile archives through the real import pipeline: 420 seeded mutations of real zips and EPUBs, plus
// zip-slip names, hostile encodings, special entries, deep nesting and EPUB/XML attacks. Expected: no
// crash, no partial import (the library holds exactly the entries the report says were imported), every
// failure a human-readable reason (never an "unexpected error" or a stack), nothing written outside the
// library. Decompression bombs run one per child process (the bundled CLI) to measure peak RSS (< 300 MB).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openLibrary } from '../../src/main/app/bootstrap'
import { closeDatabase } from '../../src/main/db/connection'
import { importPaths } from '../../src/main/services/import-pipeline/pipeline'
import { attacks, baseArchives, bombs, mutate, spineAmplification, type HostileFile } from './hostile-corpus'
import { dbHealth, FAULT_CLI, figures, ROOT, rng, scalar, seconds, tempDir, withDb } from './helpers'

/** Mutations per base archive: fewer of the two whose intact entries are costly to parse (Readability). */
const PER_BASE: Record<string, number> = { 'fixture.epub': 60, 'articles.zip': 80, 'nested.zip': 140, 'built.epub': 140 }
const RSS_LIMIT_MB = 300

function untyped(reason: string): boolean {
  return reason.startsWith('unexpected error') || /\n\s+at .+:\d+/.test(reason) || reason.trim().length < 8 || /undefined|\[object /.test(reason)
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
}

describe('hostile archives', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it('imports 400+ malformed zips/EPUBs and attack archives with 0 crashes and 0 partial imports', async () => {
    const t0 = performance.now()
    const rand = rng(5)
    const corpus: HostileFile[] = []
    for (const base of baseArchives()) corpus.push(base, ...mutate(base, rand, PER_BASE[base.name] ?? 100))
    corpus.push(...attacks())
    const dir = join(tmp.dir, 'corpus')
    mkdirSync(dir)
    for (const f of corpus) writeFileSync(join(dir, f.name), f.bytes)
    const mutated = corpus.filter((f) => f.family !== 'base').length

    const dbPath = join(tmp.dir, 'library', 'library.sqlite')
    const db = await openLibrary(dbPath)
    let crashes = 0
    let partial = 0
    let failures = 0
    const untypedReasons: string[] = []
    let importedArticles = 0
    const outcome = new Map<string, { imported: number; failed: number; clean: number }>()
    try {
      for (let i = 0; i < corpus.length; i += 50) {
        const chunk = corpus.slice(i, i + 50)
        const paths = chunk.map((f) => join(dir, f.name))
        let report
        try {
          // Parsed on this thread (worker: false): the same readers and writer as the worker path, without
          // a worker start per chunk; the bombs below go through the CLI's worker.
          report = await importPaths(db, paths, { worker: false })
        } catch (error) {
          crashes++
          untypedReasons.push(`importPaths threw: ${(error as Error).message}`)
          continue
        }
        if (report.status !== 'done') crashes++
        for (const f of report.failed) {
          failures++
          if (f.file === '(import)') crashes++
          if (untyped(f.reason)) untypedReasons.push(`${f.file}: ${f.reason.slice(0, 200)}`)
        }
        for (const [k, path] of paths.entries()) {
          const family = (chunk[k] as HostileFile).family
          const mine = (file: string): boolean => file === path || file.startsWith(path + '!')
          const reported = report.imported.filter((a) => mine(a.file)).length
          const stored = scalar(db.sqlite, "SELECT count(*) FROM articles WHERE original_file = ? OR substr(original_file, 1, ?) = ?", path, path.length + 1, path + '!')
          if (stored !== reported) partial++
          importedArticles += reported
          const o = outcome.get(family) ?? { imported: 0, failed: 0, clean: 0 }
          const failed = report.failed.some((x) => mine(x.file))
          if (failed) o.failed++
          else if (reported > 0 || report.duplicates.some((x) => mine(x.file))) o.clean++
          if (reported > 0) o.imported++
          outcome.set(family, o)
        }
      }
    } finally {
      closeDatabase(db)
    }
    const health = dbHealth(dbPath)
    const running = withDb(dbPath, (c) => scalar(c, "SELECT count(*) FROM imports WHERE status = 'running'"))
    // Zip-slip: nothing was written outside the library and the corpus (entries are never extracted).
    const escaped = [...walk(tmp.dir).filter((p) => /evil\.txt$/.test(p)), ...['/etc/evil.txt', join(ROOT, 'evil.txt'), '/tmp/evil.txt'].filter(existsSync)]
    const byFamily = [...outcome].map(([f, o]) => `${f} ${o.failed} rejected/${o.clean} clean`).join(', ')
    figures(
      `hostile-archives: ${corpus.length} files (${mutated} mutated or hostile); ${crashes} crashes, ${partial} partial imports, ` +
        `${failures} failures all typed+readable=${untypedReasons.length === 0} (${untypedReasons.length} untyped), ${importedArticles} articles from intact entries, ` +
        `${escaped.length} files written outside; integrity ${health.integrity}, ${health.foreignKeyViolations} FK violations; by family: ${byFamily}; ${seconds(performance.now() - t0)}`
    )
    expect(untypedReasons).toEqual([])
    expect(crashes).toBe(0)
    expect(partial).toBe(0)
    expect(escaped).toEqual([])
    expect(running).toBe(0)
    expect(health).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
    expect(mutated).toBeGreaterThanOrEqual(400)
  }, 300_000)

  it('rejects decompression bombs with peak RSS under 300 MB (one child process each)', async () => {
    const t0 = performance.now()
    const dir = join(tmp.dir, 'bombs')
    mkdirSync(dir)
    const probe = join(dir, 'maxrss.cjs')
    writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, '\\nmaxrss-kb ' + process.resourceUsage().maxRSS + '\\n'))\n")
    const results: string[] = []
    const problems: string[] = []
    let peak = 0
    for (const bomb of await bombs()) {
      const file = join(dir, bomb.name)
      writeFileSync(file, bomb.bytes)
      const t = performance.now()
      const r = spawnSync(process.execPath, ['--require', probe, FAULT_CLI, '--db', join(dir, `${bomb.name}.sqlite`), 'import', '--json', file], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, MARGINALIA_DB: '' }
      })
      const rssMb = Number(/maxrss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024
      peak = Math.max(peak, rssMb)
      let report: { imported: unknown[]; failed: { file: string; reason: string }[] } = { imported: [], failed: [] }
      try {
        report = JSON.parse(r.stdout)
      } catch {
        problems.push(`${bomb.name}: no JSON report (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(0, 300)}`)
      }
      const reason = report.failed[0]?.reason ?? ''
      if (r.signal) problems.push(`${bomb.name}: killed by ${r.signal}`)
      if (report.imported.length > 0) problems.push(`${bomb.name}: imported ${report.imported.length} articles`)
      if (report.failed.length === 0 || report.failed.some((f) => untyped(f.reason))) problems.push(`${bomb.name}: not rejected with a readable reason: ${reason}`)
      if (!(rssMb < RSS_LIMIT_MB)) problems.push(`${bomb.name}: peak RSS ${rssMb.toFixed(0)} MB`)
      results.push(`${bomb.name.replace(/^bomb-|\.zip$/g, '')} ${(bomb.bytes.length / 1024).toFixed(0)} KB→rejected in ${seconds(performance.now() - t)} at ${rssMb.toFixed(0)} MB`)
    }
    figures(`bombs: ${results.length} bombs, ${results.length - problems.length} rejected cleanly, peak RSS ${peak.toFixed(0)} MB (limit ${RSS_LIMIT_MB}): ${results.join('; ')}; ${seconds(performance.now() - t0)}`)
    expect(problems).toEqual([])
  }, 300_000)

  it('bounds an EPUB whose spine repeats its own package document 5,000 times (child, 20 s budget)', () => {
    const dir = join(tmp.dir, 'amplification')
    mkdirSync(dir)
    const f = spineAmplification()
    const file = join(dir, f.name)
    writeFileSync(file, f.bytes)
    const t = performance.now()
    const r = spawnSync(process.execPath, [FAULT_CLI, '--db', join(dir, 'a.sqlite'), 'import', '--json', file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, MARGINALIA_DB: '' }
    })
    const ms = performance.now() - t
    let rejected = false
    let reason = ''
    try {
      const report = JSON.parse(r.stdout) as { imported: unknown[]; failed: { reason: string }[] }
      reason = report.failed[0]?.reason ?? ''
      rejected = report.imported.length === 0 && report.failed.length > 0 && !untyped(reason)
    } catch {
      reason = r.signal ? `still running after 20 s (killed with ${r.signal})` : `no report (exit ${r.status})`
    }
    figures(`spine-amplification: ${(f.bytes.length / 1024).toFixed(1)} KB EPUB, 5000 spine entries → ${rejected ? 'rejected' : 'NOT rejected'} in ${seconds(ms)}: ${reason.slice(0, 160)}`)
    expect(r.signal, 'the import must finish (reject) within 20 s').toBeNull()
    expect(rejected, reason).toBe(true)
  }, 60_000)
})
