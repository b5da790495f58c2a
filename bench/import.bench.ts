// Import benchmark: the corpus replicated to >= 20,000 distinct articles, as JSON Lines, as a folder of
// .txt files and as a .zip of them, through the real pipeline (parse, cleanup, duplicate detection, search
// index), against a bare INSERT of the same rows in one transaction measured in the same run. Each import
// runs as `cli import` in its own process, with parsing in the worker thread and inline, and its peak
// memory is sampled; a quarter-size archive shows whether memory grows with the archive.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { closeDatabase, openDatabase } from '../src/main/db/connection'
import { migrate } from '../src/main/db/migrate'
import { makeZip } from '../tests/helpers/zip-writer'
import { prepareArticle } from '../src/main/services/import-pipeline/prepare'
import { readSources } from '../src/main/services/import-pipeline/sources'
import type { SearchDoc } from '../src/main/services/search/document'
import { loadCorpus, type BenchRow, type CorpusArticle } from './lib'

const ROOT = resolve(__dirname, '..')

function replicate(base: CorpusArticle[], count: number): CorpusArticle[] {
  const out: CorpusArticle[] = []
  for (let i = 0; out.length < count; i++) {
    const a = base[i % base.length] as CorpusArticle
    const round = Math.floor(i / base.length)
    // A distinct marker per copy keeps every article distinct for duplicate detection.
    out.push(round === 0 ? a : { title: `${a.title}（${round}）`, content: `【第${round}版】${a.content}` })
  }
  return out
}

/**
 * Runs `cli import` in a child process (so the figure is the importer's own memory, not this process's
 * benchmark data) and samples its peak RSS (VmHWM) from /proc while it runs.
 */
function importInChild(db: string, source: string, worker: boolean): Promise<{ ms: number; peakMb: number; report: { imported: unknown[]; duplicates: unknown[]; failed: unknown[] } }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), '--db', db, 'import', '--json', source], {
      cwd: ROOT,
      env: { ...process.env, MARGINALIA_IMPORT_WORKER: worker ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'ignore']
    })
    let peakKb = 0
    const timer = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (m) peakKb = Math.max(peakKb, Number(m[1]))
      } catch {
        // the child may have exited between samples
      }
    }, 25)
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.on('error', reject)
    child.on('exit', () => {
      clearInterval(timer)
      const ms = performance.now() - t0
      try {
        resolvePromise({ ms, peakMb: peakKb / 1024, report: JSON.parse(out) })
      } catch (e) {
        reject(e)
      }
    })
  })
}

/** Bare INSERT of the same rows (title, raw and body text, hash) in one transaction: the physical limit. */
async function bareInsert(dir: string, articles: CorpusArticle[]): Promise<number> {
  const db = openDatabase(join(dir, 'bare.sqlite'))
  await migrate(db)
  const stmt = db.sqlite.prepare(
    `INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES (?, ?, ?, 'text', ?, ?, ?)`
  )
  const now = new Date().toISOString()
  const t0 = performance.now()
  db.sqlite.transaction(() => {
    articles.forEach((a, i) => stmt.run(a.title, now, `${a.title}\n${a.content}`, a.content, String(i), now))
  })()
  const ms = performance.now() - t0
  closeDatabase(db)
  return ms
}

/**
 * The search-index writes alone (issue 16's floor): the same articles' index entries, tokenised beforehand,
 * written into an empty library in the import's batches. FTS5 runs on the writer's thread whatever the
 * pipeline does, so no import can be faster than this on one writer.
 */
async function indexWritesAlone(dir: string, jsonl: string): Promise<{ ms: number; count: number }> {
  const docs: SearchDoc[] = []
  for await (const event of readSources([jsonl])) if (event.kind === 'file') for (const a of event.articles) docs.push(prepareArticle(a).doc)
  const db = openDatabase(join(dir, 'fts-only.sqlite'))
  await migrate(db)
  const bi = db.sqlite.prepare('INSERT INTO search_bi (rowid, title, body, meta) VALUES (?, ?, ?, ?)')
  const uni = db.sqlite.prepare('INSERT INTO search_uni (rowid, chars) VALUES (?, ?)')
  const t0 = performance.now()
  for (let i = 0; i < docs.length; i += 200) {
    db.sqlite.transaction(() => {
      docs.slice(i, i + 200).forEach((d, k) => {
        bi.run(i + k + 1, d.title, d.body, d.meta)
        uni.run(i + k + 1, d.uni)
      })
    }).immediate()
  }
  const ms = performance.now() - t0
  closeDatabase(db)
  return { ms, count: docs.length }
}

export async function benchImport(): Promise<BenchRow[]> {
  const count = Number(process.env.BENCH_IMPORT_ARTICLES ?? 20_000)
  const corpus = loadCorpus()
  const articles = replicate(corpus.articles, count)
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bench-import-'))
  const rows: BenchRow[] = []
  try {
    const jsonl = join(dir, 'archive.jsonl')
    writeFileSync(jsonl, articles.map((a) => JSON.stringify({ title: a.title, content: a.content })).join('\n') + '\n')
    const txtDir = join(dir, 'txt')
    mkdirSync(txtDir)
    articles.forEach((a, i) => writeFileSync(join(txtDir, `${String(i).padStart(6, '0')}.txt`), `${a.title}\n${a.content}\n`))
    const txtEntries = articles.map((a, i) => ({ name: `archive/${String(i).padStart(6, '0')}.txt`, data: `${a.title}\n${a.content}\n` }))
    const zip = join(dir, 'archive.zip')
    writeFileSync(zip, makeZip(txtEntries))
    // Quarter-size archives of the same articles: peak memory must not grow with the archive.
    const quarter = articles.slice(0, Math.ceil(count / 4))
    const jsonlQuarter = join(dir, 'quarter.jsonl')
    writeFileSync(jsonlQuarter, quarter.map((a) => JSON.stringify({ title: a.title, content: a.content })).join('\n') + '\n')
    const zipQuarter = join(dir, 'quarter.zip')
    writeFileSync(zipQuarter, makeZip(txtEntries.slice(0, quarter.length)))

    const bareMs = await bareInsert(dir, articles)
    const baseline = { name: `bare INSERT of ${count} rows, one transaction`, value: bareMs }
    rows.push({ name: `bare INSERT (${corpus.origin}, ${count} articles)`, value: bareMs, unit: 'ms' })
    const index = await indexWritesAlone(dir, jsonl)
    rows.push({ name: `search-index writes alone: the same ${index.count} entries, 200 per transaction (the writer's floor)`, value: (index.count / index.ms) * 1000, unit: 'articles/s' })

    // Process start-up (tsx, module loading) is part of every child's time: measured once, subtracted.
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    const startup = (await importInChild(join(dir, 'startup.sqlite'), empty, false)).ms
    rows.push({ name: 'CLI start-up (subtracted from the import times below)', value: startup, unit: 'ms' })
    const peaks = new Map<string, number>()
    for (const [label, source, modes] of [
      ['JSONL', jsonl, [true, false]],
      ['folder of .txt', txtDir, [true, false]],
      ['.zip of .txt', zip, [true]]
    ] as const) {
      for (const worker of modes) {
        const mode = worker ? 'parse in worker thread' : 'parse inline'
        const { ms: total, peakMb, report } = await importInChild(join(dir, `${label.replace(/\W/g, '')}-${worker}.sqlite`), source, worker)
        const ms = Math.max(1, total - startup)
        const ratio = ms / bareMs
        const perSecond = (report.imported.length / ms) * 1000
        // The worker is how the app imports; the inline run is shown only for comparison (no targets).
        const targeted = <T extends object>(row: T, target: string, ok: boolean) => (worker ? { ...row, target, ok } : row)
        rows.push(
          targeted(
            {
              name: `import ${label}, ${mode}: ${report.imported.length} imported, ${report.duplicates.length} dup, ${report.failed.length} failed`,
              value: ms,
              unit: 'ms',
              baseline,
              ratio
            },
            'ratio <= 14',
            ratio <= 14
          )
        )
        rows.push(targeted({ name: `import ${label}, ${mode}: throughput`, value: perSecond, unit: 'articles/s' }, '>= 1500', perSecond >= 1500))
        if (process.platform === 'linux') {
          rows.push(targeted({ name: `import ${label}, ${mode}: peak RSS of the import process`, value: peakMb, unit: 'MB' }, '< 400', peakMb < 400))
          if (worker) peaks.set(label, peakMb)
        }
      }
    }
    if (process.platform === 'linux') {
      for (const [label, source] of [
        ['JSONL', jsonlQuarter],
        ['.zip of .txt', zipQuarter]
      ] as const) {
        const { peakMb, report } = await importInChild(join(dir, `quarter-${label.replace(/\W/g, '')}.sqlite`), source, true)
        const full = peaks.get(label) ?? 0
        const growth = full / peakMb
        rows.push({ name: `import ${label}, ${report.imported.length} articles (a quarter): peak RSS`, value: peakMb, unit: 'MB' })
        // Shown, not judged: the bar is the < 400 MB above. Measured: the zip stays flat (~1.05x); JSON Lines
        // grows ~1.2x because V8 lets the parse worker's heap grow larger over a longer run (115 -> 184 MB
        // peak), not because anything is kept: the heap left after a GC is 21 MB at 5k and at 20k records.
        rows.push({ name: `import ${label}: peak RSS at ${count} vs ${quarter.length} articles`, value: growth, unit: 'x' })
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
