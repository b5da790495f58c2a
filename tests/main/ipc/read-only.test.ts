// A viewer's library is read-only (issue 15): joined with a viewer token through sync:connect on a real
// group server and PostgreSQL, every channel that writes shared library data is refused by dispatch()
// before its handler runs, with one typed error; reading state and settings stay writable. An editor's
// library on the same group writes as before.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ApiChannel } from '../../../src/shared/api'
import { dispatch } from '../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { READ_ONLY_MESSAGE, SHARED_WRITE_CHANNELS } from '../../../src/main/ipc/read-only'
import { createAnnotation } from '../../../src/main/services/annotations'
import { importPaths } from '../../../src/main/services/import-pipeline/pipeline'
import { startServer, type ArchiveServer } from '../../../src/server/app'
import { newGroup, startPostgres, type Postgres } from '../../server/pg-harness'
import { createTestContext, type TestContext } from '../../helpers/context'

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

async function libraryWithArticle(): Promise<{ t: TestContext; articleId: number; annotationId: number }> {
  const t = await createTestContext()
  contexts.push(t)
  const file = join(t.dir, '防汛会议.txt')
  writeFileSync(file, `防汛会议\n\n${'华龙区今日召开会议，部署下一阶段的防汛工作。'.repeat(6)}`)
  const articleId = (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
  await dispatch(createHandlers(), t.ctx, 'tags:add', { articleIds: [articleId], names: ['防汛'] })
  const annotationId = createAnnotation(t.db, { articleId, textKind: 'clean', start: 0, end: 3, color: 'yellow', note: null }).id
  return { t, articleId, annotationId }
}

const count = (t: TestContext, table: string): number => (t.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

describe('a viewer in the team archive', () => {
  it('is refused every write of shared library data, in one typed error; reading state and settings stay writable', async () => {
    const { group, m } = await newGroup(pg.url, server.url, [['zhao', 'viewer']])
    const { t, articleId, annotationId } = await libraryWithArticle()
    const handlers = createHandlers()
    const joined = await dispatch(handlers, t.ctx, 'sync:connect', { server: server.url, token: m.zhao!.token, group })
    expect(joined).toMatchObject({ ok: true, value: { member: { name: 'zhao', role: 'viewer' } } })

    // One valid call per write channel: each would change the library if it reached its handler.
    const calls: Record<string, unknown> = {
      'import:drop': {},
      'import:files': { files: [{ name: '新稿.txt', bytes: new TextEncoder().encode(`新稿\n\n${'市政府发布通知。'.repeat(30)}`) }] },
      'import:dialog': {},
      'import:undo': { importId: 1 },
      'tags:add': { articleIds: [articleId], names: ['新标签'] },
      'tags:remove': { articleIds: [articleId], names: ['防汛'] },
      'tags:rename': { from: '防汛', to: '抗洪' },
      'tags:merge': { from: ['防汛'], to: '抗洪' },
      'tags:delete': { name: '防汛' },
      'tags:undo': { token: '00000000-0000-4000-8000-000000000000' },
      'annotations:create': { articleId, textKind: 'clean', start: 3, end: 6, color: 'green' },
      'annotations:update': { id: annotationId, note: '改了' },
      'annotations:delete': { id: annotationId },
      'annotations:undo': { articleId },
      'comments:add': { articleId, text: '访客评论' },
      'comments:edit': { id: 1, text: '改' },
      'comments:delete': { id: 1 },
      'annotations:hide': { id: annotationId },
      'annotations:unhide': { key: 'abcdef0123456789' },
      'comments:hide': { id: 1 },
      'comments:unhide': { key: 'abcdef0123456789' }
    }
    expect(Object.keys(calls).sort()).toEqual([...SHARED_WRITE_CHANNELS].sort())
    const before = ['articles', 'article_tags', 'tags', 'annotations', 'comments'].map((x) => count(t, x))
    let refused = 0
    for (const [channel, args] of Object.entries(calls)) {
      const r = await dispatch(handlers, t.ctx, channel as ApiChannel, args)
      expect(r, channel).toEqual({ ok: false, error: { code: 'unsupported', message: READ_ONLY_MESSAGE, details: { kind: 'read-only', channel } } })
      refused++
    }
    const after = ['articles', 'article_tags', 'tags', 'annotations', 'comments'].map((x) => count(t, x))
    expect(after).toEqual(before)
    const note = t.db.sqlite.prepare('SELECT note FROM annotations WHERE id = ?').get(annotationId) as { note: string | null }
    expect(note.note).toBeNull()

    // The member's own state is not shared data.
    expect(await dispatch(handlers, t.ctx, 'articles:setReading', { id: articleId, readState: 'read', progress: 0.5 })).toMatchObject({ ok: true })
    expect(await dispatch(handlers, t.ctx, 'settings:set', { colleagueLayers: false })).toMatchObject({ ok: true, value: { colleagueLayers: false } })
    expect(await dispatch(handlers, t.ctx, 'annotations:list', { articleId })).toMatchObject({ ok: true })
    console.log(`viewer: ${refused}/${SHARED_WRITE_CHANNELS.size} write channels refused, rows ${JSON.stringify(before)} → ${JSON.stringify(after)}; reading state and settings written`)
  }, 60_000)

  it('an editor on the same group still writes, and the highlight is queued for the server', async () => {
    const { group, m } = await newGroup(pg.url, server.url, [['li', 'editor']])
    const { t, articleId } = await libraryWithArticle()
    const handlers = createHandlers()
    expect(await dispatch(handlers, t.ctx, 'sync:connect', { server: server.url, token: m.li!.token, group })).toMatchObject({ ok: true })
    const r = await dispatch(handlers, t.ctx, 'annotations:create', { articleId, textKind: 'clean', start: 3, end: 6, color: 'green' })
    expect(r).toMatchObject({ ok: true })
    const status = await dispatch(handlers, t.ctx, 'sync:status', {})
    expect(status).toMatchObject({ ok: true, value: { state: 'pending', pending: 1, member: { role: 'editor' } } })
    console.log(`editor: highlight created, ${(status as { value: { pending: number } }).value.pending} change waiting`)
  }, 60_000)

  it('an unjoined library is never read-only', async () => {
    const { t, articleId } = await libraryWithArticle()
    const r = await dispatch(createHandlers(), t.ctx, 'annotations:create', { articleId, textKind: 'clean', start: 6, end: 9 })
    expect(r).toMatchObject({ ok: true, value: { articleId } })
    console.log(`unbound: highlight ${(r as { value: { id: number } }).value.id} created`)
  })
})
