// Migration 0011: the comments table, and sync_outbox rebuilt to take 'comment' rows: the rows waiting in
// it, their ids and op_ids, the AUTOINCREMENT counter and the 0006 triggers that fill it all survive.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { setApplying } from '../../../../src/main/db/repositories/sync.repository'
import { createAnnotation } from '../../../../src/main/services/annotations'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { addTags } from '../../../../src/main/services/tags'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0011_comments', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('keeps the waiting outbox rows and their triggers, takes comments, records only own comments while bound', async () => {
    t = await createTestDb('0010_import_undo')
    const db = t.db.sqlite
    const file = join(t.dir, 'a.txt')
    writeFileSync(file, `防汛会议\n\n${'华龙区今日召开会议，部署防汛工作。'.repeat(10)}`)
    const id = (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
    // Bound as 0006 left it (the repository's bindLibrary is today's and knows comments): the binding row
    // turns the triggers on, and the article's insert waits in the outbox.
    db.prepare(`INSERT INTO sync_binding (id, server, group_id, member_name, member_role, bound_at) VALUES (1, 'http://127.0.0.1:1/', ?, 'li', 'editor', ?)`).run(crypto.randomUUID(), new Date().toISOString())
    db.prepare(`INSERT INTO sync_outbox (entity, op, local_id) VALUES ('article', 'insert', ?)`).run(id)
    addTags(t.db, [id], ['防汛'])
    // A row pushed and gone: its id must never be handed out again.
    db.prepare(`DELETE FROM sync_outbox WHERE id = (SELECT max(id) FROM sync_outbox)`).run()
    const before = db.prepare('SELECT id, op_id, entity, op, local_id, payload, created_at FROM sync_outbox ORDER BY id').all()
    const seq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'`).pluck().get() as number
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_outbox%' ORDER BY name`).all()

    await migrate(t.db, '0011_comments')
    expect(db.prepare('SELECT id, op_id, entity, op, local_id, payload, created_at FROM sync_outbox ORDER BY id').all()).toEqual(before)
    const after = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_outbox%' AND name NOT LIKE 'sync_comments%' ORDER BY name`).all()
    expect(after).toEqual(triggers)
    // The 0006 triggers still record (a highlight), with the next id after the counter and a fresh op_id.
    createAnnotation(t.db, { articleId: id, textKind: 'clean', start: 0, end: 3, color: 'yellow' })
    const next = db.prepare(`SELECT id, op_id, entity FROM sync_outbox ORDER BY id DESC LIMIT 1`).get() as { id: number; op_id: string; entity: string }
    expect(next.entity).toBe('annotation')
    expect(next.id).toBe(seq + 1)
    expect(next.op_id).toMatch(/^[0-9a-f]{32}$/)

    const now = new Date().toISOString()
    const insert = db.prepare(`INSERT INTO comments (article_id, author, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
    const own = Number(insert.run(id, null, '需要核实', now, now).lastInsertRowid)
    insert.run(id, 'wang', '同意', now, now) // a colleague's: not this member's to send
    db.prepare('UPDATE comments SET text = ? WHERE id = ?').run('需要再核实', own)
    setApplying(t.db, true)
    insert.run(id, null, '拉取来的', now, now) // written by a pull: never echoed back
    setApplying(t.db, false)
    db.prepare('DELETE FROM comments WHERE id = ?').run(own)
    const rows = db.prepare(`SELECT op, payload FROM sync_outbox WHERE entity = 'comment' ORDER BY id`).all() as { op: string; payload: string }[]
    expect(rows.map((r) => r.op)).toEqual(['insert', 'update', 'delete'])
    const key = db.prepare(`SELECT key FROM sync_objects WHERE kind = 'comment' AND local_id = ?`).pluck().get(own)
    expect(JSON.parse(rows[2]!.payload)).toEqual({ key })
    expect(JSON.parse(rows[1]!.payload)).toEqual({ article: id, text: '需要再核实' })
    expect(() => insert.run(9999, null, 'x', now, now)).toThrow(/FOREIGN KEY/)
    // Deleting the article takes its comments, and is not a deletion of each of them.
    const outboxBefore = db.prepare(`SELECT count(*) FROM sync_outbox WHERE entity = 'comment'`).pluck().get()
    db.prepare('DELETE FROM articles').run()
    expect(db.prepare('SELECT count(*) FROM comments').pluck().get()).toBe(0)
    expect(db.prepare(`SELECT count(*) FROM sync_outbox WHERE entity = 'comment'`).pluck().get()).toBe(outboxBefore)
    console.log(`0011: ${before.length} outbox rows and ${triggers.length} triggers kept across the rebuild; next id ${next.id} after counter ${seq}; comment rows ${rows.map((r) => r.op).join(',')}`)
  })

  it('rebuilds an empty outbox of a library never bound', async () => {
    t = await createTestDb('0010_import_undo')
    await migrate(t.db, '0011_comments')
    const db = t.db.sqlite
    expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0)
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'sync_outbox'`).pluck().get()).toMatch(/'comment'/)
    console.log('0011: empty outbox rebuilt with the comment entity')
  })
})
