// A one-term search that also matches tag names carried by thousands of articles (issue 16: 主题 on 90,000
// articles took 100+ ms): the page is read without unioning every tagged article, and is the same page
// as the full ranking computed here from the index (bm25, tag bonus, title hits first, newest first).
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchArticles } from '../../../../src/main/services/search'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { addArticle, corpusArticles } from '../../../helpers/search-library'

let t: TestDb
const N = 3300

beforeAll(async () => {
  t = await createTestDb()
  const texts = corpusArticles(200)
  t.db.sqlite.transaction(() => {
    for (let i = 0; i < N; i++) {
      const a = texts[i % texts.length] as { title: string; content: string }
      const extra = i % 97 === 0 ? '本期主题是城市治理。' : ''
      const title = i % 301 === 0 ? `主题活动${i}` : `${a.title}（${i}）`
      addArticle(t.db, { title, body: extra + a.content, tags: i % 3 === 0 ? [] : [`领域${i % 4}/主题${i % 5}`] })
    }
  })()
})

afterAll(() => t.cleanup())

/** The whole ranking of 主题 from the index itself, in the order the search defines. */
function reference(): number[] {
  const s = t.db.sqlite
  const text = new Map((s.prepare(`SELECT rowid AS id, bm25(search_bi, 8.0, 1.0, 3.0) AS score FROM search_bi WHERE search_bi MATCH '"主题"'`).all() as { id: number; score: number }[]).map((r) => [r.id, r.score]))
  const title = new Set(s.prepare(`SELECT rowid FROM search_bi WHERE search_bi MATCH '{title} : ("主题")'`).pluck().all() as number[])
  const tagged = new Set(s.prepare(`SELECT DISTINCT article_id FROM article_tags at JOIN tags g ON g.id = at.tag_id WHERE g.name LIKE '%主题%'`).pluck().all() as number[])
  const all = [...new Set([...text.keys(), ...tagged])]
  const score = (id: number) => (text.get(id) ?? 0) - (tagged.has(id) ? 5 : 0) - (title.has(id) ? 1000 : 0)
  return all.sort((x, y) => score(x) - score(y) || y - x)
}

describe('a term that matches tag names of many articles', () => {
  it('pages like the full ranking, without unioning the tagged articles', () => {
    const want = reference()
    expect(want.length).toBeGreaterThan(2000)
    for (const offset of [0, 50, 1500]) {
      const t0 = performance.now()
      const page = searchArticles(t.db, '主题', { limit: 50, offset, snippets: false })
      console.log(`主题 offset ${offset}: ${page.hits.length} of ${page.total} hits in ${(performance.now() - t0).toFixed(1)} ms`)
      expect(page.total).toBe(want.length)
      expect(page.hits.map((h) => h.id)).toEqual(want.slice(offset, offset + 50))
    }
  })
})
