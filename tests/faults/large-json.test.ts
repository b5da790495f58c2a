// Whole-file JSON of 185 MB (issue 13, bounded memory): a top-level array of 60,000 articles and a
// Wallabag-shaped export ({items: [...]}) of as many, each imported by the bundled CLI in its own process.
// Parsed whole, the array peaked at 3.3 GB of RSS; streamed record by record it must stay under 1 GB with
// every one of the 60,000 records accounted for (imported, duplicate or failed by name).
// Wallabag stores HTML; one entry in 50 carries it here: cleaning HTML costs ~10 ms an entry on this
// machine, from JSON Lines too, and 60,000 of them would make this a test of sanitising, not of reading.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FAULT_CLI, figures, rng, ROOT, seconds, tempDir } from './helpers'

const RECORDS = 60_000
const TARGET_BYTES = 185 * 1024 * 1024
const RSS_LIMIT_MB = 1024
const CLAUSES = ['华龙区扎实推进市域社会治理现代化工作', '群众满意度持续提升', '基层党组织发挥战斗堡垒作用', '经济运行总体平稳、稳中有进', '科技创新引领产业转型升级', '生态环境质量明显改善', '民生保障水平不断提高']

/** About `bytes` of UTF-8 Chinese prose, different for every record. */
function body(i: number, bytes: number, next: () => number): string[] {
  const sentences: string[] = [`第${i}篇报道。`]
  let size = 0
  while (size < bytes) {
    const s = `${CLAUSES[Math.floor(next() * CLAUSES.length)]}，${CLAUSES[Math.floor(next() * CLAUSES.length)]}（${i}-${sentences.length}）。`
    sentences.push(s)
    size += Buffer.byteLength(s)
  }
  return sentences
}

/**
 * Writes the file record by record (the test process never holds 185 MB either), each body sized so the
 * file comes to TARGET_BYTES.
 */
function writeJson(file: string, open: string, close: string, record: (i: number, body: string[]) => unknown): number {
  const fd = openSync(file, 'w')
  const next = rng(RECORDS)
  let written = 0
  let bodyBytes = TARGET_BYTES / RECORDS
  try {
    written += writeSync(fd, open)
    for (let i = 1; i <= RECORDS; i++) {
      const b = body(i, bodyBytes, next)
      const text = (i > 1 ? ',\n' : '\n') + JSON.stringify(record(i, b), null, 1)
      written += writeSync(fd, text)
      // Steer the next body toward the bytes still to write per record.
      bodyBytes += (TARGET_BYTES - written) / (RECORDS - i + 1) - Buffer.byteLength(text)
    }
    writeSync(fd, `\n${close}`)
  } finally {
    closeSync(fd)
  }
  return statSync(file).size
}

interface Outcome {
  mb: number
  ms: number
  rssMb: number
  imported: number
  duplicates: number
  failed: { file: string; reason: string }[]
  code: number | null
}

describe('185 MB whole-file JSON', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())
  const probe = join(tmp.dir, 'maxrss.cjs')
  writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, '\\nmaxrss-kb ' + process.resourceUsage().maxRSS + '\\n'))\n")

  function importInChild(name: string, write: (file: string) => number): Outcome {
    const dir = join(tmp.dir, name.replace(/\W/g, '_'))
    mkdirSync(dir)
    const file = join(dir, name)
    const bytes = write(file)
    const t = performance.now()
    const r = spawnSync(process.execPath, ['--require', probe, FAULT_CLI, '--db', join(dir, 'library.sqlite'), 'import', '--json', file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 280_000,
      killSignal: 'SIGKILL',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, MARGINALIA_DB: '' }
    })
    const ms = performance.now() - t
    const rssMb = Number(/maxrss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024
    let report: { imported: unknown[]; duplicates: unknown[]; failed: { file: string; reason: string }[] } = { imported: [], duplicates: [], failed: [] }
    try {
      report = JSON.parse(r.stdout)
    } catch {
      report.failed.push({ file: name, reason: `no report (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-300)}` })
    }
    return { mb: bytes / 1024 / 1024, ms, rssMb, imported: report.imported.length, duplicates: report.duplicates.length, failed: report.failed, code: r.status }
  }

  function check(name: string, o: Outcome): void {
    const accounted = o.imported + o.duplicates + o.failed.length
    figures(`large-json: ${name} ${o.mb.toFixed(0)} MB, ${RECORDS.toLocaleString('en')} records: ${o.imported.toLocaleString('en')} imported, ${o.duplicates} duplicates, ${o.failed.length} failed in ${seconds(o.ms)}, peak RSS ${o.rssMb.toFixed(0)} MB (limit ${RSS_LIMIT_MB} MB)`)
    expect(o.failed.slice(0, 3)).toEqual([])
    expect(o.code).toBe(0)
    expect(accounted).toBe(RECORDS)
    expect(Math.round(o.mb)).toBe(185)
    expect(o.rssMb, `${name} peaked at ${o.rssMb.toFixed(0)} MB`).toBeLessThan(RSS_LIMIT_MB)
  }

  it('a top-level array of 60,000 articles imports under 1 GB of peak RSS', () => {
    const o = importInChild('articles.json', (file) =>
      writeJson(file, '[', ']', (i, sentences) => ({
        title: `第${i}篇：市域社会治理`,
        content: sentences.join('\n'),
        url: `https://news.example/${i}`,
        published_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        tags: ['政法', `专题${i % 50}`]
      }))
    )
    check('top-level array', o)
  }, 300_000)

  it('a Wallabag export {items: [...]} of 60,000 entries imports under 1 GB of peak RSS', () => {
    const o = importInChild('wallabag.json', (file) =>
      writeJson(file, '{"page": 1, "limit": 60000, "pages": 1, "total": 60000, "_embedded": null, "items": [', '], "_links": {"self": {"href": "https://wallabag.example/api/entries"}}}', (i, sentences) => ({
        is_archived: i % 2,
        is_starred: 0,
        id: i,
        title: `第${i}篇：经济运行`,
        url: `https://news.example/w/${i}`,
        content: i % 50 === 0 ? sentences.map((s) => `<p>${s}</p>`).join('') : sentences.join('\n'),
        created_at: '2024-01-01T10:00:00+0800',
        reading_time: 3,
        domain_name: 'news.example',
        tags: [{ id: 1, label: '经济', slug: 'jing-ji' }]
      }))
    )
    check('Wallabag {items}', o)
  }, 300_000)
})
