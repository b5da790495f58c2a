// Counts shown as exact when cheap and as "about N" when not (issue 16): a first page whose search selects
// tens of thousands of articles estimates its total from the newest ids (totalApprox) instead of counting
// them all, and articles:count then gives the exact number. Small totals and later pages stay exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ListQuery } from '@shared/types'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../../src/main/ipc/handlers'
import { countArticles, listArticles } from '../../../../src/main/services/library/list'
import { timed7, touchState } from '../../../helpers/cold-timing'
import { createTestContext, type TestContext } from '../../../helpers/context'

let t: TestContext
const N = 30_000
/** Articles carrying 大类 (every one but each tenth): a search for 大类 unions them all. */
const BIG = N - N / 10
const q = (over: Partial<ListQuery> = {}): ListQuery => ({ offset: 0, limit: 100, sort: 'imported', order: 'desc', filter: 'all', ...over })

beforeAll(async () => {
  t = await createTestContext()
  const s = t.db.sqlite
  s.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('大类', '大类', 'x'), ('少数', '少数', 'x')").run()
  const tag = (n: string) => s.prepare('SELECT id FROM tags WHERE norm_name = ?').pluck().get(n) as number
  const [big, few] = [tag('大类'), tag('少数')]
  const insert = s.prepare(
    "INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, read_state, updated_at) VALUES (?, ?, 'x', 'txt', 'x', ?, 'unread', ?)"
  )
  const link = s.prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'import')")
  s.transaction(() => {
    for (let i = 0; i < N; i++) {
      const at = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()
      const id = Number(insert.run(`文章${i}`, at, `h${i}`, at).lastInsertRowid)
      if (i % 10 !== 0) link.run(id, big)
      if (i % 50 === 0) link.run(id, few)
    }
  })()
  // The bodies hold nothing searchable: the searches below match tag names only, no index needed.
  s.exec('DELETE FROM search_dirty; ANALYZE')
})

afterAll(() => t.cleanup())

const touch = () => touchState(t.db)
/** Median of 7 runs, each after a write (no cached totals). */
const median = (f: () => unknown) => timed7(t.db, f).median

describe('approximate totals', () => {
  it('estimates a large search total on the first page, and articles:count gives the exact one', async () => {
    touch()
    const page = listArticles(t.db, q({ search: '大类' }))
    expect(page.items).toHaveLength(100)
    expect(page.totalApprox).toBe(true)
    // Two significant digits, within 10% of the truth.
    expect(Math.abs(page.total - BIG) / BIG).toBeLessThan(0.1)
    expect(page.total % 1000).toBe(0)
    expect(countArticles(t.db, q({ search: '大类' }))).toBe(BIG)
    const viaContract = await dispatch(createHandlers(), t.ctx, 'articles:count', q({ search: '大类' }))
    expect(viaContract).toEqual({ ok: true, value: { total: BIG } })
    const exact = listArticles(t.db, q({ search: '大类' }), 'exact')
    expect(exact.total).toBe(BIG)
    expect(exact.totalApprox).toBeUndefined()
    const estimateMs = median(() => listArticles(t.db, q({ search: '大类' })))
    const exactMs = median(() => listArticles(t.db, q({ search: '大类' }), 'exact'))
    console.log(
      `[approx-count] 大类 on ${N} articles: first page with the estimate ${estimateMs.toFixed(1)} ms (about ${page.total}), with the exact count ${exactMs.toFixed(1)} ms (${BIG})`
    )
  })

  it('keeps small totals, later pages and plain lists exact', () => {
    touch()
    const few = listArticles(t.db, q({ search: '少数' }))
    expect(few).toMatchObject({ total: N / 50 })
    expect(few.totalApprox).toBeUndefined()
    touch()
    const second = listArticles(t.db, q({ search: '大类', offset: 100 }))
    expect(second.total).toBe(BIG)
    expect(second.totalApprox).toBeUndefined()
    const plain = listArticles(t.db, q({ tagsAll: ['大类'] }))
    expect(plain.total).toBe(BIG)
    expect(plain.totalApprox).toBeUndefined()
    expect(countArticles(t.db, q({ tagsAll: ['大类'], filter: 'read' }))).toBe(0)
    expect(countArticles(t.db, q({ search: '。' }))).toBe(N)
  })

  it('validates articles:count arguments like articles:list', async () => {
    expect(await dispatch(createHandlers(), t.ctx, 'articles:count', { search: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
  })
})
