// comments:* through dispatch(), as the IPC bridge and the preview host call them: argument limits (1 to
// 20,000 characters, trimmed), a viewer's writes refused before any handler runs, an editor's accepted.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { READ_ONLY_MESSAGE } from '../../../src/main/ipc/read-only'
import { bindLibrary } from '../../../src/main/db/repositories/sync.repository'
import { importPaths } from '../../../src/main/services/import-pipeline/pipeline'
import { createTestContext, type TestContext } from '../../helpers/context'

let t: TestContext
afterEach(() => {
  t?.ctx.sync.stop()
  t?.cleanup()
})

async function joined(role: 'editor' | 'viewer'): Promise<number> {
  t = await createTestContext()
  const file = join(t.dir, 'a.txt')
  writeFileSync(file, `防汛会议\n\n${'华龙区今日召开会议，部署防汛工作。'.repeat(10)}`)
  const id = (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
  // Bound as the server would name the member (no round runs: the scheduler is not started here).
  bindLibrary(t.db, { server: 'http://127.0.0.1:1/', group: crypto.randomUUID(), memberName: role === 'viewer' ? 'zhao' : 'li', role }, 'mgl_' + 'x'.repeat(40))
  return id
}

describe('comments over dispatch', () => {
  it("an editor adds, edits and deletes; text is trimmed and held to 1..20,000 characters", async () => {
    const articleId = await joined('editor')
    const h = createHandlers()
    const added = await dispatch(h, t.ctx, 'comments:add', { articleId, text: '  核实一下  ' })
    expect(added).toMatchObject({ ok: true, value: { text: '核实一下', author: 'li', mine: true } })
    const id = (added as { value: { id: number } }).value.id
    expect(await dispatch(h, t.ctx, 'comments:edit', { id, text: '核实过了' })).toMatchObject({ ok: true, value: { text: '核实过了' } })
    const empty = await dispatch(h, t.ctx, 'comments:add', { articleId, text: '   ' })
    const long = await dispatch(h, t.ctx, 'comments:add', { articleId, text: '字'.repeat(20_001) })
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await dispatch(h, t.ctx, 'comments:add', { articleId, text: '字'.repeat(20_000) })).toMatchObject({ ok: true })
    expect(await dispatch(h, t.ctx, 'comments:delete', { id })).toEqual({ ok: true, value: { id, articleId } })
    const list = await dispatch(h, t.ctx, 'comments:list', { articleId })
    expect(list).toMatchObject({ ok: true, value: { joined: true, items: [{ text: '字'.repeat(20_000) }] } })
    console.log(`editor: blank → ${(empty as { error: { code: string } }).error.code}, 20,001 chars → ${(long as { error: { code: string } }).error.code}, 20,000 chars accepted`)
  })

  it("a viewer reads the thread but every comment write is refused before its handler", async () => {
    const articleId = await joined('viewer')
    const h = createHandlers()
    const now = new Date().toISOString()
    t.db.sqlite.prepare(`INSERT INTO comments (article_id, author, text, created_at, updated_at) VALUES (?, 'li', '编辑的评论', ?, ?)`).run(articleId, now, now)
    const calls = { 'comments:add': { articleId, text: '访客' }, 'comments:edit': { id: 1, text: '改' }, 'comments:delete': { id: 1 } } as const
    for (const [channel, args] of Object.entries(calls)) {
      const r = await dispatch(h, t.ctx, channel as keyof typeof calls, args as never)
      expect(r, channel).toEqual({ ok: false, error: { code: 'unsupported', message: READ_ONLY_MESSAGE, details: { kind: 'read-only', channel } } })
    }
    expect(await dispatch(h, t.ctx, 'comments:list', { articleId })).toMatchObject({ ok: true, value: { joined: true, items: [{ author: 'li', mine: false }] } })
    expect(t.db.sqlite.prepare('SELECT count(*) FROM comments').pluck().get()).toBe(1)
    console.log(`viewer: ${Object.keys(calls).length} comment writes refused as read-only; the thread still lists 1 comment`)
  })
})
