// Migration 0002 (search index, tag stats, list indexes): existing articles, tags and annotations are
// indexed and searchable right after migrating, and tag counts are back-filled.
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { migrate } from '../../../../src/main/db/migrate'
import { checkIndex, searchArticles } from '../../../../src/main/services/search'
import { listTagCounts } from '../../../../src/main/services/tags'
import { HUALONG } from '../../../helpers/search-library'

let t: TestDb | undefined

afterEach(() => t?.cleanup())

describe('0002_search', () => {
  it('indexes the articles that exist before it runs', async () => {
    t = await createTestDb('0001_init')
    const db = t.db
    const insert = db.sqlite.prepare(
      `INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at)
       VALUES (?, '2024-01-01T00:00:00Z', ?, 'txt', ?, ?, '2024-01-01T00:00:00Z')`
    )
    const lines = HUALONG.split('\n')
    const hualong = Number(insert.run(lines[0], HUALONG, lines.slice(1).join('\n'), 'h1').lastInsertRowid)
    const other = Number(insert.run('G20峰会开幕', '领导人讨论经济', '领导人讨论经济', 'h2').lastInsertRowid)
    db.sqlite.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('政法/独角兽专题', '政法/独角兽专题', 'x')").run()
    db.sqlite.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, 1, 'import')").run(other)
    db.sqlite
      .prepare("INSERT INTO annotations (article_id, color, note, start_offset, end_offset, exact, created_at, updated_at) VALUES (?, 'yellow', '待核实的蝴蝶批注', 0, 2, 'xx', 'x', 'x')")
      .run(other)

    expect(await migrate(db, '0002_search')).toEqual(['0002_search'])

    const found = (q: string) => searchArticles(db, q).hits.map((h) => h.id)
    expect(found('华龙区')).toEqual([hualong])
    expect(found('華龍區')).toEqual([hualong])
    expect(found('治')).toContain(hualong)
    expect(found('g20')).toEqual([other])
    expect(found('独角兽专题')).toEqual([other]) // tag name
    expect(found('蝴蝶批注')).toEqual([other]) // annotation note
    expect(checkIndex(db)).toMatchObject({ ok: true, articles: 2, indexed: 2, pending: 0 })
    expect(listTagCounts(db)).toEqual(
      expect.arrayContaining([
        { name: '政法/独角兽专题', count: 1, direct: 1, implicit: false },
        { name: '政法', count: 1, direct: 0, implicit: true }
      ])
    )
    const indexes = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name)
    expect(indexes).toEqual(expect.arrayContaining(['articles_read_imported', 'articles_date']))
    const tables = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)
    expect(tables).toEqual(expect.arrayContaining(['search_bi', 'search_uni', 'search_dirty', 'search_meta', 'tag_stats', 'tag_undo']))
  })

  it('runs on an empty library', async () => {
    t = await createTestDb()
    expect(checkIndex(t.db)).toMatchObject({ ok: true, articles: 0, indexed: 0 })
  })
})
