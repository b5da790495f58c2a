// Discussion threads between libraries on one group, against a real group server on a real PostgreSQL
// (both started here): a comment travels with its author, edits and deletions follow it, a viewer's is
// refused and stays queued, and one written offline goes out on the next round.
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../../src/main/db/connection'
import { addComment, editComment, listComments, removeComment } from '../../../../src/main/services/comments'
import { SyncError, syncOnce, syncStatus } from '../../../../src/main/services/sync'
import { importOne, useSyncWorld } from './sync-world'

const world = useSyncWorld()
const { library, group } = world

const articleId = (db: Db): number => db.sqlite.prepare('SELECT id FROM articles ORDER BY id LIMIT 1').pluck().get() as number
const thread = (db: Db): string[] => listComments(db, articleId(db)).items.map((c) => `${c.author}${c.mine ? '*' : ''}: ${c.text}`)

describe('discussion threads in sync', () => {
  it('a comment in A reaches B with its author; B answers; an edit and a delete travel; the server keeps who wrote what', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    const b = await library()
    await importOne(a, '防汛会议')
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)

    const mine = addComment(a.db, articleId(a.db), '这篇需要核实数字')
    expect(syncStatus(a.db).pending).toBe(1)
    const pushed = await syncOnce(a.db, g.li!)
    const pulled = await syncOnce(b.db, g.wang!)
    expect(thread(b.db)).toEqual(['li: 这篇需要核实数字'])
    addComment(b.db, articleId(b.db), '已核实，见新华社稿')
    await syncOnce(b.db, g.wang!)
    await syncOnce(a.db, g.li!)
    expect(thread(a.db)).toEqual(['li*: 这篇需要核实数字', 'wang: 已核实，见新华社稿'])

    editComment(a.db, mine.id, '这篇需要核实数字（第三段）')
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    expect(thread(b.db)).toEqual(['li: 这篇需要核实数字（第三段）', 'wang*: 已核实，见新华社稿'])
    removeComment(a.db, mine.id)
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    expect(thread(b.db)).toEqual(['wang*: 已核实，见新华社稿'])
    expect(thread(a.db)).toEqual(['wang: 已核实，见新华社稿'])
    expect(syncStatus(a.db).pending + syncStatus(b.db).pending).toBe(0)

    const ops = (await world.pool.query<{ op: string; name: string }>(
      `SELECT o.op, m.name FROM operations o JOIN members m ON m.id = o.member_id WHERE o.group_id = $1 AND o.kind = 'comment' ORDER BY o.version, o.op`,
      [g.li!.group]
    )).rows.map((r) => `${r.name} ${r.op}`)
    expect(ops).toEqual(['li put_comment', 'wang put_comment', 'li put_comment', 'li delete_comment'])
    console.log(`A pushed ${JSON.stringify(pushed)}, B pulled ${JSON.stringify(pulled)}; server log: ${ops.join(', ')}; B's thread: ${thread(b.db).join(' | ')}`)
  })

  it("a colleague's comment cannot be changed from another library, and the server refuses it too", async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    const b = await library()
    await importOne(a, '权限')
    await syncOnce(a.db, g.li!)
    addComment(a.db, articleId(a.db), '李明的评论')
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    const theirs = listComments(b.db, articleId(b.db)).items[0]!
    expect(theirs).toMatchObject({ author: 'li', mine: false })
    expect(() => editComment(b.db, theirs.id, '改了')).toThrow(/only its author/)
    // A forged push of li's comment by wang: 403 from the server.
    const key = (await world.pool.query<{ key: string }>(`SELECT key FROM objects WHERE group_id = $1 AND kind = 'comment'`, [g.li!.group])).rows[0]!.key
    const res = await fetch(new URL(`groups/${g.wang!.group}/changes`, world.server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${g.wang!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ operations: [{ op: 'delete_comment', opId: crypto.randomUUID(), id: key, ifVersion: 99 }] })
    })
    expect(res.status).toBe(403)
    console.log(`wang deleting li's comment: local refusal, server ${res.status}`)
  })

  it("a viewer's comment is refused by the server and stays queued", async () => {
    const g = await group(['li', 'editor'], ['guest', 'viewer'])
    const a = await library()
    const v = await library()
    await importOne(a, '只读')
    await syncOnce(a.db, g.li!)
    await syncOnce(v.db, g.guest!)
    // The window and main's read-only gate never let a viewer get here; the server is the last word.
    addComment(v.db, articleId(v.db), '访客想说')
    const error = await syncOnce(v.db, g.guest!).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SyncError)
    expect((error as SyncError).kind).toBe('forbidden')
    expect(syncStatus(v.db).pending).toBe(1)
    await syncOnce(a.db, g.li!)
    expect(thread(a.db)).toEqual([])
    console.log(`viewer: "${(error as SyncError).message}"; ${syncStatus(v.db).pending} change queued; editor sees ${thread(a.db).length} comments`)
  })

  it('comments written offline wait in the outbox and go out on the next round', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    const b = await library()
    await importOne(a, '离线')
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
    }
    const first = addComment(a.db, articleId(a.db), '离线写的第一条')
    // A thread is ordered by creation time to the millisecond; two comments written by hand are never in the same one.
    await new Promise((r) => setTimeout(r, 5))
    addComment(a.db, articleId(a.db), 'offline second')
    editComment(a.db, first.id, '离线写的第一条（改）')
    const error = await syncOnce(a.db, g.li!, { fetch: down, timeoutMs: 2000 }).catch((e: unknown) => e)
    expect((error as SyncError).kind).toBe('unreachable')
    const waiting = syncStatus(a.db).pending
    expect(waiting).toBe(3)
    expect(listComments(a.db, articleId(a.db)).items.every((c) => c.pending)).toBe(true)
    const back = await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    expect(thread(b.db)).toEqual(['li: 离线写的第一条（改）', 'li: offline second'])
    expect(listComments(a.db, articleId(a.db)).items.some((c) => c.pending)).toBe(false)
    console.log(`offline: ${waiting} changes waited ("${(error as SyncError).message}"); back online ${JSON.stringify(back)}; B: ${thread(b.db).join(' | ')}`)
  })
})
