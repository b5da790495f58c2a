import { afterEach, describe, expect, it } from 'vitest'
import { appliedMigrations, migrate, NewerDatabaseError } from '../../../../src/main/db/migrate'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

describe('migration 0001_init', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('creates the library tables with WAL, foreign keys and synchronous=FULL', async () => {
    t = await createTestDb('0001_init')
    const tables = (
      t.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name)
    expect(tables).toEqual(
      expect.arrayContaining(['annotations', 'article_tags', 'articles', 'imports', 'schema_migrations', 'settings', 'tags'])
    )
    expect(t.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(t.db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(t.db.sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(appliedMigrations(t.db)).toContain('0001_init')
  })

  it('enforces unique content hashes and cascades article deletion to tags links and annotations', async () => {
    t = await createTestDb('0001_init')
    const now = new Date().toISOString()
    const insert = t.db.sqlite.prepare(
      `INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at)
       VALUES (?, ?, ?, 'text', ?, ?, ?)`
    )
    const id = Number(insert.run('标题', now, '原文', '正文', 'h1', now).lastInsertRowid)
    expect(() => insert.run('另一篇', now, '原文', '正文', 'h1', now)).toThrow(/UNIQUE/)
    t.db.sqlite.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('政法', '政法', ?)").run(now)
    t.db.sqlite.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, 1, 'user')").run(id)
    t.db.sqlite
      .prepare(
        "INSERT INTO annotations (article_id, color, start_offset, end_offset, exact, created_at, updated_at) VALUES (?, 'yellow', 0, 2, '正文', ?, ?)"
      )
      .run(id, now, now)
    t.db.sqlite.prepare('DELETE FROM articles WHERE id = ?').run(id)
    expect(t.db.sqlite.prepare('SELECT count(*) AS n FROM article_tags').get()).toEqual({ n: 0 })
    expect(t.db.sqlite.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 })
    expect(t.db.sqlite.prepare("SELECT count(*) AS n FROM tags").get()).toEqual({ n: 1 })
  })

  it('refuses a library written by a newer version instead of touching it', async () => {
    t = await createTestDb()
    t.db.sqlite.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', 'x')").run()
    await expect(migrate(t.db)).rejects.toBeInstanceOf(NewerDatabaseError)
  })

  it('rolls a failing migration back completely', async () => {
    t = await createTestDb()
    const before = appliedMigrations(t.db)
    const failing = {
      name: '9000_broken',
      up: async (db: import('kysely').Kysely<any>) => {
        await db.schema.createTable('half_done').addColumn('x', 'integer').execute()
        throw new Error('boom')
      }
    }
    const { MIGRATIONS } = await import('../../../../src/main/db/migrations')
    await expect(migrate(t.db, undefined, [...MIGRATIONS, failing])).rejects.toThrow('boom')
    expect(appliedMigrations(t.db)).toEqual(before)
    expect(t.db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 })
  })
})
