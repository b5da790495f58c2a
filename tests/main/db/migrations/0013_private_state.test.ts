// Migration 0013: sync_outbox rebuilt to take 'reading' and 'setting' rows (waiting rows, ids, counter and
// the earlier triggers kept), and the triggers that record the member's private state: one pending row per
// article or setting, only the synced settings, nothing while unbound or applying a pull.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { setApplying } from '../../../../src/main/db/repositories/sync.repository'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { addTags } from '../../../../src/main/services/tags'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0013_private_state', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('keeps the waiting outbox and its triggers; records reading state and synced settings, one row each', async () => {
    t = await createTestDb('0012_import_throughput')
    const db = t.db.sqlite
    const file = join(t.dir, 'a.txt')
    writeFileSync(file, `防汛会议\n\n${'华龙区今日召开会议，部署防汛工作。'.repeat(10)}`)
    const id = (await importPaths(t.db, [file], { worker: false })).imported[0]!.id
    const scroll = db.prepare('UPDATE articles SET reading_position = ?, progress = ? WHERE id = ?')
    scroll.run(5, 0.1, id) // before binding: not recorded
    db.prepare(`INSERT INTO sync_binding (id, server, group_id, member_name, member_role, bound_at) VALUES (1, 'http://127.0.0.1:1/', ?, 'li', 'editor', ?)`).run(crypto.randomUUID(), new Date().toISOString())
    db.prepare(`INSERT INTO sync_outbox (entity, op, local_id) VALUES ('article', 'insert', ?)`).run(id)
    addTags(t.db, [id], ['防汛'])
    const before = db.prepare('SELECT id, op_id, entity, op, local_id, payload, created_at FROM sync_outbox ORDER BY id').all()
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_outbox%' ORDER BY name`).all()

    await migrate(t.db, '0013_private_state')
    expect(db.prepare('SELECT id, op_id, entity, op, local_id, payload, created_at FROM sync_outbox ORDER BY id').all()).toEqual(before)
    const kept = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_outbox%' AND name NOT IN ('sync_reading_au', 'sync_settings_ai', 'sync_settings_au') ORDER BY name`).all()
    expect(kept).toEqual(triggers)

    for (let i = 1; i <= 200; i++) scroll.run(i * 10, i / 200, id)
    db.prepare(`UPDATE articles SET read_state = 'read' WHERE id = ?`).run(id)
    const put = db.prepare(`INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json`)
    put.run('theme', '"dark"')
    put.run('theme', '"sepia"')
    put.run('fontSize', '22')
    put.run('sync.token', '"secret"') // never a synced setting
    put.run('windowBounds', '[1,2,3,4]')
    setApplying(t.db, true)
    scroll.run(1, 0, id) // a pull's write: never echoed
    put.run('ruby', 'true')
    setApplying(t.db, false)
    const rows = db.prepare(`SELECT entity, payload FROM sync_outbox WHERE entity IN ('reading', 'setting') ORDER BY id`).all() as { entity: string; payload: string }[]
    expect(rows.map((r) => `${r.entity} ${r.payload}`)).toEqual([
      'reading {"readState":"read","position":2000,"progress":1.0}',
      'setting {"name":"theme","value":"sepia"}',
      'setting {"name":"fontSize","value":22}'
    ])
    console.log(`0013: ${before.length} outbox rows and ${triggers.length} triggers kept; 201 reading changes and 5 settings writes left ${rows.length} rows`)
  })
})
