// A member's private objects (reading state, synced settings) on the group server: stored with their
// owner, pulled only with that owner's token, announced only on that owner's event streams; every other
// member sees a version gap and moves past it. Against a real PostgreSQL.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newGroup, startDesk, type Desk, type Member } from './pg-harness'

let desk: Desk
beforeAll(async () => {
  desk = await startDesk()
})
afterAll(async () => {
  await desk?.stop()
})

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')
let n = 0
const uid = (p: string): string => `${p}-${Date.now().toString(36)}-${(n++).toString(36)}`.padEnd(8, 'x')
const PRIVATE = new Set(['reading', 'setting'])

async function importArticle(m: Member): Promise<string> {
  const body = `正文 ${uid('b')}`
  const hash = sha(body)
  expect((await m.putBody(hash, body)).status).toBe(201)
  expect((await m.push([{ op: 'import_article', opId: uid('op'), article: hash, title: '标题' }])).status).toBe(200)
  return hash
}
const reading = (article: string, position: number) => ({ op: 'put_reading', opId: uid('op'), article, data: { readState: 'read', position, progress: 0.5 } })
const setting = (name: string, value: unknown) => ({ op: 'put_setting', opId: uid('op'), name, value })

/** The `version` events one member's stream receives within `ms`. */
async function streamVersions(m: Member, ms: number, during: () => Promise<void>): Promise<number[]> {
  const ctl = new AbortController()
  const res = await fetch(new URL(`groups/${m.group}/events`, m.base), { headers: { authorization: `Bearer ${m.token}` }, signal: ctl.signal })
  const reader = res.body!.getReader()
  let text = ''
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += Buffer.from(value).toString('utf8')
      }
    } catch {
      // aborted
    }
  })()
  await new Promise((r) => setTimeout(r, 150))
  await during()
  await new Promise((r) => setTimeout(r, ms))
  ctl.abort()
  await reading
  return [...text.matchAll(/event: version\ndata: (\{.*\})/g)].map((x) => (JSON.parse(x[1]!) as { version: number }).version)
}

describe('private objects', () => {
  it("li's reading state and settings reach only li's pulls; wang skips the gap; the last write wins", async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['li', 'editor'], ['wang', 'editor']])
    const li = m.li!
    const wang = m.wang!
    const article = await importArticle(li)
    expect((await li.push([reading(article, 120), setting('theme', 'dark')])).status).toBe(200)
    expect((await li.push([reading(article, 480), setting('fontSize', 22)])).status).toBe(200)
    // wang's own reading state of the same article is another object, not an overwrite of li's.
    expect((await wang.push([reading(article, 7)])).status).toBe(200)

    const mine = await li.pullAll()
    const priv = mine.objects.filter((o) => PRIVATE.has(o.kind)).map((o) => `${o.kind}:${o.key === article ? 'article' : o.key}=${JSON.stringify(o.data)}`)
    expect(priv.sort()).toEqual(['reading:article={"position":480,"progress":0.5,"readState":"read"}', 'setting:fontSize={"value":22}', 'setting:theme={"value":"dark"}'])
    const theirs = await wang.pullAll()
    const seen = theirs.objects.filter((o) => PRIVATE.has(o.kind))
    expect(seen.map((o) => `${o.author}:${o.data.position}`)).toEqual(['wang:7'])
    // The gap: wang holds the group version in full without ever receiving li's versions.
    expect(theirs.version).toBe(mine.version)
    const after = await wang.pullAll(theirs.version)
    expect(after.objects).toEqual([])
    console.log(`li pulled ${priv.length} private objects; wang pulled ${seen.length} (his own), version ${theirs.version} reached across li's gaps`)
  })

  it('another member asking in every way (since, page size, forged cursors) never receives them', async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['li', 'editor'], ['wang', 'viewer']])
    const li = m.li!
    const wang = m.wang!
    const articles = [await importArticle(li), await importArticle(li)]
    for (let i = 0; i < 6; i++) expect((await li.push([reading(articles[i % 2]!, i), setting('script', i % 2 ? 'cn' : 'tw')])).status).toBe(200)
    const top = (await li.pullAll()).version
    const keys = [...articles, 'script', 'theme', '']
    let asked = 0
    let leaked = 0
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: top + 1 }),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: top }), fc.constantFrom('reading', 'setting', 'article', 'a'), fc.constantFrom(...keys))),
        async (since, limit, cur) => {
          const q = new URLSearchParams({ since: String(since), limit: String(limit) })
          if (cur) q.set('cursor', Buffer.from(JSON.stringify(cur)).toString('base64url'))
          const r = await wang.request('GET', `/groups/${wang.group}/changes?${q}`)
          asked++
          expect(r.status).toBe(200)
          leaked += (r.json.objects as Array<{ kind: string }>).filter((o) => PRIVATE.has(o.kind)).length
          expect(r.text).not.toMatch(/"kind":"(reading|setting)"/)
        }
      ),
      { numRuns: 120, seed: 15 }
    )
    expect(leaked).toBe(0)
    console.log(`wang asked ${asked} times for li's private objects (random since, limit, forged cursors): ${leaked} received`)
  })

  it("the group's activity does not list a member whose day held only private state (a viewer reading)", async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['li', 'editor'], ['zhao', 'viewer']])
    const article = await importArticle(m.li!)
    expect((await m.zhao!.push([reading(article, 40), setting('theme', 'dark')])).status).toBe(200)
    const r = await m.li!.request('GET', `/groups/${m.li!.group}/activity?days=7`)
    expect(r.status).toBe(200)
    const members = (r.json.activity as { member: string; imported: number }[]).map((a) => `${a.member}:${a.imported}`)
    console.log(`activity after li's import and zhao's private reading state: ${JSON.stringify(members)}`)
    expect(members).toEqual(['li:1'])
  })

  it("a private push is announced on the owner's streams only; a viewer may push private state but nothing shared", async () => {
    const { m } = await newGroup(desk.pg.url, desk.server.url, [['li', 'editor'], ['wang', 'editor'], ['zhao', 'viewer']])
    const li = m.li!
    const article = await importArticle(li)
    let wangSaw: number[] = []
    const liSaw = await streamVersions(li, 400, async () => {
      wangSaw = await streamVersions(m.wang!, 400, async () => {
        expect((await li.push([reading(article, 1)])).status).toBe(200)
      })
    })
    const version = (await li.pullAll()).version
    expect(liSaw).toContain(version)
    expect(wangSaw).not.toContain(version)
    const zhao = m.zhao!
    expect((await zhao.push([reading(article, 3), setting('ruby', true)])).status).toBe(200)
    expect((await zhao.push([reading(article, 4), { op: 'add_tag', opId: uid('op'), article, tag: '防汛' }])).status).toBe(403)
    expect((await zhao.push([setting('windowBounds', '1,2,3,4')])).status).toBe(400)
    // Reading state of an article the group never had: taken (the member's outbox never stalls) and not kept.
    expect((await li.push([reading(sha('never imported'), 9)])).status).toBe(200)
    expect((await li.pullAll()).objects.filter((o) => o.kind === 'reading' && o.key === sha('never imported'))).toEqual([])
    console.log(`private version ${version}: li's stream saw [${liSaw.join(',')}], wang's [${wangSaw.join(',')}]; viewer private push 200, mixed 403, unknown setting 400`)
  })
})
