// The member's private state across their own libraries, against a real group server on a real
// PostgreSQL: li on two machines (two libraries, one token) sees the same read state, reading position
// and synced settings on both; wang, in the same group, receives none of it, and the server's answers
// to him carry none of it either.
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../../src/main/db/connection'
import { updateReading } from '../../../../src/main/db/repositories/article.repository'
import { getSettings, setSettings } from '../../../../src/main/db/repositories/settings.repository'
import { SyncError, syncOnce, syncStatus } from '../../../../src/main/services/sync'
import { ArchiveClient } from '../../../../src/main/services/sync/client'
import { importOne, useSyncWorld } from './sync-world'

const world = useSyncWorld()
const { library, group } = world

type State = { read_state: string; reading_position: number; progress: number }
const state = (db: Db, title: string): State =>
  db.sqlite.prepare('SELECT read_state, reading_position, progress FROM articles WHERE title = ?').get(title) as State
const idOf = (db: Db, title: string): number => db.sqlite.prepare('SELECT id FROM articles WHERE title = ?').pluck().get(title) as number
const pendingOf = (db: Db, entity: string): number => db.sqlite.prepare('SELECT count(*) FROM sync_outbox WHERE entity = ?').pluck().get(entity) as number

describe('private state across the member’s own libraries', () => {
  it('read state, position and a setting follow li to her second machine; wang receives none of them', async () => {
    const g = await group(['li', 'editor'], ['wang', 'editor'])
    const office = await library()
    const home = await library()
    const colleague = await library()
    await importOne(office, '防汛会议')
    await importOne(office, '交通管制')
    await syncOnce(office.db, g.li!)
    await syncOnce(home.db, g.li!)
    await syncOnce(colleague.db, g.wang!)

    updateReading(office.db, idOf(office.db, '防汛会议'), { readState: 'read', position: 1234, progress: 0.6 })
    setSettings(office.db, { theme: 'dark', fontSize: 24 })
    await syncOnce(office.db, g.li!)
    const pulled = await syncOnce(home.db, g.li!)
    await syncOnce(colleague.db, g.wang!)
    expect(state(home.db, '防汛会议')).toEqual({ read_state: 'read', reading_position: 1234, progress: 0.6 })
    expect(state(home.db, '交通管制')).toEqual({ read_state: 'unread', reading_position: 0, progress: 0 })
    expect(getSettings(home.db)).toMatchObject({ theme: 'dark', fontSize: 24 })
    // Applied quietly: nothing echoed back from the second machine.
    expect(syncStatus(home.db).pending).toBe(0)
    expect(state(colleague.db, '防汛会议')).toEqual({ read_state: 'unread', reading_position: 0, progress: 0 })
    expect(getSettings(colleague.db)).toMatchObject({ theme: 'light', fontSize: 19 })

    // The server's own answers to wang: none of li's private objects, and the version he holds in full.
    const asWang = new ArchiveClient(g.wang!)
    const page = await asWang.pull(0)
    expect(page.objects.filter((o) => o.kind === 'reading' || o.kind === 'setting')).toEqual([])
    const asLi = await new ArchiveClient(g.li!).pull(0)
    expect(page.version).toBe(asLi.version)
    const stored = (await world.pool.query<{ n: string }>('SELECT count(*) AS n FROM private_objects WHERE group_id = $1', [g.li!.group])).rows[0]!.n
    expect(Number(stored)).toBe(3)
    // And back: marked unread at home, it is unread at the office.
    updateReading(home.db, idOf(home.db, '防汛会议'), { readState: 'unread' })
    await syncOnce(home.db, g.li!)
    await syncOnce(office.db, g.li!)
    expect(state(office.db, '防汛会议').read_state).toBe('unread')
    console.log(`home pulled ${JSON.stringify(pulled)}; server holds ${stored} private objects of li; wang's pull (${page.objects.length} objects, version ${page.version}) carries 0 of them`)
  })

  it('a change made offline goes out later; a pulled value never overwrites one still waiting here', async () => {
    const g = await group(['li', 'editor'])
    const office = await library()
    const home = await library()
    await importOne(office, '防汛会议')
    await syncOnce(office.db, g.li!)
    await syncOnce(home.db, g.li!)
    const port = await world.stopServer()
    updateReading(office.db, idOf(office.db, '防汛会议'), { position: 900, progress: 0.4 })
    setSettings(office.db, { script: 'tw' })
    await expect(syncOnce(office.db, g.li!)).rejects.toBeInstanceOf(SyncError)
    const waiting = syncStatus(office.db).pending
    expect(waiting).toBe(2)
    await world.startServerAgain(port)
    // Meanwhile at home (online), a later position: it waits here while the office's goes out first.
    updateReading(home.db, idOf(home.db, '防汛会议'), { position: 50, progress: 0.05 })
    await syncOnce(office.db, g.li!)
    await syncOnce(home.db, g.li!)
    expect(state(home.db, '防汛会议').reading_position).toBe(50)
    expect(getSettings(home.db).script).toBe('tw')
    await syncOnce(office.db, g.li!)
    expect(state(office.db, '防汛会议').reading_position).toBe(50)
    console.log(`office offline: ${waiting} change(s) waited and went out on reconnect; home's later position 50 kept over the office's 900 and followed back`)
  })

  it('scrolling 500 times leaves one pending row per article', async () => {
    const g = await group(['li', 'editor'])
    const office = await library()
    const a = await importOne(office, '防汛会议')
    const b = await importOne(office, '交通管制')
    await syncOnce(office.db, g.li!)
    for (let i = 1; i <= 500; i++) updateReading(office.db, i % 2 ? a : b, { position: i * 10, progress: i / 500 })
    for (let i = 0; i < 50; i++) setSettings(office.db, { fontSize: 14 + (i % 18) })
    const rows = pendingOf(office.db, 'reading')
    const settings = pendingOf(office.db, 'setting')
    expect(rows).toBe(2)
    expect(settings).toBe(1)
    const report = await syncOnce(office.db, g.li!)
    expect(report.pushed).toBe(3)
    const home = await library()
    await syncOnce(home.db, g.li!)
    expect(state(home.db, '交通管制')).toEqual({ read_state: 'unread', reading_position: 5000, progress: 1 })
    console.log(`500 scroll updates on 2 articles and 50 font size changes: ${rows} reading rows and ${settings} setting row pending; pushed ${report.pushed}`)
  })
})
