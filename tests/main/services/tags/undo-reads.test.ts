// What undoing a merge or a delete reads (issue 16). At 1M, reading each restored article's row is a random
// page of the largest table: the undo of a merge read every moved article's row (to count subtrees, then to
// filter the insert) although the moved links go back by one UPDATE that needs none of them (0.5-4.9 s for
// 15,909 links, mostly those reads); the undo of a delete read the rows once to count and again in the
// insert, which reads each twice itself (its existence join, then the foreign-key check). Measured as pages
// SQLite reads from the file (/proc/self/io), with a cache too small to keep them.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteTag, listTagCounts, mergeTags, undoTagOperation } from '../../../../src/main/services/tags'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

let t: TestDb
const N = 3_000
let articlePages = 0

beforeAll(async () => {
  t = await createTestDb()
  const s = t.db.sqlite
  const tag = s.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES (?, ?, 'x')")
  const ids = Object.fromEntries(['领域/主题1', '领域/主题2', '标签'].map((name) => [name, Number(tag.run(name, name).lastInsertRowid)]))
  // Rows of about 2 KB: each article lookup is a page of its own, as in a library of real articles.
  const insert = s.prepare("INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('t', 'x', ?, 'txt', 'x', ?, 'x')")
  const link = s.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'import')")
  s.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = Number(insert.run('正文'.repeat(350) + i, `h${i}`).lastInsertRowid)
      link.run(id, ids['领域/主题1'])
      if (i % 10 === 0) link.run(id, ids['领域/主题2'])
      if (i % 7 === 0) link.run(id, ids['标签'])
    }
  })()
  listTagCounts(t.db)
  articlePages = s.prepare("SELECT count(*) FROM dbstat WHERE name = 'articles'").pluck().get() as number
})

afterAll(() => t.cleanup())

/**
 * Pages this process read from files while `fn` ran, from the library file alone (checkpointed first) with
 * SQLite's own cache emptied and cut to 200 pages: room for the links and the tree's inner pages, not for
 * the articles table.
 */
function pagesRead(fn: () => void): number {
  const rchar = () => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1])
  const s = t.db.sqlite
  s.pragma('wal_checkpoint(TRUNCATE)')
  s.pragma('cache_size = 0')
  s.pragma('cache_size = 200')
  const before = rchar()
  try {
    fn()
  } finally {
    s.pragma('cache_size = -32000')
  }
  return Math.round((rchar() - before) / 4096)
}

/** Links and counts as stored, and the tag list against a full recount. */
function state() {
  const s = t.db.sqlite
  const links = s.prepare('SELECT article_id, tag_id, origin FROM article_tags ORDER BY article_id, tag_id').all()
  const stats = s.prepare('SELECT tag_id, article_count FROM tag_stats WHERE article_count <> 0 ORDER BY tag_id').all()
  const kept = listTagCounts(t.db)
  s.exec("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('tag_tree_stale', '1')")
  return { links, stats, kept, recounted: listTagCounts(t.db) }
}

describe.runIf(process.platform === 'linux')('undoing a tag operation', () => {
  it(`a merge's undo reads no article row for the links it moves back (${N} links)`, () => {
    const before = state()
    const op = mergeTags(t.db, ['领域/主题1'], '领域/主题2')
    const pages = pagesRead(() => undoTagOperation(t.db, op.token))
    console.log(`undo of a merge of ${N} links: ${pages} pages read; the articles table has ${articlePages}`)
    // The article_tags pages and the rows of the 300 articles that carried both tags, not the articles table twice.
    expect(pages).toBeLessThan(articlePages / 2)
    const after = state()
    expect(after.kept).toEqual(after.recounted)
    expect(after.links).toEqual(before.links)
    expect(after.stats).toEqual(before.stats)
  })

  it(`a delete's undo reads the articles table only in its insert (${N} links)`, () => {
    const before = state()
    const op = deleteTag(t.db, '领域/主题1')
    const pages = pagesRead(() => undoTagOperation(t.db, op.token))
    console.log(`undo of a delete of ${N} links: ${pages} pages read; the articles table has ${articlePages}`)
    // The insert's two reads of each row (before: four).
    expect(pages).toBeLessThan(articlePages * 3)
    const after = state()
    expect(after.kept).toEqual(after.recounted)
    expect(after.links).toEqual(before.links)
    expect(after.stats).toEqual(before.stats)
  })
})
