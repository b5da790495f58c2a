// Moderation on the server (issue 15): an admin hides (and unhides) a colleague's comment as it can a
// highlight; each is a recorded change with a new version, so every library pulls it; nobody else may.
import { createHash, randomUUID } from 'node:crypto'
import { Pool } from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { newGroup, startDesk, type Desk } from './pg-harness'

let desk: Desk
beforeAll(async () => {
  desk = await startDesk()
})
afterAll(async () => desk?.stop())

const id = (): string => randomUUID()
const body = '需要审核的文章正文。'
const hash = createHash('sha256').update(body, 'utf8').digest('hex')

it('an admin hides a comment and unhides it; an editor (even its author) and a viewer are refused', async () => {
  const { m } = await newGroup(desk.pg.url, desk.server.url, [['chief', 'admin'], ['li', 'editor'], ['zhao', 'viewer']])
  const li = m.li!
  await li.putBody(hash, body)
  const comment = id()
  const put = await li.push([
    { op: 'import_article', opId: id(), article: hash, title: '标题' },
    { op: 'put_comment', opId: id(), id: comment, data: { article: hash, text: '不当言论' } }
  ])
  expect(put.status).toBe(200)

  const refused = [await li.push([{ op: 'hide_comment', opId: id(), id: comment, hidden: true }]), await m.zhao!.push([{ op: 'hide_comment', opId: id(), id: comment, hidden: true }])]
  expect(refused.map((r) => r.status)).toEqual([403, 403])
  expect((await m.chief!.push([{ op: 'hide_comment', opId: id(), id: 'nosuchcomment', hidden: true }])).status).toBe(404)

  const hidden = await m.chief!.push([{ op: 'hide_comment', opId: id(), id: comment, hidden: true }])
  expect(hidden.status).toBe(200)
  const afterHide = (await li.pullAll(put.json.version)).objects
  expect(afterHide.map((o) => [o.kind, o.key, o.hidden, o.version])).toEqual([['comment', comment, true, hidden.json.version]])

  // Hiding what is already hidden changes nothing every library would have to pull again.
  const again = await m.chief!.push([{ op: 'hide_comment', opId: id(), id: comment, hidden: true }])
  expect((await li.pullAll(hidden.json.version)).objects).toEqual([])

  const shown = await m.chief!.push([{ op: 'hide_comment', opId: id(), id: comment, hidden: false }])
  const afterUnhide = (await li.pullAll(again.json.version)).objects
  expect(afterUnhide.map((o) => [o.kind, o.hidden, o.data.text, o.author])).toEqual([['comment', false, '不当言论', 'li']])

  // Recorded like every change: the operation log names who hid and unhid it.
  const pool = new Pool({ connectionString: desk.pg.url, max: 1 })
  const log = await pool.query<{ op: string; name: string }>(
    `SELECT o.op, m.name FROM operations o JOIN members m ON m.id = o.member_id WHERE o.key = $1 ORDER BY o.version, o.op`,
    [comment]
  )
  await pool.end()
  expect(log.rows.map((r) => `${r.name}:${r.op}`)).toEqual(['li:put_comment', 'chief:hide_comment', 'chief:hide_comment', 'chief:hide_comment'])
  console.log(
    `hide_comment by editor / viewer / admin: ${refused[0]!.status} / ${refused[1]!.status} / ${hidden.status}; pulled hidden at v${hidden.json.version}, shown again at v${shown.json.version}`
  )
})
