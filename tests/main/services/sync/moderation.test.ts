// Moderation between libraries on one group, against a real group server on a real PostgreSQL: an admin
// hides a colleague's highlight and comment from the app; they leave every library on its next pull (the
// author's too) and come back with the admin's Undo (unhide). Only an admin may; a viewer's window is refused
// before the service runs.
import { Pool } from 'pg'
import { describe, expect, it } from 'vitest'
import type { AppContext } from '../../../../src/main/app/context'
import type { Db } from '../../../../src/main/db/connection'
import { assertWritable } from '../../../../src/main/ipc/read-only'
import { createAnnotation, listAnnotations } from '../../../../src/main/services/annotations'
import { addComment, listComments } from '../../../../src/main/services/comments'
import { syncOnce, syncStatus } from '../../../../src/main/services/sync'
import { hideItem, unhideItem } from '../../../../src/main/services/sync/moderation'
import { importOne, useSyncWorld } from './sync-world'

const world = useSyncWorld()
const { library, group } = world

const articleId = (db: Db): number => db.sqlite.prepare('SELECT id FROM articles ORDER BY id LIMIT 1').pluck().get() as number
const notes = (db: Db): string[] => [
  ...listAnnotations(db, articleId(db)).items.map((a) => `${a.author ?? 'mine'}: ${a.note ?? a.quote}`),
  ...listComments(db, articleId(db)).items.map((c) => `${c.mine ? 'mine' : c.author}: ${c.text}`)
]

describe('moderation in the app', () => {
  it("an admin hides a colleague's highlight and comment: gone from every library on its next pull, back with Undo", async () => {
    const g = await group(['chief', 'admin'], ['li', 'editor'], ['wang', 'editor'], ['zhao', 'viewer'])
    const [chief, li, wang, zhao] = [await library(), await library(), await library(), await library()]
    await importOne(li, '防汛会议')
    await syncOnce(li.db, g.li!)
    createAnnotation(li.db, { articleId: articleId(li.db), textKind: 'clean', start: 0, end: 3, color: 'yellow', note: '不实' })
    addComment(li.db, articleId(li.db), '这是广告')
    await syncOnce(li.db, g.li!)
    for (const [t, who] of [[chief, 'chief'], [wang, 'wang'], [zhao, 'zhao']] as const) await syncOnce(t.db, g[who]!)
    expect(notes(wang.db)).toEqual(['li: 不实', 'li: 这是广告'])

    const highlight = listAnnotations(chief.db, articleId(chief.db)).items[0]!.id
    const comment = listComments(chief.db, articleId(chief.db)).items[0]!.id
    // Only an admin: an editor is refused by the service, a viewer before any handler runs.
    expect(() => hideItem(wang.db, 'comment', listComments(wang.db, articleId(wang.db)).items[0]!.id)).toThrow(/only an admin/)
    expect(() => assertWritable('comments:hide', { db: zhao.db } as AppContext)).toThrow(/read-only/)
    expect(() => hideItem(li.db, 'comment', listComments(li.db, articleId(li.db)).items[0]!.id)).toThrow(/only an admin/)

    const hid = [hideItem(chief.db, 'annotation', highlight), hideItem(chief.db, 'comment', comment)]
    expect(notes(chief.db)).toEqual([])
    expect(syncStatus(chief.db).pending).toBe(2)
    await syncOnce(chief.db, g.chief!)
    for (const [t, who] of [[li, 'li'], [wang, 'wang'], [zhao, 'zhao']] as const) await syncOnce(t.db, g[who]!)
    const afterHide = [notes(chief.db), notes(li.db), notes(wang.db), notes(zhao.db)].map((n) => n.length)
    expect(afterHide).toEqual([0, 0, 0, 0])

    for (const h of hid) unhideItem(chief.db, h.kind, h.key)
    await syncOnce(chief.db, g.chief!)
    for (const [t, who] of [[li, 'li'], [wang, 'wang'], [zhao, 'zhao']] as const) await syncOnce(t.db, g[who]!)
    expect(notes(chief.db)).toEqual(['li: 不实', 'li: 这是广告'])
    expect(notes(wang.db)).toEqual(['li: 不实', 'li: 这是广告'])
    expect(notes(li.db)).toEqual(['mine: 不实', 'mine: 这是广告'])
    expect([chief, li, wang].map((t) => syncStatus(t.db).pending)).toEqual([0, 0, 0])
    console.log(`notes per library (chief, li, wang, zhao) after hide: ${afterHide.join(', ')}; after Undo: ${[chief, li, wang, zhao].map((t) => notes(t.db).length).join(', ')}`)
  })

  it('a hide queued by a member who is no longer an admin is left out with a note, and the outbox does not stall', async () => {
    const g = await group(['chief', 'admin'], ['li', 'editor'])
    const [chief, li] = [await library(), await library()]
    await importOne(li, '防汛会议')
    await syncOnce(li.db, g.li!)
    addComment(li.db, articleId(li.db), '这是广告')
    await syncOnce(li.db, g.li!)
    await syncOnce(chief.db, g.chief!)
    hideItem(chief.db, 'comment', listComments(chief.db, articleId(chief.db)).items[0]!.id)
    // Demoted on the server meanwhile: the round learns the role before it pushes.
    const pool = new Pool({ connectionString: world.pg.url, max: 1 })
    await world.pool.query("UPDATE members SET role = 'editor' WHERE name = 'chief'")
    await pool.end()
    const report = await syncOnce(chief.db, g.chief!)
    expect(report.notes?.filter((n) => /no longer an admin/.test(n))).toHaveLength(1)
    expect(syncStatus(chief.db).pending).toBe(0)
    console.log(`pending after a round with a hide queued before the demotion: ${syncStatus(chief.db).pending}`)
  })
})
