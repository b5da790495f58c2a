// Re-joining a library as someone else (issue 15), against a real group server on a real PostgreSQL:
// another group (or server) starts the object map afresh, so everything the library holds is offered there
// as new; another member of the same group turns the previous member's highlights and comments into that
// member's layer, never pushed as the new member's. Switching member while joined is refused, and the
// CLI's plain vault never replaces a token the desktop app sealed.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../../src/main/db/connection'
import { getToken } from '../../../../src/main/db/repositories/sync.repository'
import { startServer, type ArchiveServer } from '../../../../src/server/app'
import { createAnnotation, updateAnnotationFields } from '../../../../src/main/services/annotations'
import { removeComment } from '../../../../src/main/services/comments'
import { addComment } from '../../../../src/main/services/comments'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { disconnect, syncOnce, syncStatus, type SyncTarget, type TokenVault } from '../../../../src/main/services/sync'
import { newGroup, startPostgres, type Postgres } from '../../../server/pg-harness'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

let pg: Postgres
let server: ArchiveServer
/** A second desk's server on its own PostgreSQL: its versions start again from 1. */
let pg2: Postgres
let server2: ArchiveServer
beforeAll(async () => {
  ;[pg, pg2] = await Promise.all([startPostgres(), startPostgres()])
  ;[server, server2] = await Promise.all([startServer({ pg: pg.url, port: 0 }), startServer({ pg: pg2.url, port: 0 })])
}, 60_000)
afterAll(async () => {
  await Promise.all([server?.close().catch(() => undefined), server2?.close().catch(() => undefined)])
  pg?.stop()
  pg2?.stop()
})

const libraries: TestDb[] = []
afterEach(() => libraries.splice(0).forEach((l) => l.cleanup()))
async function library(): Promise<TestDb> {
  const l = await createTestDb()
  libraries.push(l)
  return l
}

let n = 0
async function importOne(t: TestDb): Promise<number> {
  const title = `防汛会议${n++}`
  const file = join(t.dir, `${title}.txt`)
  writeFileSync(file, `${title}\n\n${'华龙区今日召开会议，部署下一阶段的防汛工作。'.repeat(6)}${title}`)
  return (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
}

const q = <T>(db: Db, text: string): T[] => db.sqlite.prepare(text).all() as T[]
const highlights = (db: Db): string[] => q<{ a: string }>(db, "SELECT coalesce(author, '(own)') || ':' || coalesce(note, '') AS a FROM annotations ORDER BY note").map((r) => r.a)
const comments = (db: Db): string[] => q<{ a: string }>(db, "SELECT coalesce(author, '(own)') || ':' || text AS a FROM comments ORDER BY text").map((r) => r.a)
const articles = (db: Db): number => q<{ n: number }>(db, 'SELECT count(*) AS n FROM articles')[0]!.n

async function group(...members: Array<[string, 'admin' | 'editor' | 'viewer']>): Promise<Record<string, SyncTarget>> {
  return groupOn(pg, server, members)
}
async function groupOn(p: Postgres, s: ArchiveServer, members: Array<[string, 'admin' | 'editor' | 'viewer']>): Promise<Record<string, SyncTarget>> {
  const { group, m } = await newGroup(p.url, s.url, members)
  return Object.fromEntries(Object.entries(m).map(([name, member]) => [name, { server: s.url, token: member.token, group }]))
}

describe('re-joining a library', () => {
  it("to a group on another server offers everything there as new, and writes go against that server's versions", async () => {
    const g1 = await group(['li', 'editor'])
    const g2 = await groupOn(pg2, server2, [['li', 'editor'], ['wang', 'editor']])
    const a = await library()
    const id = await importOne(a)
    await importOne(a)
    const h = createAnnotation(a.db, { articleId: id, textKind: 'clean', start: 0, end: 3, color: 'green', note: '核实' }).id
    await syncOnce(a.db, g1.li!)
    const kept = addComment(a.db, id, '请补充来源')
    const gone = addComment(a.db, id, '稍后删除')
    // Edited again and again in the first group: its versions there run ahead of the new server's.
    for (let i = 0; i < 20; i++) {
      updateAnnotationFields(a.db, h, { note: `核实${i}` })
      await syncOnce(a.db, g1.li!)
    }
    disconnect(a.db)

    const pushed = await syncOnce(a.db, g2.li!)
    const b = await library()
    await syncOnce(b.db, g2.wang!)
    console.log(`re-joined on another server: pushed ${pushed.pushed}; the new group's other member holds ${articles(b.db)} articles, ${JSON.stringify(highlights(b.db))}, ${JSON.stringify(comments(b.db))}`)
    expect([articles(b.db), highlights(b.db), comments(b.db)]).toEqual([2, ['li:核实19'], [`li:${kept.text}`, `li:${gone.text}`].sort()])

    // li's other machine changes the note; this one changes it too without pulling first. A write
    // conditional on the first server's (higher) version would overwrite the other text unseen.
    const other = await library()
    await syncOnce(other.db, g2.li!)
    updateAnnotationFields(other.db, q<{ id: number }>(other.db, 'SELECT id FROM annotations')[0]!.id, { note: '二号机' })
    await syncOnce(other.db, g2.li!)
    updateAnnotationFields(a.db, h, { note: '一号机' })
    removeComment(a.db, gone.id)
    const after = await syncOnce(a.db, g2.li!)
    await syncOnce(other.db, g2.li!)
    await syncOnce(b.db, g2.wang!)
    console.log(`both machines edited the note: conflicts ${after.conflicts}; here ${JSON.stringify(highlights(a.db))}, the other machine ${JSON.stringify(highlights(other.db))}, a colleague ${JSON.stringify(highlights(b.db))}`)
    expect(highlights(a.db).sort()).toEqual(['(own):一号机', '(own):二号机'])
    expect(highlights(other.db).sort()).toEqual(['(own):一号机', '(own):二号机'])
    expect(comments(b.db)).toEqual([`li:${kept.text}`])
    expect(syncStatus(a.db)).toMatchObject({ state: 'synced', pending: 0 })
  })

  it("as another member of the same group makes the previous member's notes their layer, never pushed as the new member's", async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'], ['zhao', 'editor'])
    const a = await library()
    const id = await importOne(a)
    createAnnotation(a.db, { articleId: id, textKind: 'clean', start: 0, end: 3, color: 'green', note: '李的批注' })
    await syncOnce(a.db, g.li!)
    addComment(a.db, id, '李的评论')
    await syncOnce(a.db, g.li!)
    disconnect(a.db)
    // Made while not joined: the new member's.
    createAnnotation(a.db, { articleId: id, textKind: 'clean', start: 3, end: 5, color: 'blue', note: '离线时的批注' })

    const rejoined = await syncOnce(a.db, g.wang!)
    createAnnotation(a.db, { articleId: id, textKind: 'clean', start: 5, end: 7, color: 'yellow', note: '王的批注' })
    await syncOnce(a.db, g.wang!)
    const c = await library()
    await syncOnce(c.db, g.zhao!)
    console.log(`re-joined as wang (pushed ${rejoined.pushed}): here ${JSON.stringify(highlights(a.db))} ${JSON.stringify(comments(a.db))}; a colleague sees ${JSON.stringify(highlights(c.db))} ${JSON.stringify(comments(c.db))}`)
    expect(highlights(a.db).sort()).toEqual(['(own):王的批注', '(own):离线时的批注', 'li:李的批注'].sort())
    expect(comments(a.db)).toEqual(['li:李的评论'])
    expect(highlights(c.db).sort()).toEqual(['li:李的批注', 'wang:王的批注', 'wang:离线时的批注'].sort())
    expect(comments(c.db)).toEqual(['li:李的评论'])
  })

  it('as another member while still joined is refused in plain words, and nothing is sent', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const a = await library()
    await syncOnce(a.db, g.li!)
    await importOne(a)
    await expect(syncOnce(a.db, g.wang!)).rejects.toThrow(/signed in to the group as li; leave the group first to sign in as wang/)
    expect(syncStatus(a.db)).toMatchObject({ state: 'pending', pending: 1 })
    expect(syncStatus(a.db).lastError).toMatch(/leave the group first/)
  })
})

describe('the CLI beside the desktop app', () => {
  it("keeps the token the app sealed: a plain vault's round does not store it readable", async () => {
    const g = await group(['li', 'editor'])
    const sealer: TokenVault = {
      protection: () => Promise.resolve('os'),
      seal: (token) => Promise.resolve({ by: 'os', value: Buffer.from(token).reverse().toString('base64') }),
      open: (s) => Promise.resolve(s.by === 'os' ? Buffer.from(s.value, 'base64').reverse().toString() : s.value)
    }
    const a = await library()
    await syncOnce(a.db, g.li!, { vault: sealer })
    await importOne(a)
    const report = await syncOnce(a.db, g.li!) // the CLI: plain vault, --token given
    const stored = getToken(a.db)!
    console.log(`after a CLI round (pushed ${report.pushed}) the token is stored ${stored.by}`)
    expect(stored.by).toBe('os')
    expect(stored.value).not.toContain(g.li!.token)
    expect(await sealer.open(stored)).toBe(g.li!.token)
  })
})
