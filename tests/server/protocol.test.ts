// The group archive server over real HTTP on a real PostgreSQL: admin commands, the versioned-object
// protocol, the merge rules and the refusals.
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tagKey } from '../../src/shared/sync-protocol'
import { admin, newGroup, startDesk, type Desk, type Member } from './pg-harness'

let desk: Desk
let pool: Pool
beforeAll(async () => {
  desk = await startDesk()
  pool = new Pool({ connectionString: desk.pg.url, max: 2 })
})
afterAll(async () => {
  await pool?.end()
  await desk?.stop()
})

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')
let n = 0
const uid = (p: string): string => `${p}-${Date.now().toString(36)}-${(n++).toString(36)}`.padEnd(8, 'x')

async function importArticle(m: Member, body = `正文 ${uid('b')}`): Promise<string> {
  const hash = sha(body)
  expect((await m.putBody(hash, body)).status).toBe(201)
  const r = await m.push([{ op: 'import_article', opId: uid('op'), article: hash, title: '标题' }])
  expect(r.status).toBe(200)
  return hash
}
const note = (article: string, text: string) => ({ article, start: 0, end: 2, quote: '正文', note: text })

describe('admin commands', () => {
  it('create-group, add-member print id and token; only the sha256 of the token is stored', async () => {
    const group = await admin(desk.pg.url, 'create-group', '要闻部')
    expect(group).toMatch(/^[0-9a-f-]{36}$/)
    const token = await admin(desk.pg.url, 'add-member', group, 'li', '--role', 'editor')
    // Never starting with '-', so a command line cannot read it as an option.
    expect(token).toMatch(/^mgl_[A-Za-z0-9_-]{43}$/)
    const rows = (await pool.query('SELECT token_hash FROM members WHERE group_id = $1', [group])).rows
    expect(rows[0].token_hash.toString('hex')).toBe(createHash('sha256').update(token).digest('hex'))
    const dump = JSON.stringify((await pool.query('SELECT * FROM members')).rows)
    expect(dump).not.toContain(token)
    const list = JSON.parse(await admin(desk.pg.url, 'list-members', group, '--json'))
    expect(list).toMatchObject([{ name: 'li', role: 'editor', revokedAt: null }])
    console.log(`token printed once: ${token.length} chars, stored as a ${rows[0].token_hash.length}-byte hash`)
  })

  it('the CLI prints the ready line and exits 2 on usage errors, 1 on failures', async () => {
    const tsx = ['--tsconfig', 'tsconfig.node.json', 'src/server/index.ts']
    const run = (args: string[]): number => {
      try {
        execFileSync('npx', ['tsx', ...tsx, ...args], { stdio: 'pipe', cwd: process.cwd() })
        return 0
      } catch (e) {
        return (e as { status: number }).status
      }
    }
    expect(run(['admin', '--pg', desk.pg.url, 'add-member', 'not-a-uuid', 'x', '--role', 'editor'])).toBe(2)
    expect(run(['admin', '--pg', desk.pg.url, 'add-member', '00000000-0000-4000-8000-000000000000', 'x', '--role', 'boss'])).toBe(2)
    expect(run(['admin', '--pg', desk.pg.url, 'revoke', '00000000-0000-4000-8000-000000000000', 'x'])).toBe(1)
    // node --import tsx: one process, so the SIGTERM below reaches the server itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts', '--pg', desk.pg.url, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /Marginalia archive server ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)
        if (m) resolve(m[1]!)
      })
      child.once('exit', () => reject(new Error(out)))
    })
    const res = await fetch(line)
    const exited = new Promise<number | null>((r) => child.once('exit', r))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(res.status).toBe(200)
    expect(line).not.toContain(':0/')
  })
})

describe('protocol', () => {
  it('push/pull round trip: objects carry their version; since=V returns only later changes', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['b', 'editor']])
    const article = await importArticle(m.a!)
    const first = await m.b!.pullAll(0)
    expect(first.objects.map((o) => o.kind)).toEqual(['article'])
    expect(first.objects[0]).toMatchObject({ key: article, author: 'a', version: 1 })
    const body = await m.b!.request('GET', `/groups/${m.b!.group}/bodies/${article}`)
    expect(sha(body.text)).toBe(article)
    const r = await m.a!.push([{ op: 'put_annotation', opId: uid('op'), id: uid('ann'), data: note(article, '要核实') }])
    expect(r.json.version).toBe(2)
    const next = await m.b!.pullAll(first.version)
    expect(next.objects).toHaveLength(1)
    expect(next.objects[0]).toMatchObject({ kind: 'annotation', author: 'a', version: 2, data: { note: '要核实' } })
    // Paging: 250 tags in one version come back over pages of 200 with a cursor, none twice.
    const ops = Array.from({ length: 250 }, (_, i) => ({ op: 'add_tag', opId: uid('t'), article, tag: `标签${i}` }))
    expect((await m.a!.push(ops)).status).toBe(200)
    const all = await m.b!.pullAll(next.version)
    expect(new Set(all.objects.map((o) => o.key)).size).toBe(250)
    console.log(`round trip: version ${all.version}, ${all.objects.length} tag objects pulled in pages of 200`)
  })

  it('a retried push (same operation ids) applies nothing twice', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor']])
    const article = await importArticle(m.a!)
    const ops = [{ op: 'put_comment', opId: uid('op'), id: uid('c'), data: { article, text: '同意' } }]
    const r1 = await m.a!.push(ops)
    const r2 = await m.a!.push(ops)
    expect(r1.json.results[0]).toMatchObject({ status: 'applied' })
    expect(r2.json.results[0]).toMatchObject({ status: 'duplicate', version: r1.json.version })
    expect(r2.json.version).toBe(r1.json.version)
    const n = (await pool.query("SELECT count(*)::int AS n FROM operations WHERE group_id = $1 AND op = 'put_comment'", [m.a!.group])).rows[0].n
    expect(n).toBe(1)
    console.log(`retry: 2 sends, ${n} comment operation stored, version stayed ${r2.json.version}`)
  })

  it('412 when the object moved on (per-op ifVersion) and when the group did (If-Unmodified-Since-Version)', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor']])
    const article = await importArticle(m.a!)
    const id = uid('ann')
    const v1 = (await m.a!.push([{ op: 'put_annotation', opId: uid('op'), id, data: note(article, '一') }])).json.version
    const v2 = (await m.a!.push([{ op: 'put_annotation', opId: uid('op'), id, data: note(article, '二'), ifVersion: v1 }])).json.version
    const stale = await m.a!.push([{ op: 'put_annotation', opId: uid('op'), id, data: note(article, '三'), ifVersion: v1 }])
    expect(stale.status).toBe(412)
    expect(stale.json.conflicts).toEqual([expect.objectContaining({ kind: 'annotation', key: id, currentVersion: v2 })])
    const header = await m.a!.push([{ op: 'add_tag', opId: uid('op'), article, tag: 'x' }], { 'if-unmodified-since-version': String(v1) })
    expect(header.status).toBe(412)
    expect((await m.a!.pullAll()).objects.find((o) => o.key === id).data.note).toBe('二')
    console.log(`stale write at ${v1} against ${v2}: ${stale.status}; stale group header: ${header.status}`)
  })

  it('tags merge as sets; the same tag resolves by the later change and keeps the other in history', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['b', 'editor']])
    const article = await importArticle(m.a!)
    await m.a!.push([{ op: 'add_tag', opId: uid('op'), article, tag: '旧' }])
    const base = await m.b!.pullAll()
    // Both worked offline from the same state: a adds 港澳, b removes 旧.
    expect((await m.a!.push([{ op: 'add_tag', opId: uid('op'), article, tag: '港澳' }], { 'if-unmodified-since-version': String(base.version) })).status).toBe(200)
    expect((await m.b!.push([{ op: 'remove_tag', opId: uid('op'), article, tag: '旧' }])).status).toBe(200)
    let tags = (await m.a!.pullAll()).objects.filter((o) => o.kind === 'tag').map((o) => o.data.tag)
    expect(tags).toEqual(['港澳'])
    // Same tag: a removes 港澳, then b adds it again: the later add wins, the removal stays in history.
    await m.a!.push([{ op: 'remove_tag', opId: uid('op'), article, tag: '港澳' }])
    await m.b!.push([{ op: 'add_tag', opId: uid('op'), article, tag: '港澳' }])
    tags = (await m.a!.pullAll()).objects.filter((o) => o.kind === 'tag').map((o) => o.data.tag)
    expect(tags).toEqual(['港澳'])
    const history = (await pool.query('SELECT op FROM operations WHERE group_id = $1 AND key = $2 ORDER BY version', [m.a!.group, tagKey(article, '港澳')])).rows.map((r) => r.op)
    expect(history).toEqual(['add_tag', 'remove_tag', 'add_tag'])
    console.log(`set merge: tags ${JSON.stringify(tags)}, history of 港澳 ${history.join(' → ')}`)
  })

  it('article metadata merges per field', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['b', 'editor']])
    const article = await importArticle(m.a!)
    const ra = await m.a!.push([{ op: 'set_field', opId: uid('op'), article, field: 'author', value: '王五', ifVersion: 0 }])
    const rb = await m.b!.push([{ op: 'set_field', opId: uid('op'), article, field: 'source', value: '新华社', ifVersion: 0 }])
    const same = await m.b!.push([{ op: 'set_field', opId: uid('op'), article, field: 'author', value: '赵六', ifVersion: 0 }])
    expect([ra.status, rb.status, same.status]).toEqual([200, 200, 412])
    const fields = Object.fromEntries((await m.a!.pullAll()).objects.filter((o) => o.kind === 'field').map((o) => [o.data.field, o.data.value]))
    expect(fields).toEqual({ author: '王五', source: '新华社' })
    console.log(`per-field merge: ${JSON.stringify(fields)}; same field from a stale version: ${same.status}`)
  })

  it('a member edits and deletes only their own annotations; an admin may hide them', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['b', 'editor'], ['chief', 'admin']])
    const article = await importArticle(m.a!)
    const id = uid('ann')
    const v = (await m.a!.push([{ op: 'put_annotation', opId: uid('op'), id, data: note(article, 'a 的笔记') }])).json.version
    const edit = await m.b!.push([{ op: 'put_annotation', opId: uid('op'), id, data: note(article, 'b 改了'), ifVersion: v }])
    const del = await m.b!.push([{ op: 'delete_annotation', opId: uid('op'), id, ifVersion: v }])
    const chiefDel = await m.chief!.push([{ op: 'delete_annotation', opId: uid('op'), id, ifVersion: v }])
    const bHide = await m.b!.push([{ op: 'hide_annotation', opId: uid('op'), id, hidden: true }])
    const hide = await m.chief!.push([{ op: 'hide_annotation', opId: uid('op'), id, hidden: true }])
    expect([edit.status, del.status, chiefDel.status, bHide.status, hide.status]).toEqual([403, 403, 403, 403, 200])
    const obj = (await m.b!.pullAll()).objects.find((o) => o.key === id)
    expect(obj).toMatchObject({ author: 'a', hidden: true, data: { note: 'a 的笔记' } })
    console.log(`others' annotation: edit ${edit.status}, delete ${del.status}, admin delete ${chiefDel.status}, admin hide ${hide.status}`)
  })

  it('deleted objects are in the deletion log and an admin restores them', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['chief', 'admin']])
    const article = await importArticle(m.a!)
    const id = uid('ann')
    const v = (await m.a!.push([{ op: 'put_annotation', opId: uid('op'), id, data: note(article, '别丢') }])).json.version
    const d = await m.a!.push([{ op: 'delete_annotation', opId: uid('op'), id, ifVersion: v }])
    const pulled = await m.chief!.pullAll(v)
    expect(pulled.deletions).toEqual([{ kind: 'annotation', key: id, version: d.json.version }])
    expect((await m.a!.push([{ op: 'restore', opId: uid('op'), kind: 'annotation', key: id }])).status).toBe(403)
    expect((await m.chief!.push([{ op: 'restore', opId: uid('op'), kind: 'annotation', key: id }])).status).toBe(200)
    const back = await m.a!.pullAll(d.json.version)
    expect(back.objects).toEqual([expect.objectContaining({ key: id, data: expect.objectContaining({ note: '别丢' }) })])
    // Past the 30-day window the restore is refused (410) rather than silently doing nothing.
    await m.a!.push([{ op: 'delete_annotation', opId: uid('op'), id, ifVersion: back.version }])
    await pool.query("UPDATE deletions SET deleted_at = now() - interval '31 days' WHERE key = $1 AND restored_at IS NULL", [id])
    expect((await m.chief!.push([{ op: 'restore', opId: uid('op'), kind: 'annotation', key: id }])).status).toBe(410)
    console.log('deletion log: restored within 30 days (200), refused after 31 days (410)')
  })
})

describe('refusals', () => {
  it('viewer push 403, revoked token 401 at once, wrong token 401, other group 404', async () => {
    const one = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['v', 'viewer']])
    const two = await newGroup(desk.pg.url, desk.server.url, [['x', 'editor']])
    const article = await importArticle(one.m.a!)
    const viewer = await one.m.v!.push([{ op: 'add_tag', opId: uid('op'), article, tag: 't' }])
    const viewerBody = await one.m.v!.putBody(sha('v'), 'v')
    expect((await one.m.v!.pullAll()).objects).toHaveLength(1)
    expect((await one.m.a!.request('GET', `/groups/${one.group}`)).status).toBe(200)
    await admin(desk.pg.url, 'revoke', one.group, 'a')
    const revoked = await one.m.a!.request('GET', `/groups/${one.group}/changes`)
    const wrong = await new (one.m.a!.constructor as typeof Member)(desk.server.url, one.group, 'A'.repeat(43)).request('GET', `/groups/${one.group}/changes`)
    const noAuth = await fetch(new URL(`groups/${one.group}/changes`, desk.server.url))
    const cross = await two.m.x!.request('GET', `/groups/${one.group}/changes`)
    const crossBody = await two.m.x!.request('HEAD', `/groups/${one.group}/bodies/${article}`)
    const ownHead = await two.m.x!.request('HEAD', `/groups/${two.group}/bodies/${article}`)
    expect([viewer.status, viewerBody.status, revoked.status, wrong.status, noAuth.status, cross.status, crossBody.status, ownHead.status]).toEqual([403, 403, 401, 401, 401, 404, 404, 404])
    expect(revoked.json.error.code).toBe('revoked')
    console.log(`viewer ${viewer.status}, revoked ${revoked.status}, wrong ${wrong.status}, other group ${cross.status}`)
  })

  it('oversized requests 413 and malformed ones 400, each with a message', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor']])
    const g = m.a!.group
    const big = await m.a!.push([{ op: 'put_comment', opId: uid('op'), id: uid('c'), data: { article: sha('x'), text: 'x'.repeat(3 * 1024 * 1024) } }])
    const bigBody = await m.a!.putBody(sha('y'), 'y'.repeat(17 * 1024 * 1024))
    const badJson = await m.a!.request('POST', `/groups/${g}/changes`, '{"operations": [', { 'content-type': 'application/json' })
    const badOp = await m.a!.push([{ op: 'drop_table', opId: uid('op') }])
    const badHash = await m.a!.putBody(sha('a'), 'b')
    const badSince = await m.a!.request('GET', `/groups/${g}/changes?since=-1`)
    const badCursor = await m.a!.request('GET', `/groups/${g}/changes?cursor=xyz`)
    const empty = await m.a!.push([])
    const statuses = [big, bigBody, badJson, badOp, badHash, badSince, badCursor, empty].map((r) => r.status)
    expect(statuses).toEqual([413, 413, 400, 400, 400, 400, 400, 400])
    for (const r of [big, badJson, badOp, badHash, badSince]) expect(r.json.error.message.length).toBeGreaterThan(5)
    console.log(`refusals: ${statuses.join(' ')}; e.g. "${badHash.json.error.message}"`)
  })
})

describe('push channel and activity', () => {
  it('an online member sees a new version over SSE within 1 s of another member’s push', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['b', 'viewer']])
    const article = await importArticle(m.a!)
    const ac = new AbortController()
    const res = await fetch(new URL(`groups/${m.b!.group}/events`, desk.server.url), { headers: { authorization: `Bearer ${m.b!.token}` }, signal: ac.signal })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    const versions: number[] = []
    const seen = (async () => {
      let buf = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buf += Buffer.from(value).toString()
        for (const m of buf.matchAll(/data: \{"version":(\d+)\}/g)) versions.push(Number(m[1]))
        buf = buf.slice(buf.lastIndexOf('\n\n') + 2)
      }
    })().catch(() => undefined)
    await new Promise((r) => setTimeout(r, 100))
    const t0 = performance.now()
    const v = (await m.a!.push([{ op: 'add_tag', opId: uid('op'), article, tag: 'sse' }])).json.version
    while (!versions.includes(v) && performance.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 5))
    const ms = performance.now() - t0
    ac.abort()
    await seen
    expect(versions).toContain(v)
    expect(ms).toBeLessThan(1000)
    console.log(`SSE: version ${v} seen ${ms.toFixed(1)} ms after the push was sent`)
  })

  it('activity: who imported, annotated and commented, per day', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['a', 'editor'], ['b', 'editor']])
    const article = await importArticle(m.a!)
    await m.b!.push([
      { op: 'put_annotation', opId: uid('op'), id: uid('n'), data: note(article, '1') },
      { op: 'put_annotation', opId: uid('op'), id: uid('n'), data: note(article, '2') },
      { op: 'put_comment', opId: uid('op'), id: uid('c'), data: { article, text: '好' } }
    ])
    const r = await m.a!.request('GET', `/groups/${m.a!.group}/activity?days=7`)
    const day = new Date().toISOString().slice(0, 10)
    expect(r.json.activity).toEqual([
      { day, member: 'a', imported: 1, annotated: 0, commented: 0 },
      { day, member: 'b', imported: 0, annotated: 2, commented: 1 }
    ])
    console.log(`activity ${day}: ${JSON.stringify(r.json.activity)}`)
  })
})
