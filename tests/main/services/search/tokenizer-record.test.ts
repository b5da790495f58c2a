// The index's tokenizer record (search_meta 'tokenizer_version') is read by one decision for both the
// start-up check (ensureSearchIndexCurrent) and the search's own (searchArticles): a missing record means
// the tokenizer is unknown, so the index is rebuilt once, by whichever runs first, and then recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { addArticle } from '../../../helpers/search-library'
import { ensureSearchIndexCurrent, searchArticles, TOKENIZER_VERSION } from '../../../../src/main/services/search'

let t: TestDb
let ids: number[]

// A rebuild empties the index ('delete-all'), so an entry planted under a rowid no article has is gone
// after one and kept otherwise.
const MARKER = 1_000_000_000
const plantMarker = () => t.db.sqlite.prepare("INSERT INTO search_bi (rowid, title, body, meta) VALUES (?, 'zz', 'zz', '')").run(MARKER)
const rebuilt = () => t.db.sqlite.prepare('SELECT count(*) FROM search_bi_docsize WHERE id = ?').pluck().get(MARKER) === 0
const record = () => t.db.sqlite.prepare("SELECT value FROM search_meta WHERE key = 'tokenizer_version'").pluck().get() as string | undefined
const setRecord = (value: string | null) => {
  t.db.sqlite.exec("DELETE FROM search_meta WHERE key = 'tokenizer_version'")
  if (value !== null) t.db.sqlite.prepare("INSERT INTO search_meta (key, value) VALUES ('tokenizer_version', ?)").run(value)
}
const current = String(TOKENIZER_VERSION)

/** Runs the checks in this order and says, for each, whether it rebuilt the index. */
function rebuildsOf(steps: readonly ('start-up' | 'search')[]): boolean[] {
  return steps.map((step) => {
    plantMarker()
    if (step === 'start-up') ensureSearchIndexCurrent(t.db)
    else searchArticles(t.db, '北京')
    const r = rebuilt()
    if (!r) t.db.sqlite.prepare('DELETE FROM search_bi WHERE rowid = ?').run(MARKER)
    return r
  })
}

beforeEach(async () => {
  t = await createTestDb()
  ids = [addArticle(t.db, { title: '北京新闻', body: '北京时间今天上午' }), addArticle(t.db, { title: '上海新闻', body: '上海的天气' })]
})

afterEach(() => t.cleanup())

describe('tokenizer record', () => {
  it('a library first indexed without the start-up check records the tokenizer and is not rebuilt', () => {
    expect(record()).toBe(current)
    const runs = rebuildsOf(['search', 'start-up', 'search'])
    console.log(`indexed on a fresh library: rebuilds ${runs.filter(Boolean).length} of ${runs.length} checks`)
    expect(runs).toEqual([false, false, false])
  })

  it('with the current record: neither check rebuilds', () => {
    setRecord(current)
    expect(rebuildsOf(['start-up', 'search', 'start-up'])).toEqual([false, false, false])
  })

  for (const first of ['start-up', 'search'] as const) {
    it(`without the record: the first check (${first}) rebuilds once and records it, the others do not`, () => {
      setRecord(null)
      const other = first === 'start-up' ? 'search' : 'start-up'
      const runs = rebuildsOf([first, other, first])
      console.log(`no record, ${first} first: rebuilds ${runs.map((r) => (r ? 1 : 0)).join(', ')}`)
      expect(runs).toEqual([true, false, false])
      expect(record()).toBe(current)
    })

    it(`with another version: the first check (${first}) rebuilds once and records it`, () => {
      setRecord(String(TOKENIZER_VERSION - 1))
      const other = first === 'start-up' ? 'search' : 'start-up'
      expect(rebuildsOf([first, other])).toEqual([true, false])
      expect(record()).toBe(current)
    })
  }

  it('a search on a library without the record finds what an index of unknown tokens lacks', () => {
    // An index from another tokenizer: the articles' entries hold tokens today's queries never produce.
    t.db.sqlite.exec('DELETE FROM search_bi; DELETE FROM search_uni')
    for (const id of ids) {
      t.db.sqlite.prepare("INSERT INTO search_bi (rowid, title, body, meta) VALUES (?, 'old', 'old', '')").run(id)
      t.db.sqlite.prepare("INSERT INTO search_uni (rowid, chars) VALUES (?, 'old')").run(id)
    }
    t.db.sqlite.exec('DELETE FROM search_dirty')
    setRecord(null)
    const hits = searchArticles(t.db, '北京').hits.map((h) => h.id)
    console.log(`no record, index of unknown tokens: search for 北京 finds ${hits.length} of 1`)
    expect(hits).toEqual([ids[0]])
    expect(record()).toBe(current)
  })
})
