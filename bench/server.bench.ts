// Group archive server under load, over loopback: 200 simulated editors each push 50 changes while 20
// members pull, all in one group. Figures: changes accepted per second, time from one editor's change
// to another member seeing its version over SSE (p50/p95), and the server process's peak RSS.
// Starts its own PostgreSQL (as tests/server do) and the server as a child process; bounded to 120 s.
import { spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { freePort, newGroup, startPostgres } from '../tests/server/pg-harness'
import type { BenchRow } from './lib'

const EDITORS = 200
const CHANGES = 50
const PULLERS = 20
const WATCHERS = 5
const DEADLINE_MS = 120_000

const rssKb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

export async function benchServer(): Promise<BenchRow[]> {
  const pg = await startPostgres()
  const port = await freePort()
  const base = `http://127.0.0.1:${port}/`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts', '--pg', pg.url, '--port', String(port)], { cwd: resolve(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    await new Promise<void>((ok, fail) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready at') && ok())
      child.once('exit', () => fail(new Error('server exited')))
    })
    const roles = Array.from({ length: EDITORS + PULLERS }, (_, i) => [`m${i}`, i < EDITORS ? 'editor' : 'viewer'] as [string, 'editor' | 'viewer'])
    const { m, group } = await newGroup(pg.url, base, roles)
    const editors = Array.from({ length: EDITORS }, (_, i) => m[`m${i}`]!)
    const pullers = Array.from({ length: PULLERS }, (_, i) => m[`m${EDITORS + i}`]!)
    const body = '负载测试正文'
    const article = createHash('sha256').update(body).digest('hex')
    await editors[0]!.putBody(article, body)
    await editors[0]!.push([{ op: 'import_article', opId: randomUUID(), article, title: 'load' }])

    // Watchers: SSE streams of other members; record when each version is first seen.
    const seenAt = new Map<number, number>()
    const aborts: AbortController[] = []
    for (let w = 0; w < WATCHERS; w++) {
      const ac = new AbortController()
      aborts.push(ac)
      const res = await fetch(new URL(`groups/${group}/events`, base), { headers: { authorization: `Bearer ${pullers[w]!.token}` }, signal: ac.signal })
      void (async () => {
        const reader = res.body!.getReader()
        let buf = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) return
          buf += Buffer.from(value).toString()
          const cut = buf.lastIndexOf('\n\n')
          for (const x of buf.slice(0, cut + 1).matchAll(/"version":(\d+)/g)) if (!seenAt.has(Number(x[1]))) seenAt.set(Number(x[1]), performance.now())
          buf = buf.slice(cut + 2)
        }
      })().catch(() => undefined)
    }

    let peakRss = rssKb(child.pid!)
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssKb(child.pid!))), 100)
    const sentAt = new Map<number, number>()
    const t0 = performance.now()
    let accepted = 0
    let refused = 0
    let done = false
    const pulls: Promise<void>[] = pullers.map(async (p) => {
      let since = 0
      while (!done) {
        since = (await p.pullAll(since)).version
        await new Promise((r) => setTimeout(r, 1000)) // SSE tells them sooner; this is the fallback poll
      }
    })
    await Promise.all(
      editors.map(async (e, i) => {
        for (let k = 0; k < CHANGES && performance.now() - t0 < DEADLINE_MS; k++) {
          const op = k % 2 === 0
            ? { op: 'put_annotation', opId: randomUUID(), id: randomUUID(), data: { article, start: 0, end: 1, quote: '负', note: `${i}-${k}` } }
            : { op: 'add_tag', opId: randomUUID(), article, tag: `t${i}-${k}` }
          const sent = performance.now()
          const r = await e.push([op])
          if (r.status === 200) {
            accepted++
            sentAt.set(r.json.version, sent)
          } else refused++
        }
      })
    )
    const elapsed = (performance.now() - t0) / 1000
    await new Promise((r) => setTimeout(r, 1000))
    done = true
    await Promise.all(pulls)
    clearInterval(rssTimer)
    for (const ac of aborts) ac.abort()
    const lat = [...sentAt].filter(([v]) => seenAt.has(v)).map(([v, t]) => seenAt.get(v)! - t)
    const p50 = pct(lat, 50)
    const p95 = pct(lat, 95)
    console.log(`  server: ${accepted} accepted, ${refused} refused, ${lat.length} versions timed over SSE, ${elapsed.toFixed(1)} s`)
    return [
      { name: `changes accepted (${EDITORS} editors x ${CHANGES}, ${PULLERS} pulling)`, value: accepted / elapsed, unit: 'changes/s' },
      { name: 'change to another member seeing it over SSE, p50', value: p50, unit: 'ms' },
      { name: 'change to another member seeing it over SSE, p95', value: p95, unit: 'ms', target: '< 1000 ms', ok: p95 < 1000 },
      { name: 'server peak RSS', value: peakRss / 1024, unit: 'MB' }
    ]
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    pg.stop()
  }
}
