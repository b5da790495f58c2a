// The team-archive client against a real group server on a real PostgreSQL (both started here): two or
// more SQLite libraries (real files) joined to one group, synced with syncOnce and the CLI.
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../../src/main/db/connection'
import { createAnnotation, listAnnotations, updateAnnotationFields } from '../../../../src/main/services/annotations'
import { addTags, removeTags } from '../../../../src/main/services/tags'
import { SyncError, syncOnce, syncStatus } from '../../../../src/main/services/sync'
import { admin } from '../../../server/pg-harness'
import { cli } from '../../../helpers/cli'
import { importOne, useSyncWorld } from './sync-world'

const world = useSyncWorld()
const { library, group } = world

const q = <T>(db: Db, text: string, ...params: unknown[]): T[] => db.sqlite.prepare(text).all(...params) as T[]
const titles = (db: Db): string[] => q<{ title: string }>(db, 'SELECT title FROM articles ORDER BY title').map((r) => r.title)
const tagsOf = (db: Db, title: string): string[] =>
  q<{ name: string }>(db, 'SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id JOIN articles a ON a.id = at.article_id WHERE a.title = ? ORDER BY t.name', title).map((r) => r.name)
const notes = (db: Db): { note: string | null; author: string | null; exact: string }[] => q(db, 'SELECT note, author, exact FROM annotations ORDER BY note')
const idOf = (db: Db, title: string): number => q<{ id: number }>(db, 'SELECT id FROM articles WHERE title = ?', title)[0]!.id
const pending = (db: Db): number => syncStatus(db).pending

describe('sync between two libraries on one group', () => {
  it('an import in A appears in B with the same text; a highlight with a note keeps its author', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    const b = await library()
    const id = await importOne(a, '防汛会议')
    createAnnotation(a.db, { articleId: id, textKind: 'clean', start: 0, end: 3, color: 'green', note: '要核实' })
    const pushed = await syncOnce(a.db, g.li!)
    const pulled = await syncOnce(b.db, g.wang!)
    expect(titles(b.db)).toEqual(['防汛会议'])
    const [ta, tb] = [a, b].map((l) => q<{ body_text: string; content_hash: string }>(l.db, 'SELECT body_text, content_hash FROM articles')[0])
    expect(tb).toEqual(ta)
    expect(notes(b.db)).toEqual([{ note: '要核实', author: 'li', exact: '华龙区' }])
    const view = listAnnotations(b.db, idOf(b.db, '防汛会议')).items[0]!
    expect([view.start, view.end, view.orphan]).toEqual([0, 3, false])
    expect(pending(a.db) + pending(b.db)).toBe(0)
    console.log(`A pushed ${JSON.stringify(pushed)}, B pulled ${JSON.stringify(pulled)}; B's highlight by ${notes(b.db)[0]!.author} on 华龙区`)
    // B's own highlight goes back to A as B's layer; A's own stays A's (author null: the member's own).
    createAnnotation(b.db, { articleId: idOf(b.db, '防汛会议'), textKind: 'clean', start: 3, end: 5, color: 'blue', note: '同意' })
    await syncOnce(b.db, g.wang!)
    await syncOnce(a.db, g.li!)
    expect(notes(a.db)).toEqual([
      { note: '同意', author: 'wang', exact: '今日' },
      { note: '要核实', author: null, exact: '华龙区' }
    ])
  })

  it('tags merge as sets: an add on one side and a remove of another tag on the other both survive', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    const b = await library()
    const id = await importOne(a, '港澳要闻')
    addTags(a.db, [id], ['旧'])
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    expect(tagsOf(b.db, '港澳要闻')).toEqual(['旧'])
    // Both offline: A adds 港澳, B removes 旧.
    addTags(a.db, [id], ['港澳'])
    removeTags(b.db, [idOf(b.db, '港澳要闻')], ['旧'])
    await syncOnce(a.db, g.li!)
    await syncOnce(b.db, g.wang!)
    await syncOnce(a.db, g.li!)
    expect([tagsOf(a.db, '港澳要闻'), tagsOf(b.db, '港澳要闻')]).toEqual([['港澳'], ['港澳']])
    console.log(`tags after both sides synced: A ${tagsOf(a.db, '港澳要闻')}, B ${tagsOf(b.db, '港澳要闻')}`)
  })

  it('one member edits the same note on two machines offline: both texts are kept', async () => {
    const g = await group(['li', 'editor'])
    const desk = await library()
    const laptop = await library()
    const id = await importOne(desk, '会议纪要')
    const ann = createAnnotation(desk.db, { articleId: id, textKind: 'clean', start: 0, end: 3, color: 'yellow', note: '初稿' })
    await syncOnce(desk.db, g.li!)
    await syncOnce(laptop.db, g.li!)
    expect(notes(laptop.db)).toEqual([{ note: '初稿', author: null, exact: '华龙区' }])
    updateAnnotationFields(desk.db, ann.id, { note: '台式机改的' })
    updateAnnotationFields(laptop.db, listAnnotations(laptop.db, idOf(laptop.db, '会议纪要')).items[0]!.id, { note: '笔记本改的' })
    await syncOnce(desk.db, g.li!)
    const second = await syncOnce(laptop.db, g.li!)
    await syncOnce(desk.db, g.li!)
    const texts = (db: Db): (string | null)[] => notes(db).map((x) => x.note)
    expect(texts(laptop.db)).toEqual(['台式机改的', '笔记本改的'])
    expect(texts(desk.db)).toEqual(['台式机改的', '笔记本改的'])
    expect(second.conflicts).toBe(1)
    console.log(`same note edited on two machines: conflicts ${second.conflicts}, both libraries hold ${JSON.stringify(texts(desk.db))}`)
  })
})

describe('offline and cut connections', () => {
  it('changes made while the server is down stay in the outbox and go out after it restarts', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    const b = await library()
    await importOne(a, '停电')
    await syncOnce(a.db, g.li!)
    const port = await world.stopServer()
    try {
      addTags(a.db, [idOf(a.db, '停电')], ['离线'])
      createAnnotation(a.db, { articleId: idOf(a.db, '停电'), textKind: 'clean', start: 0, end: 3, color: 'pink', note: '离线笔记' })
      const waiting = pending(a.db)
      const error = await syncOnce(a.db, g.li!, { timeoutMs: 2000 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SyncError)
      expect((error as SyncError).message).toMatch(/cannot be reached.*changes stay queued/)
      expect(pending(a.db)).toBe(waiting)
      expect(syncStatus(a.db)).toMatchObject({ state: 'pending', pending: 2, lastError: (error as SyncError).message })
      console.log(`server down: ${waiting} changes waiting; "${(error as SyncError).message}"`)
    } finally {
      await world.startServerAgain(port)
    }
    expect(await syncOnce(a.db, g.li!)).toMatchObject({ pushed: 2 })
    await syncOnce(b.db, g.wang!)
    expect(tagsOf(b.db, '停电')).toEqual(['离线'])
    expect(notes(b.db)).toEqual([{ note: '离线笔记', author: 'li', exact: '华龙区' }])
    expect(syncStatus(a.db)).toMatchObject({ state: 'synced', pending: 0 })
  })

  it('a push whose answer is cut off is resent and applied once', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    const b = await library()
    const id = await importOne(a, '断线')
    createAnnotation(a.db, { articleId: id, textKind: 'clean', start: 0, end: 3, color: 'yellow', note: '只一次' })
    addTags(a.db, [id], ['一次'])
    let cut = 0
    // The request reaches the server and is applied; the answer never arrives.
    const cutting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      if (init?.method === 'POST' && cut++ === 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
      return res
    }
    await expect(syncOnce(a.db, g.li!, { fetch: cutting })).rejects.toThrow(/ECONNRESET/)
    expect(pending(a.db)).toBe(3)
    const again = await syncOnce(a.db, g.li!)
    const ops = (await world.pool.query<{ op: string; n: number }>('SELECT op, count(*)::int AS n FROM operations WHERE group_id = $1 GROUP BY op ORDER BY op', [g.li!.group])).rows
    expect(ops).toEqual([
      { op: 'add_tag', n: 1 },
      { op: 'import_article', n: 1 },
      { op: 'put_annotation', n: 1 }
    ])
    await syncOnce(b.db, g.wang!)
    expect([titles(b.db), notes(b.db).length, tagsOf(b.db, '断线')]).toEqual([['断线'], 1, ['一次']])
    console.log(`cut answer, then resend: ${JSON.stringify(again)}; server operations ${JSON.stringify(ops)}`)
  })
})

describe('the CLI', () => {
  it('sync --json prints {pushed, pulled, conflicts}; usage errors exit 2', async () => {
    const g = await group(['li', 'editor'])
    const a = await library()
    await importOne(a, '命令行')
    const args = ['--db', a.file, 'sync', '--server', world.server.url, '--token', g.li!.token, '--group', g.li!.group]
    const r = await cli([...args, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ pushed: 1, pulled: 0, conflicts: 0 })
    const text = await cli(args)
    expect(text.stdout).toBe('pushed 0, pulled 0, conflicts 0\n')
    const ftp = await cli(['--db', a.file, 'sync', '--server', 'ftp://127.0.0.1/', '--token', g.li!.token, '--group', g.li!.group])
    const noGroup = await cli(['--db', a.file, 'sync', '--server', world.server.url, '--token', g.li!.token])
    expect([ftp.code, noGroup.code]).toEqual([2, 2])
    expect(ftp.stderr).toMatch(/http:\/\/ or https:\/\//)
    expect(r.stdout + text.stdout + text.stderr).not.toContain(g.li!.token)
    console.log(`cli sync --json: ${r.stdout.replace(/\s+/g, ' ')}; ftp:// exit ${ftp.code}, no --group exit ${noGroup.code}`)
  })

  it("a viewer's push is refused with exit 1 and the library unchanged; a revoked token exits 1", async () => {
    const g = await group(['li', 'editor'], ['guest', 'viewer'])
    const a = await library()
    await importOne(a, '只读')
    await syncOnce(a.db, g.li!)
    const v = await library()
    const viewerArgs = ['--db', v.file, 'sync', '--server', world.server.url, '--token', g.guest!.token, '--group', g.guest!.group]
    expect((await cli(viewerArgs)).code).toBe(0)
    expect(titles(v.db)).toEqual(['只读'])
    addTags(v.db, [idOf(v.db, '只读')], ['访客'])
    const before = (await world.pool.query('SELECT version FROM groups WHERE id = $1', [g.li!.group])).rows[0].version
    const refused = await cli(viewerArgs)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('this member may only read')
    expect(pending(v.db)).toBe(1)
    expect((await world.pool.query('SELECT version FROM groups WHERE id = $1', [g.li!.group])).rows[0].version).toBe(before)
    await admin(world.pg.url, 'revoke', g.li!.group, 'li')
    const revoked = await cli(['--db', a.file, 'sync', '--server', world.server.url, '--token', g.li!.token, '--group', g.li!.group])
    expect(revoked.code).toBe(1)
    expect(revoked.stderr).toMatch(/revoked/)
    console.log(`viewer: exit ${refused.code} "${refused.stderr.trim()}"; revoked: exit ${revoked.code} "${revoked.stderr.trim()}"`)
  })
})
