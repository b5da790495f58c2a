// Faults during pulls (issue 15), with the real client (syncOnce) on real SQLite libraries: the server
// is killed -9 at 12 points while a library joins and catches up (each kill fired while one of its GETs
// is in flight), connections are cut mid-answer by a proxy that closes the socket after N bytes, and
// PostgreSQL is killed -9 once while a push is inside its transaction. After restarts the libraries sync
// until quiet: both hold the same articles, tags and highlights, nothing acknowledged is lost, nothing
// is doubled, on the libraries or on the server.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { Db } from '../../src/main/db/connection'
import { createAnnotation } from '../../src/main/services/annotations'
import { importPaths } from '../../src/main/services/import-pipeline/pipeline'
import { SyncError, syncOnce, syncStatus, type SyncTarget } from '../../src/main/services/sync'
import { addTags } from '../../src/main/services/tags'
import { createTestDb, type TestDb } from '../helpers/test-db'
import { freePort, newGroup, startPostgres, type Postgres } from './pg-harness'

let pg: Postgres
let child: ChildProcess | undefined
let port = 0
const crashes: string[] = []
const libraries: TestDb[] = []
beforeAll(async () => {
  pg = await startPostgres()
  port = await freePort()
})
afterEach(() => libraries.splice(0).forEach((l) => l.cleanup()))
afterAll(() => {
  child?.kill('SIGKILL')
  proxy?.server.close()
  pg?.stop()
})

async function startChild(): Promise<ChildProcess> {
  // node --import tsx keeps the server in one process, so SIGKILL hits the server itself.
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts', '--pg', pg.url, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('ready at')) resolve()
    })
    p.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)))
  })
  let err = ''
  p.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  // Only our own kill -9 may end the server: any other exit is a crash the test must report.
  p.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL') crashes.push(`server exited ${code ?? signal}: ${err.slice(-2000)}`)
  })
  return p
}

async function killServer(): Promise<void> {
  const c = child!
  if (c.exitCode !== null || c.signalCode !== null) return
  const gone = new Promise((r) => c.once('exit', r))
  c.kill('SIGKILL')
  await gone
}

/** A TCP proxy in front of the server; while `cutAfter` is set, each connection is closed after that many bytes of answer. */
interface Proxy {
  server: Server
  url: string
  cutAfter: number | undefined
  cuts: number
  /** Sets the cut for connections opened from now on, closing the open ones (kept alive, they would keep theirs). */
  setCut: (n: number | undefined) => void
}
let proxy: Proxy | undefined

async function startProxy(): Promise<Proxy> {
  const listenPort = await freePort()
  const open = new Set<Socket>()
  const p: Proxy = {
    server: createServer(),
    url: `http://127.0.0.1:${listenPort}/`,
    cutAfter: undefined,
    cuts: 0,
    setCut: (n) => {
      p.cutAfter = n
      for (const s of open) s.destroy()
    }
  }
  p.server.on('connection', (client: Socket) => {
    open.add(client)
    client.on('close', () => open.delete(client))
    const upstream = connect(port, '127.0.0.1')
    let sent = 0
    const limit = p.cutAfter
    const close = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('data', (d) => upstream.write(d))
    upstream.on('data', (d: Buffer) => {
      if (limit !== undefined && sent + d.length >= limit) {
        client.write(d.subarray(0, Math.max(0, limit - sent)))
        p.cuts++
        close()
        return
      }
      sent += d.length
      client.write(d)
    })
    client.on('error', close)
    upstream.on('error', close)
    client.on('close', close)
    upstream.on('close', close)
  })
  await new Promise<void>((r) => p.server.listen(listenPort, '127.0.0.1', r))
  return p
}

async function library(): Promise<TestDb> {
  const l = await createTestDb()
  libraries.push(l)
  return l
}

const PARAGRAPH = '记者从市防汛指挥部获悉，今年入汛以来全市降雨偏多，各区已完成河道清淤和泵站检修，确保城区排水畅通。'

async function importArticles(t: TestDb, count: number, prefix: string): Promise<number[]> {
  const dir = join(t.dir, `in-${prefix}`)
  mkdirSync(dir)
  const files = Array.from({ length: count }, (_, i) => {
    const file = join(dir, `${prefix}${i}.txt`)
    // The prefix is in the body too: duplicates are decided on the text, so each round's articles are new.
    writeFileSync(file, `${prefix}稿件${i}\n\n${prefix}${PARAGRAPH.repeat(3 + (i % 7))}第${i}号。`)
    return file
  })
  const report = await importPaths(t.db, files, { worker: false })
  return report.imported.map((r) => r.id)
}

const q = <T>(db: Db, sql: string): T[] => db.sqlite.prepare(sql).all() as T[]
/** The library as content: article hashes, tags per article, highlights with their notes. */
function content(db: Db): { articles: string[]; tags: string[]; notes: string[] } {
  return {
    articles: q<{ h: string }>(db, 'SELECT content_hash AS h FROM articles ORDER BY 1').map((r) => r.h),
    tags: q<{ t: string }>(db, "SELECT a.content_hash || '/' || t.name AS t FROM article_tags x JOIN articles a ON a.id = x.article_id JOIN tags t ON t.id = x.tag_id ORDER BY 1").map((r) => r.t),
    notes: q<{ n: string }>(db, "SELECT a.content_hash || ':' || n.start_offset || '-' || n.end_offset || ':' || coalesce(n.note, '') AS n FROM annotations n JOIN articles a ON a.id = n.article_id ORDER BY 1").map((r) => r.n)
  }
}

/** One sync round that may fail (the server is down, the answer was cut): the failure is the fault's. */
async function trySync(db: Db, target: SyncTarget, fetcher?: typeof fetch): Promise<boolean> {
  try {
    await syncOnce(db, target, { timeoutMs: 5000, ...(fetcher ? { fetch: fetcher } : {}) })
    return true
  } catch (error) {
    if (!(error instanceof SyncError)) throw error
    return false
  }
}

async function syncUntilQuiet(pairs: Array<[Db, SyncTarget]>): Promise<number> {
  for (let round = 1; round <= 10; round++) {
    let moved = 0
    for (const [db, t] of pairs) {
      const r = await syncOnce(db, t, { timeoutMs: 20_000 })
      moved += r.pushed + r.pulled
    }
    if (moved === 0) return round
  }
  throw new Error('libraries did not go quiet in 10 rounds')
}

it('kill -9 of the server at 12 points during pulls, cuts mid-answer and a PostgreSQL kill mid-push: converged, nothing lost or doubled', async () => {
  child = await startChild()
  proxy = await startProxy()
  const direct = `http://127.0.0.1:${port}/`
  const { group, m } = await newGroup(pg.url, direct, [
    ['li', 'editor'],
    ['wang', 'editor']
  ])
  const A = await library()
  const B = await library()
  const ta: SyncTarget = { server: direct, token: m.li!.token, group }
  // B reaches the server only through the proxy, so its answers can be cut.
  const tb: SyncTarget = { server: proxy.url, token: m.wang!.token, group }

  let made = 0
  const note = (t: TestDb, articleId: number, start: number, text: string): void => {
    createAnnotation(t.db, { articleId, textKind: 'clean', start, end: start + 3, color: 'yellow', note: `${text}${made++}` })
  }
  const ids = await importArticles(A, 300, '甲')
  ids.forEach((id, i) => {
    note(A, id, 0, '李批注')
    if (i % 3 === 0) addTags(A.db, [id], [`专题${i % 5}`])
  })
  expect(await trySync(A.db, ta)).toBe(true)

  // B joins (two pages of changes, 300 bodies) and then catches up while A adds 25 articles with notes
  // before each round, so every round of B has pulling to do. A round that ends before its kill point
  // is followed by a kill between rounds, counted apart.
  const KILLS = 12
  let killsDuringPull = 0
  let killsBetween = 0
  let failedRounds = 0
  for (let k = 0; killsDuringPull < KILLS && k < 40; k++) {
    const more = await importArticles(A, 25, `乙${k}-`)
    more.forEach((id) => note(A, id, 0, '李续'))
    await trySync(A.db, ta)
    // An article whose body has arrived (a killed join leaves placeholders with empty text).
    const bid = q<{ id: number }>(B.db, "SELECT id FROM articles WHERE body_text <> '' ORDER BY id LIMIT 1")[0]?.id
    if (bid !== undefined) note(B, bid, 10 + k, '王批注') // B pushes too, so its rounds are push then pull

    // Killed while B's target-th GET is in flight. A catch-up round makes about 27 GETs (the change pages,
    // then the 25 new bodies, 6 at a time): mostly early (the pages), every third round during the bodies.
    const target = k % 3 === 2 ? 4 + Math.floor(Math.random() * 22) : 1 + Math.floor(Math.random() * 4)
    let gets = 0
    let fired = false
    let killing: Promise<void> = Promise.resolve()
    const fetcher: typeof fetch = (input, init) => {
      const res = fetch(input, init)
      if (!fired && (init?.method ?? 'GET') === 'GET' && ++gets === target) {
        fired = true
        killsDuringPull++
        killing = new Promise<void>((r) => setTimeout(r, Math.random() * 3)).then(killServer)
      }
      return res
    }
    if (!(await trySync(B.db, tb, fetcher))) failedRounds++
    await killing
    if (!fired) killsBetween++
    await killServer()
    child = await startChild()
  }

  // Cuts mid-answer: every connection B opens is closed after N bytes of answer.
  let cutRounds = 0
  for (const n of [60, 300, 1500, 5000, 20_000]) {
    proxy.setCut(n)
    note(A, ids[n % ids.length]!, 12, '李切断')
    await trySync(A.db, ta)
    if (!(await trySync(B.db, tb))) cutRounds++
  }
  proxy.setCut(undefined)

  // PostgreSQL killed -9 while a push of 120 highlights is inside its transaction.
  for (let i = 0; i < 120; i++) note(A, ids[i]!, 20, '李断库')
  let pgKilled = false
  let pushAnswer = ''
  const pgKiller: typeof fetch = async (input, init) => {
    const res = fetch(input, init)
    if (!pgKilled && init?.method === 'POST') {
      pgKilled = true
      setTimeout(() => pg.crashAndRestart(), 15)
      const r = await res
      pushAnswer = `${r.status}`
      return r
    }
    return res
  }
  const pushedThroughPgKill = await trySync(A.db, ta, pgKiller)
  expect(pgKilled).toBe(true)

  if (child!.exitCode !== null) throw new Error(crashes.join('\n') || 'the server is not running')
  const rounds = await syncUntilQuiet([
    [A.db, ta],
    [B.db, tb],
    [A.db, ta]
  ])
  expect(crashes).toEqual([])
  const ca = content(A.db)
  const cb = content(B.db)
  expect(cb).toEqual(ca)
  expect(new Set(ca.articles).size).toBe(ca.articles.length)
  expect(new Set(ca.notes).size).toBe(ca.notes.length) // every note text is unique, so a double shows
  const expectedNotes = made
  expect(ca.notes.length).toBe(expectedNotes)
  expect(syncStatus(A.db).pending + syncStatus(B.db).pending).toBe(0)
  // The server holds each highlight once.
  const server = await m.li!.pullAll(0)
  const keys = server.objects.filter((o) => o.kind === 'annotation').map((o) => o.key)
  expect(new Set(keys).size).toBe(keys.length)
  expect(keys.length).toBe(expectedNotes)
  console.log(
    `faults-pull: ${killsDuringPull} server kills during pulls + ${killsBetween} between rounds (${failedRounds} failed rounds), ${proxy.cuts} connections cut mid-answer (${cutRounds} of 5 cut rounds failed), ` +
      `PostgreSQL killed mid-push (answer ${pushAnswer || 'none'}, round ${pushedThroughPgKill ? 'succeeded' : 'failed'}); quiet after ${rounds} rounds: ` +
      `${ca.articles.length} articles, ${ca.tags.length} tags, ${ca.notes.length} highlights on both libraries and the server, 0 lost, 0 doubled`
  )
  expect(killsDuringPull).toBeGreaterThanOrEqual(KILLS)
}, 300_000)
