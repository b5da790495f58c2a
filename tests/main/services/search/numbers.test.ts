// Numbers inside words (issue 16): digits are tokens of their own, so a term ending in a digit (领域1, a
// tag-like name) is a phrase, found exactly, instead of a prefix query over every number in the library.
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldForSearch } from '@shared/script'
import { compileQuery, searchArticles } from '../../../../src/main/services/search'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { addArticle, corpusArticles } from '../../../helpers/search-library'

let t: TestDb
const ids = (q: string) => searchArticles(t.db, q, { limit: 1000, snippets: false }).hits.map((h) => h.id).sort((a, b) => a - b)

function naive(text: string): number[] {
  const q = foldForSearch(text).toLowerCase()
  const rows = t.db.sqlite.prepare('SELECT id, title, body_text FROM articles').all() as { id: number; title: string; body_text: string }[]
  return rows.filter((r) => foldForSearch(r.title + '\n' + r.body_text).toLowerCase().includes(q)).map((r) => r.id).sort((a, b) => a - b)
}

beforeAll(async () => {
  t = await createTestDb()
  // Real text, each article stamped with a serial number as archives are (编号…): thousands of distinct numbers.
  corpusArticles(300).forEach((a, i) => addArticle(t.db, { title: a.title, body: `${a.content}（编号${1000 + i * 7}）` }))
  for (const body of ['研究领域1的进展', '领域10个方向', '领域2号文件', '在G20峰会上，COVID-19之后', '2019年与12019号', 'iPhone11发布'])
    addArticle(t.db, { title: '测试', body })
})

afterAll(() => t.cleanup())

describe('digits in search terms', () => {
  it('compiles a term ending in a digit to a phrase without a prefix', () => {
    expect(compileQuery('领域1', foldForSearch).bi).toBe('"领域 1"')
    expect(compileQuery('2019', foldForSearch).bi).toBe('"2 0 1 9"')
    expect(compileQuery('iph', foldForSearch).bi).toBe('"iph" *')
  })

  it('finds numbers inside longer ones and words, exactly as the text has them', () => {
    for (const q of ['领域1', '领域10', '领域2', '2019', '编号1', '编号1007', 'G20', 'covid-19', 'iphone1', '19之后']) {
      const t0 = performance.now()
      const found = ids(q)
      console.log(`${q}: ${found.length} hits in ${(performance.now() - t0).toFixed(1)} ms`)
      expect(found).toEqual(naive(q))
    }
  })
})
