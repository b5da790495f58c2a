// Writes that meet a deleted article, found by the real-client convergence property
// (tests/main/services/sync/convergence.property.test.ts): a client that has not pulled the deletion yet
// gets a conflict it can resolve by pulling, and an article imported again brings back what hangs on it.
import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { newGroup, startDesk, type Desk } from './pg-harness'

let desk: Desk
beforeAll(async () => {
  desk = await startDesk()
})
afterAll(async () => desk?.stop())

const id = (): string => randomUUID()
const body = '被删除的文章正文。'
const hash = createHash('sha256').update(body, 'utf8').digest('hex')

it('a tag, field or highlight on an article deleted since the last pull is a 412 conflict on the article, not a 404', async () => {
  const { m } = await newGroup(desk.pg.url, desk.server.url, [['li', 'editor'], ['wang', 'editor']])
  const li = m.li!
  expect((await li.putBody(hash, body)).status).toBe(201)
  const imported = await li.push([{ op: 'import_article', opId: id(), article: hash, title: '标题' }])
  const deleted = await li.push([{ op: 'delete_article', opId: id(), article: hash, ifVersion: imported.json.version }])
  expect(deleted.status).toBe(200)
  const ops = [
    { op: 'add_tag', opId: id(), article: hash, tag: '要闻' },
    { op: 'set_field', opId: id(), article: hash, field: 'author', value: '王', ifVersion: 0 },
    { op: 'put_annotation', opId: id(), id: id(), data: { article: hash, start: 0, end: 2, quote: '被删', note: '核实' } }
  ]
  const statuses: number[] = []
  for (const op of ops) {
    const r = await m.wang!.push([op])
    statuses.push(r.status)
    expect(r.json.conflicts).toEqual([{ opId: op.opId, kind: 'article', key: hash, currentVersion: deleted.json.version }])
  }
  expect(statuses).toEqual([412, 412, 412])
  // Never in the group at all: still refused as unknown.
  const unknown = await m.wang!.push([{ op: 'add_tag', opId: id(), article: 'f'.repeat(64), tag: '要闻' }])
  expect(unknown.status).toBe(404)
  console.log(`tag / field / highlight on a deleted article: ${statuses.join(' / ')}; on an article never imported: ${unknown.status}`)
})

it('importing a deleted article again gives its live tags and highlights a new version, so every client pulls them again', async () => {
  const { m } = await newGroup(desk.pg.url, desk.server.url, [['li', 'editor']])
  const li = m.li!
  await li.putBody(hash, body)
  const ann = id()
  await li.push([
    { op: 'import_article', opId: id(), article: hash, title: '标题' },
    { op: 'add_tag', opId: id(), article: hash, tag: '要闻' },
    { op: 'put_annotation', opId: id(), id: ann, data: { article: hash, start: 0, end: 2, quote: '被删', note: '核实' } }
  ])
  const deleted = await li.push([{ op: 'delete_article', opId: id(), article: hash, ifVersion: 1 }])
  const again = await li.push([{ op: 'import_article', opId: id(), article: hash, title: '标题' }])
  const pulled = await li.pullAll(deleted.json.version)
  const kinds = pulled.objects.map((o) => `${o.kind}@${o.version}`).sort()
  expect(kinds).toEqual([`annotation@${again.json.version}`, `article@${again.json.version}`, `tag@${again.json.version}`])
  console.log(`pulled after the deletion, once imported again: ${kinds.join(', ')}`)
})
