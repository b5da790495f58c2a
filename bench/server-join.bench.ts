// A new member joining a group of BENCH_ARTICLES articles (default 100,000 with the shared corpus, 20,000
// generated otherwise), over loopback: a fresh SQLite library runs the real client (syncOnce) until
// quiet. Figures: time until the first page of articles is in the library (the list is usable), time
// until every body is in, bytes the server sent against the bodies' own size, the client's peak RSS.
// The group is seeded directly through the server's repository functions (pushing 100,000 articles over
// HTTP would take longer than the join it prepares), with bodies built as the client builds them.
// The join runs in a child process, so the client's RSS is not the seeding's.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Pool } from 'pg'
import type { ArticleRow } from '../src/main/db/database'
import { articleBody } from '../src/main/services/sync/article-doc'
import { insertBody, upsertObject } from '../src/server/db/objects'
import { listMembers } from '../src/server/db/members'
import { admin, freePort, startPostgres } from '../tests/server/pg-harness'
import { generateArticles, loadCorpus, type BenchRow, type CorpusArticle } from './lib'

const GOAL_MS = 180_000
/** Rows per seeding transaction; the client pushes at most 100 outbox rows per version, so one version each. */
const CHUNK = 100

interface JoinResult {
  firstPageMs: number
  firstPageArticles: number
  allMs: number
  articles: number
  wireBytes: number
  requests: number
  peakRssMb: number
}

function bodyOf(a: CorpusArticle, i: number): { body: string; hash: string } {
  // Made unique per index: a corpus repeats some articles and the group would store them once.
  const text = `${a.content}\n（${i}）`
  const row = { raw_text: text, raw_format: 'text', raw_encoding: 'utf-8', body_text: text, removed_json: '[]', source_script: null, content_hash: `bench-${i}`, editor: null, original_file: `${i}.txt` }
  return articleBody(row as unknown as ArticleRow)
}

async function seed(pgUrl: string, group: string, articles: CorpusArticle[], count: number): Promise<number> {
  const pool = new Pool({ connectionString: pgUrl, max: 4 })
  try {
    const member = (await listMembers(pool, group))[0]!.id
    let bodyBytes = 0
    const chunks = Array.from({ length: Math.ceil(count / CHUNK) }, (_, c) => c)
    const worker = async (): Promise<void> => {
      for (let c = chunks.shift(); c !== undefined; c = chunks.shift()) {
        const client = await pool.connect()
        try {
          await client.query('BEGIN')
          for (let i = c * CHUNK; i < Math.min(count, (c + 1) * CHUNK); i++) {
            const a = articles[i % articles.length]!
            const { body, hash } = bodyOf(a, i)
            bodyBytes += Buffer.byteLength(body)
            await insertBody(client, group, hash, Buffer.from(body), member)
            await upsertObject(client, group, 'article', hash, { title: (a.title || `稿件${i}`).slice(0, 1000) }, c + 1, member)
          }
          await client.query('COMMIT')
        } finally {
          client.release()
        }
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    await pool.query('UPDATE groups SET version = $2 WHERE id = $1', [group, Math.ceil(count / CHUNK)])
    return bodyBytes
  } finally {
    await pool.end()
  }
}

/** The child: a fresh library joins; the fetch is wrapped to count bytes and see each page applied. */
async function joinChild(): Promise<void> {
  const { openDatabase, closeDatabase } = await import('../src/main/db/connection')
  const { migrate } = await import('../src/main/db/migrate')
  const { syncOnce } = await import('../src/main/services/sync')
  const target = JSON.parse(process.env.MARGINALIA_JOIN_TARGET!) as { server: string; token: string; group: string }
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-join-'))
  const db = openDatabase(join(dir, 'library.sqlite'))
  await migrate(db)
  const count = db.sqlite.prepare('SELECT count(*) AS n FROM articles')
  let peak = process.memoryUsage().rss
  const rss = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  let wireBytes = 0
  let requests = 0
  let firstPageMs = 0
  let firstPageArticles = 0
  const t0 = performance.now()
  const counting: typeof fetch = async (input, init) => {
    // The next page is asked for only after the previous one is applied: the first time the library
    // holds articles at that moment, the first page is usable.
    if (firstPageMs === 0 && /\/changes\?/.test(String(input))) {
      const n = (count.get() as { n: number }).n
      if (n > 0) [firstPageMs, firstPageArticles] = [performance.now() - t0, n]
    }
    const res = await fetch(input, init)
    const bytes = Buffer.from(await res.arrayBuffer())
    requests++
    wireBytes += bytes.length + 17 // status line
    res.headers.forEach((v, k) => (wireBytes += k.length + v.length + 4))
    return new Response(res.status === 204 || init?.method === 'HEAD' ? null : bytes, { status: res.status, headers: res.headers })
  }
  for (let round = 0; round < 5; round++) {
    const r = await syncOnce(db, target, { fetch: counting, timeoutMs: 120_000 })
    if (r.pulled === 0 && round > 0) break
  }
  const allMs = performance.now() - t0
  clearInterval(rss)
  const articles = (count.get() as { n: number }).n
  if (firstPageMs === 0) [firstPageMs, firstPageArticles] = [allMs, articles]
  closeDatabase(db)
  rmSync(dir, { recursive: true, force: true })
  const result: JoinResult = { firstPageMs, firstPageArticles, allMs, articles, wireBytes, requests, peakRssMb: peak / 1024 / 1024 }
  console.log(`JOIN ${JSON.stringify(result)}`)
}

export async function benchJoin(): Promise<BenchRow[]> {
  const corpus = loadCorpus(2000)
  const count = Number(process.env.BENCH_ARTICLES ?? (corpus.origin === 'shared-corpus' ? 100_000 : 20_000))
  const articles = corpus.articles.length > 0 ? corpus.articles : generateArticles(2000)
  const pg = await startPostgres()
  const port = await freePort()
  const root = resolve(__dirname, '..')
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts', '--pg', pg.url, '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    await new Promise<void>((ok, fail) => {
      server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready at') && ok())
      server.once('exit', () => fail(new Error('server exited')))
    })
    const group = await admin(pg.url, 'create-group', 'join-bench')
    await admin(pg.url, 'add-member', group, 'importer', '--role', 'editor') // the seeded articles' author
    const joiner = await admin(pg.url, 'add-member', group, 'newcomer', '--role', 'viewer')
    const s0 = performance.now()
    const bodyBytes = await seed(pg.url, group, articles, count)
    const seedS = (performance.now() - s0) / 1000
    const child = spawn(process.execPath, ['--import', 'tsx', __filename], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json', MARGINALIA_JOIN_CHILD: '1', MARGINALIA_JOIN_TARGET: JSON.stringify({ server: `http://127.0.0.1:${port}/`, token: joiner, group }) }
    })
    let out = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    const code = await new Promise<number | null>((r) => child.once('exit', r))
    const line = /JOIN (\{.*\})/.exec(out)?.[1]
    if (code !== 0 || !line) throw new Error(`join child exited ${code}: ${out.slice(-2000)}`)
    const r = JSON.parse(line) as JoinResult
    const ratio = r.wireBytes / bodyBytes
    console.log(
      `  join: ${count} articles (${corpus.origin}), seeded in ${seedS.toFixed(1)} s through the repository functions; ${r.requests} requests, ` +
        `${(r.wireBytes / 1e6).toFixed(1)} MB sent for ${(bodyBytes / 1e6).toFixed(1)} MB of bodies; first page ${r.firstPageArticles} articles`
    )
    return [
      { name: `join ${count} articles: first page of articles in the library`, value: r.firstPageMs, unit: 'ms', target: 'before all bodies', ok: r.firstPageMs < r.allMs },
      { name: `join ${count} articles: every article and body in the library`, value: r.allMs / 1000, unit: 's', target: '< 180 s', ok: r.allMs < GOAL_MS && r.articles === count },
      { name: 'join: articles per second', value: r.articles / (r.allMs / 1000), unit: 'articles/s' },
      {
        name: 'join: bytes sent by the server',
        value: r.wireBytes / 1e6,
        unit: 'MB',
        baseline: { name: "the bodies' own size (MB)", value: bodyBytes / 1e6 },
        ratio,
        target: 'ratio <= 1.2',
        ok: ratio <= 1.2
      },
      { name: 'join: client peak RSS', value: r.peakRssMb, unit: 'MB' }
    ]
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    pg.stop()
  }
}

if (process.env.MARGINALIA_JOIN_CHILD === '1') {
  joinChild().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    }
  )
}
