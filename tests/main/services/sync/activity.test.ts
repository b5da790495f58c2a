// The activity view's client call (issue 15) against a real group server and PostgreSQL: what members
// pushed comes back per day and member through sync:activity; offline, the call fails with kind
// 'unreachable' in a plain sentence and the library is untouched.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../../src/main/ipc/handlers'
import { bindLibrary } from '../../../../src/main/db/repositories/sync.repository'
import { createAnnotation } from '../../../../src/main/services/annotations'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { startServer, type ArchiveServer } from '../../../../src/server/app'
import { freePort, newGroup, startPostgres, type Postgres } from '../../../server/pg-harness'
import { createTestContext, type TestContext } from '../../../helpers/context'

let pg: Postgres
let server: ArchiveServer
beforeAll(async () => {
  pg = await startPostgres()
  server = await startServer({ pg: pg.url, port: 0 })
}, 60_000)
afterAll(async () => {
  await server?.close().catch(() => undefined)
  pg?.stop()
})

const contexts: TestContext[] = []
afterEach(() => {
  for (const t of contexts.splice(0)) {
    t.ctx.sync.stop()
    t.cleanup()
  }
})
async function context(): Promise<TestContext> {
  const t = await createTestContext()
  contexts.push(t)
  return t
}

async function importOne(t: TestContext, title: string): Promise<number> {
  const file = join(t.dir, `${title}.txt`)
  writeFileSync(file, `${title}\n\n${`${title}：华龙区今日召开会议，部署下一阶段的防汛工作。`.repeat(6)}`)
  return (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
}

describe('sync:activity', () => {
  it("lists each member's imports and highlights of the day", async () => {
    const { group, m } = await newGroup(pg.url, server.url, [['li', 'editor'], ['wang', 'editor']])
    const handlers = createHandlers()
    const a = await context()
    const b = await context()
    const first = await importOne(a, '防汛会议')
    await importOne(a, '城市更新')
    createAnnotation(a.db, { articleId: first, textKind: 'clean', start: 0, end: 4, color: 'yellow', note: null })
    expect(await dispatch(handlers, a.ctx, 'sync:connect', { server: server.url, token: m.li!.token, group })).toMatchObject({ ok: true })
    expect(await dispatch(handlers, b.ctx, 'sync:connect', { server: server.url, token: m.wang!.token, group })).toMatchObject({ ok: true })
    const pulled = (b.db.sqlite.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[])[0]!.id
    for (const [start, end] of [[0, 2], [5, 8]]) createAnnotation(b.db, { articleId: pulled, textKind: 'clean', start: start!, end: end!, color: 'blue', note: '核实' })
    expect(await dispatch(handlers, b.ctx, 'sync:now', {})).toMatchObject({ ok: true, value: { state: 'synced' } })

    const r = await dispatch(handlers, b.ctx, 'sync:activity', {})
    const today = new Date().toISOString().slice(0, 10)
    expect(r).toEqual({
      ok: true,
      value: {
        days: 30,
        rows: [
          { day: today, member: 'li', imported: 2, annotated: 1, commented: 0 },
          { day: today, member: 'wang', imported: 0, annotated: 2, commented: 0 }
        ]
      }
    })
    console.log(`activity on ${today}: ${JSON.stringify((r as { value: unknown }).value)}`)
  }, 60_000)

  it('offline: refused with kind unreachable in plain words; unjoined: invalid-argument', async () => {
    const t = await context()
    const handlers = createHandlers()
    expect(await dispatch(handlers, t.ctx, 'sync:activity', { days: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    const port = await freePort()
    bindLibrary(t.db, { server: `http://127.0.0.1:${port}/`, group: '00000000-0000-4000-8000-000000000001', memberName: 'li', role: 'editor' }, 'x'.repeat(32))
    const started = Date.now()
    const r = await dispatch(handlers, t.ctx, 'sync:activity', { days: 7 })
    expect(r).toMatchObject({ ok: false, error: { code: 'io', details: { kind: 'unreachable' } } })
    if (!r.ok) expect(r.error.message).toMatch(/cannot be reached/)
    console.log(`offline activity answered in ${Date.now() - started} ms: ${r.ok ? '' : r.error.message}`)
  })
})
