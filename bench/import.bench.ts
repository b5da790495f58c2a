// Import benchmark: the corpus replicated to >= 20,000 distinct articles, as JSON Lines and as a folder of
// .txt files, through the real pipeline (parse, cleanup, duplicate detection, search index), against a bare
// INSERT of the same rows in one transaction measured in the same run. Peak memory is sampled throughout.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closeDatabase, openDatabase } from '../src/main/db/connection'
import { migrate } from '../src/main/db/migrate'
import { importPaths } from '../src/main/services/import/pipeline'
import { loadCorpus, type BenchRow, type CorpusArticle } from './lib'

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

function sampleMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  return {
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage().rss)
    }
  }
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

    const bareMs = await bareInsert(dir, articles)
    const baseline = { name: `bare INSERT of ${count} rows, one transaction`, value: bareMs }
    rows.push({ name: `bare INSERT (${corpus.origin}, ${count} articles)`, value: bareMs, unit: 'ms' })

    for (const [label, source] of [
      ['JSONL', jsonl],
      ['folder of .txt', txtDir]
    ] as const) {
      const db = openDatabase(join(dir, `${label.replace(/\W/g, '')}.sqlite`))
      await migrate(db)
      const memory = sampleMemory()
      const t0 = performance.now()
      const report = await importPaths(db, [source])
      const ms = performance.now() - t0
      const peakMb = memory.stop() / 1024 / 1024
      closeDatabase(db)
      const ratio = ms / bareMs
      rows.push({
        name: `import ${label}: ${report.imported.length} imported, ${report.duplicates.length} dup, ${report.failed.length} failed`,
        value: ms,
        unit: 'ms',
        baseline,
        ratio,
        target: 'ratio <= 14',
        ok: ratio <= 14
      })
      const perSecond = (report.imported.length / ms) * 1000
      rows.push({ name: `import ${label} throughput`, value: perSecond, unit: 'articles/s', target: '>= 1500', ok: perSecond >= 1500 })
      rows.push({ name: `import ${label} peak RSS`, value: peakMb, unit: 'MB', target: '< 400', ok: peakMb < 400 })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
