// Discussion comments on real SQLite files: the service's rules (joined libraries only, own comments
// only), the outbox rows they leave, the operations a push builds from them, and pulled comments
// applied through the repositories (a colleague's, the member's own echo, an edit overtaken on another
// machine, deletions).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PullResponse, SyncObject } from '../../../../src/shared/sync-protocol'
import { AppError } from '../../../../src/shared/result'
import { bindLibrary, getObject, objectOfLocal } from '../../../../src/main/db/repositories/sync.repository'
import { addComment, editComment, listComments, removeComment } from '../../../../src/main/services/comments'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { buildBatch } from '../../../../src/main/services/sync/push'
import { pullChanges } from '../../../../src/main/services/sync/pull'
import { commentKey, keyTime } from '../../../../src/main/services/sync/comments'
import type { ArchiveClient } from '../../../../src/main/services/sync/client'
import { outboxBatch } from '../../../../src/main/db/repositories/sync.repository'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

let t: TestDb
afterEach(() => t?.cleanup())

async function library(bound = true): Promise<{ id: number; hash: string }> {
  t = await createTestDb()
  const file = join(t.dir, 'a.txt')
  writeFileSync(file, `防汛会议\n\n${'华龙区今日召开会议，部署防汛工作。'.repeat(10)}`)
  const id = (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
  if (bound) bindLibrary(t.db, { server: 'http://127.0.0.1:1/', group: crypto.randomUUID(), memberName: 'li', role: 'editor' }, 'mgl_' + 'x'.repeat(40))
  // The article as the server knows it (as after a push): its key is its body's hash.
  const hash = 'a'.repeat(64)
  t.db.sqlite.prepare(`INSERT INTO sync_objects (kind, key, local_id, version) VALUES ('article', ?, ?, 1)`).run(hash, id)
  t.db.sqlite.exec('DELETE FROM sync_outbox')
  return { id, hash }
}

const outbox = (): string[] =>
  (t.db.sqlite.prepare(`SELECT op FROM sync_outbox WHERE entity = 'comment' ORDER BY id`).all() as { op: string }[]).map((r) => r.op)

/** A client whose pull answers these pages in turn (the article is already held, so no body is fetched). */
function serverWith(...pages: Array<Pick<PullResponse, 'objects' | 'deletions'>>): ArchiveClient {
  let version = 10
  return {
    pull: async () => ({ ...pages.shift()!, version: ++version, more: false }),
    getBody: async () => {
      throw new Error('no body expected')
    }
  } as unknown as ArchiveClient
}
const comment = (key: string, hash: string, text: string, author: string, version: number, updatedAt = '2026-12-01T08:00:00.000Z'): SyncObject => ({
  kind: 'comment',
  key,
  version,
  data: { article: hash, text },
  author,
  hidden: false,
  updatedAt
})

describe('comments service', () => {
  it('has no thread in a library not joined to a group, and refuses to add one', async () => {
    const { id } = await library(false)
    expect(listComments(t.db, id)).toEqual({ joined: false, items: [] })
    expect(() => addComment(t.db, id, '你好')).toThrow(AppError)
    console.log('unbound library: joined false, add refused')
  })

  it('adds, edits and deletes own comments in time order; each change is one outbox row; a colleague’s cannot be changed', async () => {
    const { id } = await library()
    const first = addComment(t.db, id, '第一条')
    const second = addComment(t.db, id, 'second one')
    expect(first).toMatchObject({ author: 'li', mine: true, text: '第一条', pending: true })
    editComment(t.db, first.id, '第一条（改）')
    editComment(t.db, first.id, '第一条（改）') // unchanged: no row
    const now = new Date().toISOString()
    t.db.sqlite.prepare(`INSERT INTO comments (article_id, author, text, created_at, updated_at) VALUES (?, 'wang', '同事的', ?, ?)`).run(id, now, now)
    const thread = listComments(t.db, id)
    expect(thread.items.map((c) => [c.text, c.author, c.mine])).toEqual([
      ['第一条（改）', 'li', true],
      ['second one', 'li', true],
      ['同事的', 'wang', false]
    ])
    const theirs = thread.items[2]!
    expect(theirs.pending).toBe(false)
    expect(() => editComment(t.db, theirs.id, '改别人的')).toThrow(/only its author/)
    expect(() => removeComment(t.db, theirs.id)).toThrow(/only its author/)
    expect(() => addComment(t.db, 9999, 'x')).toThrow(/does not exist/)
    removeComment(t.db, second.id)
    expect(outbox()).toEqual(['insert', 'insert', 'update', 'delete'])
    console.log(`outbox after add, add, edit (+ an unchanged edit), delete: ${outbox().join(',')}`)
  })

  it('a push builds put_comment and delete_comment on the article’s server key, conditional on the version seen', async () => {
    const { id, hash } = await library()
    const c = addComment(t.db, id, '需要核实')
    const key = objectOfLocal(t.db, 'comment', c.id)!.key
    t.db.sqlite.prepare(`UPDATE sync_objects SET version = 7 WHERE kind = 'comment' AND key = ?`).run(key)
    editComment(t.db, c.id, '已核实')
    const ops = (): unknown[] => buildBatch(t.db, outboxBatch(t.db, 100)).ops.map((o) => ({ ...o, opId: undefined }))
    expect(ops()).toEqual([
      { op: 'put_comment', opId: undefined, id: key, data: { article: hash, text: '需要核实' }, ifVersion: 7 },
      { op: 'put_comment', opId: undefined, id: key, data: { article: hash, text: '已核实' }, ifVersion: 7 }
    ])
    // Deleted before it went out: only the deletion is sent (nothing to create on the way).
    removeComment(t.db, c.id)
    expect(ops()).toEqual([{ op: 'delete_comment', opId: undefined, id: key, ifVersion: 7 }])
    console.log(`push: add + edit → 2 put_comment; add + edit + delete → ${JSON.stringify(ops().map((o) => (o as { op: string }).op))}`)
  })
})

describe('pulled comments', () => {
  it('a colleague’s comment arrives as theirs, the member’s own as their own, and neither goes back out', async () => {
    const { id, hash } = await library()
    // wang's was written offline at 07:30 and pushed at 08:00: placed at 07:30, and not an edit.
    const wangKey = commentKey('2026-12-01T07:30:00.000Z')
    const outcome = await pullChanges(t.db, serverWith({ objects: [comment('k-li-00001', hash, '另一台电脑写的', 'li', 4, '2026-12-01T09:00:00.000Z'), comment(wangKey, hash, '我来补充', 'wang', 4)], deletions: [] }), 0, 'li')
    const items = listComments(t.db, id).items
    expect(items.map((c) => [c.text, c.author, c.mine, c.createdAt, c.updatedAt === c.createdAt])).toEqual([
      ['我来补充', 'wang', false, '2026-12-01T07:30:00.000Z', true],
      ['另一台电脑写的', 'li', true, '2026-12-01T09:00:00.000Z', true]
    ])
    await pullChanges(t.db, serverWith({ objects: [comment(wangKey, hash, '我来补充（改）', 'wang', 5, '2026-12-01T10:00:00.000Z')], deletions: [] }), 0, 'li')
    expect(listComments(t.db, id).items[0]).toMatchObject({ text: '我来补充（改）', createdAt: '2026-12-01T07:30:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' })
    expect(outbox()).toEqual([])
    expect(outcome.pulled).toBe(2)
    console.log(`pulled ${outcome.pulled}: ${items.map((c) => `${c.author}${c.mine ? ' (mine)' : ''}`).join(', ')}; outbox ${outbox().length}`)
  })

  it('a comment on an article this library does not hold is not stored', async () => {
    await library()
    const orphan = { objects: [comment('k-wang-0002', 'b'.repeat(64), '文章不在', 'wang', 4)], deletions: [] }
    const outcome = await pullChanges(t.db, serverWith(orphan), 0, 'li')
    expect([outcome.pulled, t.db.sqlite.prepare('SELECT count(*) FROM comments').pluck().get()]).toEqual([0, 0])
    console.log('a comment whose article is unknown is not stored')
  })

  it('an edit made here that another machine overtook stays as a new comment; a deletion removes; a deletion of one edited here keeps it', async () => {
    const { id, hash } = await library()
    const c = addComment(t.db, id, '原文')
    const key = objectOfLocal(t.db, 'comment', c.id)!.key
    t.db.sqlite.exec('DELETE FROM sync_outbox')
    t.db.sqlite.prepare(`UPDATE sync_objects SET version = 2 WHERE kind = 'comment' AND key = ?`).run(key)
    editComment(t.db, c.id, '这台电脑的改动')
    const outcome = await pullChanges(t.db, serverWith({ objects: [comment(key, hash, '另一台的改动', 'li', 5)], deletions: [] }), 0, 'li')
    const texts = listComments(t.db, id).items.map((x) => x.text)
    expect(texts.sort()).toEqual(['另一台的改动', '这台电脑的改动'])
    // The copy is a new comment of the member's, waiting to go out; the overtaken edit is not resent.
    expect(outbox()).toEqual(['insert'])
    console.log(`overtaken edit: both texts kept (${texts.join(' / ')}); outbox ${outbox().join(',')}; pulled ${outcome.pulled}`)

    // Deleted elsewhere: gone here.
    await pullChanges(t.db, serverWith({ objects: [], deletions: [{ kind: 'comment', key, version: 6 }] }), 0, 'li')
    expect(listComments(t.db, id).items.map((x) => x.text)).toEqual(['这台电脑的改动'])
    expect(getObject(t.db, 'comment', key)?.deleted).toBe(1)

    // Deleted elsewhere while edited here: the edit survives under a new key.
    const copy = listComments(t.db, id).items[0]!
    const copyKey = objectOfLocal(t.db, 'comment', copy.id)!.key
    editComment(t.db, copy.id, '再改一次')
    await pullChanges(t.db, serverWith({ objects: [], deletions: [{ kind: 'comment', key: copyKey, version: 7 }] }), 0, 'li')
    expect(listComments(t.db, id).items.map((x) => x.text)).toEqual(['再改一次'])
    const newKey = objectOfLocal(t.db, 'comment', copy.id)!.key
    expect(newKey).not.toBe(copyKey)
    const ops = buildBatch(t.db, outboxBatch(t.db, 100)).ops.filter((o) => o.op === 'put_comment')
    expect(ops.at(-1)).toMatchObject({ id: newKey, data: { text: '再改一次' }, ifVersion: 0 })
    console.log(`deleted elsewhere, edited here: kept as ${newKey.slice(0, 8)}…, sent as a new comment`)
  })
})

describe('comment keys carry the creation time', () => {
  it('own comments get UUIDv7 keys of their creation time; pulled ones are placed by it, never after their last change', async () => {
    const { id } = await library()
    const c = addComment(t.db, id, '定位时间')
    const key = objectOfLocal(t.db, 'comment', c.id)!.key
    expect(key).toMatch(/^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/)
    expect(keyTime(key, '2999-01-01T00:00:00.000Z')).toBe(c.createdAt)
    const k = commentKey('2026-11-30T10:00:00.000Z')
    expect(keyTime(k, '2026-12-01T00:00:00.000Z')).toBe('2026-11-30T10:00:00.000Z')
    // A writer's clock ahead of the server's: no later than the server's time of the change.
    expect(keyTime(k, '2026-11-30T09:00:00.000Z')).toBe('2026-11-30T09:00:00.000Z')
    expect(keyTime('not-a-uuid7-key', '2026-11-30T09:00:00.000Z')).toBe('2026-11-30T09:00:00.000Z')
    console.log(`own key ${key} → ${keyTime(key, '2999-01-01T00:00:00.000Z')} (created ${c.createdAt})`)
  })
})
