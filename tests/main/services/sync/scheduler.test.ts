// Background sync against a real group server on a real PostgreSQL: a change in library A reaches B with
// nobody calling syncOnce (A's outbox noticed, B told by the server's push channel, both long before the
// 60 s interval), an unreachable server is retried on the interval (not on every poll), and the
// sync:* handlers connect, report and disconnect without ever handing out the token.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type ArchiveServer } from '../../../../src/server/app'
import { createAnnotation } from '../../../../src/main/services/annotations'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { syncOnce, type SyncTarget } from '../../../../src/main/services/sync'
import { SyncScheduler } from '../../../../src/main/services/sync/scheduler'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../../src/main/ipc/handlers'
import { freePort, newGroup, startPostgres, type Postgres } from '../../../server/pg-harness'
import { createTestContext, type TestContext } from '../../../helpers/context'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

let pg: Postgres
let server: ArchiveServer
beforeAll(async () => {
  pg = await startPostgres()
  server = await startServer({ pg: pg.url, port: 0 })
})
afterAll(async () => {
  await server?.close().catch(() => undefined)
  pg?.stop()
})

const open: Array<{ t: TestContext; s?: SyncScheduler }> = []
afterEach(() => open.splice(0).forEach(({ t, s }) => (s?.stop(), t.ctx.sync.stop(), t.cleanup())))
async function library(): Promise<TestContext> {
  const t = await createTestContext()
  open.push({ t })
  return t
}
function scheduler(t: TestContext, options: ConstructorParameters<typeof SyncScheduler>[1]): SyncScheduler {
  t.ctx.sync.stop()
  const s = new SyncScheduler(t.db, options)
  open.find((o) => o.t === t)!.s = s
  s.start()
  return s
}

async function group(...members: Array<[string, 'admin' | 'editor' | 'viewer']>): Promise<Record<string, SyncTarget>> {
  const { group, m } = await newGroup(pg.url, server.url, members)
  return Object.fromEntries(Object.entries(m).map(([name, member]) => [name, { server: server.url, token: member.token, group }]))
}

async function importOne(t: TestContext): Promise<number> {
  const file = join(t.dir, 'flood.txt')
  writeFileSync(file, `防汛会议\n\n${'华龙区今日召开会议，部署下一阶段的防汛工作。'.repeat(6)}`)
  return (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
}

const authored = (t: TestContext): Array<{ exact: string; author: string | null }> =>
  t.db.sqlite.prepare('SELECT exact, author FROM annotations ORDER BY id').all() as Array<{ exact: string; author: string | null }>

async function until(what: () => boolean, ms: number): Promise<number> {
  const start = Date.now()
  while (!what()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return Date.now() - start
}

describe('background sync', () => {
  it('a highlight made in A reaches B within seconds by the push channel, nobody calling syncOnce', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const [a, b] = [await library(), await library()]
    const articleId = await importOne(a)
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    let roundsB = 0
    const options = { intervalMs: 60_000, pollMs: 100, maxWaitMs: 1000 }
    const sa = scheduler(a, options)
    scheduler(b, { ...options, onRound: () => void roundsB++ })
    // Each runs its first round at once (catching up), then waits: the interval is a minute away.
    await until(() => roundsB >= 1, 5000)
    createAnnotation(a.db, { articleId, textKind: 'clean', start: 0, end: 3, color: 'green', note: '要核实' })
    const ms = await until(() => authored(b).some((r) => r.exact === '华龙区' && r.author === 'li'), 8000)
    expect(authored(a)).toEqual([{ exact: '华龙区', author: null }])
    expect(sa.lastErrorKind).toBeNull()
    expect(roundsB).toBe(2)
    console.log(`A's highlight seen in B after ${ms} ms (interval 60 s, poll 0.1 s; B ran ${roundsB} rounds)`)
  }, 30_000)

  it('an unreachable server: one failed round per interval, the change kept, the kind remembered', async () => {
    const g = await group(['li', 'editor'])
    const a = await library()
    await syncOnce(a.db, g.li!)
    const port = await freePort()
    // Point the binding at a closed port, as when the desk's server is down.
    a.db.sqlite.prepare('UPDATE sync_binding SET server = ?').run(`http://127.0.0.1:${port}/`)
    let rounds = 0
    const s = scheduler(a, { intervalMs: 60_000, pollMs: 50, maxWaitMs: 200, onRound: () => void rounds++ })
    await importOne(a)
    await until(() => rounds >= 1, 5000)
    await new Promise((r) => setTimeout(r, 1000))
    expect(rounds).toBe(1)
    expect(s.lastErrorKind).toBe('unreachable')
    const status = await dispatch(createHandlers(), { ...a.ctx, sync: s }, 'sync:status', {})
    expect(status).toMatchObject({ ok: true, value: { state: 'pending', pending: 1, lastErrorKind: 'unreachable' } })
    console.log(`unreachable server: ${rounds} round in 1 s of 50 ms polls; status ${JSON.stringify(status.ok && status.value)}`)
  }, 30_000)

  it('sync:connect binds and syncs, a wrong token is refused in words, the token never comes back, disconnect unbinds', async () => {
    const g = await group(['li', 'editor'])
    const a = await library()
    await importOne(a)
    const h = createHandlers()
    const wrong = await dispatch(h, a.ctx, 'sync:connect', { ...g.li!, token: 'x'.repeat(32) })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'io', details: { kind: 'unauthorized' } } })
    const bad = await dispatch(h, a.ctx, 'sync:connect', { ...g.li!, server: 'ftp://example.org' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    const ok = await dispatch(h, a.ctx, 'sync:connect', g.li!)
    expect(ok).toMatchObject({ ok: true, value: { state: 'synced', pending: 0, member: { name: 'li', role: 'editor' } } })
    expect(JSON.stringify(ok)).not.toContain(g.li!.token)
    expect(await dispatch(h, a.ctx, 'sync:now', {})).toMatchObject({ ok: true, value: { state: 'synced' } })
    expect(await dispatch(h, a.ctx, 'sync:disconnect', {})).toMatchObject({ ok: true, value: { state: 'unbound', pending: 0 } })
    const tokens = a.db.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key = 'sync.token'").get() as { n: number }
    expect(tokens.n).toBe(0)
    console.log(`connect: wrong token → ${!wrong.ok && wrong.error.message}; disconnect left ${tokens.n} token rows`)
  }, 30_000)
})
