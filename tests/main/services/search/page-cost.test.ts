// Issue 16: a search's cost follows its page, not its matches. A page that ranks every match counts them
// in the same statement (no second FTS walk); a query of several terms, some matching tag names, starts
// from the terms that match none (no union of a tag's whole article set); a one-term query that matches
// tag names counts tagged articles plus untagged text hits (no union either); a one-token term takes its
// total from the index's document counts. Every page and total is checked against the full ranking or
// count computed here from the index and the tags.
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldForSearch } from '@shared/script'
import { deleteArticles } from '../../../../src/main/db/repositories/article.repository'
import { compileQuery, flushSearchIndex, searchArticles, searchCount } from '../../../../src/main/services/search'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { addArticle, corpusArticles } from '../../../helpers/search-library'
import { statementsRun } from '../../../helpers/statements'

let t: TestDb
const N = 1500

beforeAll(async () => {
  t = await createTestDb()
  const texts = corpusArticles(150)
  t.db.sqlite.transaction(() => {
    for (let i = 0; i < N; i++) {
      const a = texts[i % texts.length] as { title: string; content: string }
      const extra = (i % 29 === 0 ? '城市治理的经验。' : '') + (i % 13 === 0 ? '领域2的报道。' : '') + (i % 17 === 0 ? '领域1的进展。' : '') + (i % 19 === 0 ? '贴上标签。' : '')
      const tags = i % 3 === 0 ? [] : i % 3 === 1 ? [`领域2/主题${i % 4}`] : i % 9 === 2 ? [`领域1/主题${i % 4}`] : i % 9 === 5 ? [`标签${i % 4}`] : []
      addArticle(t.db, { title: i % 50 === 0 ? `主题${i}` : `${a.title}（${i}）`, body: extra + a.content, tags })
    }
  })()
})

afterAll(() => t.cleanup())

/** The texts of the statements `fn` runs. */
const statementsOf = (fn: () => void): string[] => statementsRun(t.db, fn)

const ftsIds = (match: string): number[] => t.db.sqlite.prepare('SELECT rowid FROM search_bi WHERE search_bi MATCH ?').pluck().all(match) as number[]
const taggedIds = (like: string): Set<number> =>
  new Set(t.db.sqlite.prepare('SELECT DISTINCT at.article_id FROM article_tags at JOIN tags g ON g.id = at.tag_id WHERE g.name LIKE ?').pluck().all(`%${like}%`) as number[])

/** The whole ranking of a query whose terms may match tag names: bm25 of all terms where the text has them, the tag bonus, newest first. */
function reference(text: string, tagTerms: Record<number, string>): number[] {
  const q = compileQuery(text, foldForSearch)
  const score = new Map(
    (t.db.sqlite.prepare('SELECT rowid AS id, bm25(search_bi, 8.0, 1.0, 3.0) AS s FROM search_bi WHERE search_bi MATCH ?').all(q.bi) as { id: number; s: number }[]).map((r) => [r.id, r.s])
  )
  const tagged = q.terms.map((_, i) => (tagTerms[i] ? taggedIds(tagTerms[i]) : new Set<number>()))
  const perTerm = q.terms.map((term, i) => new Set([...ftsIds(term.bi as string), ...tagged[i]!]))
  const all = [...perTerm[0]!].filter((id) => perTerm.every((s) => s.has(id)))
  const of = (id: number) => (score.get(id) ?? 0) - (tagged.some((s) => s.has(id)) ? 5 : 0)
  return all.sort((x, y) => of(x) - of(y) || y - x)
}

describe('search pages that read every match', () => {
  it('count their matches in the same statement', () => {
    const want = ftsIds(compileQuery('城市治理', foldForSearch).bi as string)
    expect(want.length).toBeGreaterThan(40)
    let total = 0
    const run = statementsOf(() => (total = searchArticles(t.db, '城市治理', { limit: 20, snippets: false }).total))
    const walks = run.filter((s) => /\bMATCH\b/.test(s)).length
    console.log(`城市治理: ${total} hits, ${walks} statement(s) walking the FTS match (was 2: the page, then a count)`)
    expect(total).toBe(want.length)
    expect(walks).toBe(1)
    // Past the last page there is no row to carry the count: it is counted on its own.
    expect(searchArticles(t.db, '城市治理', { limit: 20, offset: 5000, snippets: false })).toEqual({ hits: [], total: want.length })
    // Sorted by a column (joins the articles), with a filter: the same total.
    expect(searchArticles(t.db, '城市治理', { limit: 20, sort: 'imported', snippets: false }).total).toBe(want.length)
    expect(searchArticles(t.db, '城市治理', { limit: 20, tagsAny: ['领域2'], snippets: false }).total).toBe(searchCount(t.db, '城市治理', { tagsAny: ['领域2'] }))
  })
})

describe('several terms, one matching tag names', () => {
  it('pages and counts like the full ranking, from the rare terms no tag matches', () => {
    const want = reference('领域2 城市治理', { 0: '领域2' })
    expect(want.length).toBeGreaterThan(16)
    for (const offset of [0, 8]) {
      let page = { hits: [] as { id: number }[], total: 0 }
      const t0 = performance.now()
      const run = statementsOf(() => (page = searchArticles(t.db, '领域2 城市治理', { limit: 8, offset, snippets: false })))
      const unions = run.filter((s) => s.includes('UNION ALL SELECT article_id')).length
      console.log(`领域2 城市治理 offset ${offset}: ${page.total} hits in ${(performance.now() - t0).toFixed(1)} ms, ${unions} union(s) of the tag's articles (was 1)`)
      expect(unions).toBe(0)
      expect(page.total).toBe(want.length)
      expect(page.hits.map((h) => h.id)).toEqual(want.slice(offset, offset + 8))
    }
    expect(searchCount(t.db, '领域2 城市治理', {})).toBe(want.length)
    // Both terms matching tag names keep the union (neither side is known to be small).
    const both = reference('领域2 主题', { 0: '领域2', 1: '主题' })
    expect(searchArticles(t.db, '领域2 主题', { limit: 2000, snippets: false }).hits.map((h) => h.id)).toEqual(both)
  })
})

describe('one term matching tag names', () => {
  it('counts tagged articles plus untagged text hits: from the subtree counts, walking the links, or grouping the tag index', () => {
    for (const [term, how] of [
      ['主题', 'walk'], // 主题0-3 under 领域1 and 领域2: two thirds of the links, walked in article order
      ['领域1', 'subtree'], // exactly the subtree 领域1: one row of tag_tree_stats
      ['标签', 'group'] // 标签0-3: a fifth of the links, grouped from the tag index
    ] as const) {
      const tagged = taggedIds(term)
      const text = ftsIds(compileQuery(term, foldForSearch).bi as string)
      const want = new Set([...tagged, ...text]).size
      let n: number | null = null
      const t0 = performance.now()
      const run = statementsOf(() => (n = searchCount(t.db, term, {})))
      const unions = run.filter((s) => s.includes('UNION ALL SELECT article_id')).length
      const group = run.find((s) => s.startsWith('SELECT count(*) AS n FROM (SELECT article_id FROM article_tags'))
      const used = run.some((s) => s.includes('FROM tag_tree_stats')) ? 'subtree' : group?.includes('INDEXED BY') ? 'walk' : group ? 'group' : 'none'
      console.log(`${term}: exact total ${n} (${tagged.size} tagged + ${want - tagged.size} untagged text hits) in ${(performance.now() - t0).toFixed(1)} ms by ${used}, ${unions} union(s) (was 1)`)
      expect(n).toBe(want)
      expect(want - tagged.size).toBeGreaterThan(0)
      expect(unions).toBe(0)
      expect(used).toBe(how)
      // The first page counts its untagged text hits itself, with the same total.
      expect(searchArticles(t.db, term, { limit: 10, snippets: false }).total).toBe(want)
      expect(searchArticles(t.db, term, { limit: 10, offset: 20, snippets: false }).total).toBe(want)
    }
  })
})

describe('one- and two-character terms', () => {
  it('are counted from the index\'s document counts, also after deletions and edits', () => {
    const s = t.db.sqlite
    const matchCount = (table: string, match: string) => s.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(match) as number
    const check = (label: string) => {
      for (const [term, table, match] of [
        ['的', 'search_uni', '"的"'],
        ['经济', 'search_bi', '"经济"']
      ] as const) {
        let total = 0
        const run = statementsOf(() => (total = searchArticles(t.db, term, { limit: 5, snippets: false }).total))
        const counted = run.filter((x) => /count\(\*\)/.test(x) && /\bMATCH\b/.test(x)).length
        console.log(`${label}: ${term} total ${total} from the vocabulary, ${counted} count(*) over the match (was 1)`)
        expect(total).toBe(matchCount(table, match))
        expect(counted).toBe(0)
        // Filters, tags and longer terms still count the match.
        expect(searchArticles(t.db, term, { limit: 5, tagsAny: ['领域2'], snippets: false }).total).toBe(searchCount(t.db, term, { tagsAny: ['领域2'] }))
      }
    }
    check('as built')
    const victims = s.prepare(`SELECT rowid FROM search_uni WHERE search_uni MATCH '"的"' LIMIT 40`).pluck().all() as number[]
    deleteArticles(t.db, victims)
    s.prepare("UPDATE articles SET body_text = '经济经济', title = '经济' WHERE id = (SELECT max(id) FROM articles)").run()
    flushSearchIndex(t.db)
    check('after deleting 40 articles and editing one')
  })
})
