// The article list: tag filters (AND/OR/NOT, sub-tags, script-insensitive), sorts, paging totals, filters,
// and search inside the list (rank order, snippets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ListQuery } from '@shared/types'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { listArticles } from '../../../../src/main/services/library/list'
import { HUALONG, addArticle, corpusArticles, unmark } from '../../../helpers/search-library'

let t: TestDb
const id: Record<string, number> = {}
const q = (over: Partial<ListQuery> = {}): ListQuery => ({ offset: 0, limit: 100, sort: 'imported', order: 'desc', filter: 'all', ...over })
const ids = (over: Partial<ListQuery> = {}) => listArticles(t.db, q(over)).items.map((i) => i.id)
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)

beforeAll(async () => {
  t = await createTestDb()
  const lines = HUALONG.split('\n')
  id.hualong = addArticle(t.db, {
    title: lines[0] ?? '',
    body: lines.slice(1).join('\n'),
    source: '天天快報',
    publishedAt: '2023-03-01',
    tags: ['政法/平安建設', '華龍區']
  })
  const news = corpusArticles(6)
  id.a = addArticle(t.db, { title: news[0]?.title ?? 'A', body: news[0]?.content ?? '', source: '新浪', publishedAt: '2018-11-02', tags: ['政法'], read: true })
  id.b = addArticle(t.db, { title: news[1]?.title ?? 'B', body: news[1]?.content ?? '', source: '新浪', publishedAt: '2018-11-05', tags: ['政法/维稳', '体育'] })
  id.c = addArticle(t.db, { title: news[2]?.title ?? 'C', body: news[2]?.content ?? '', source: '新华社', publishedAt: '2018-12-24', tags: ['体育'] })
  id.d = addArticle(t.db, { title: news[3]?.title ?? 'D', body: news[3]?.content ?? '', source: null, publishedAt: null, tags: ['华龙区'] })
  id.e = addArticle(t.db, { title: news[4]?.title ?? 'E', body: news[4]?.content ?? '', source: '新华社', publishedAt: '2018-10-01' })
  t.db.sqlite
    .prepare("INSERT INTO annotations (article_id, color, start_offset, end_offset, exact, created_at, updated_at) VALUES (?, 'yellow', 0, 2, 'xx', 'x', 'x')")
    .run(id.c)
})

afterAll(() => t.cleanup())

describe('tag filters', () => {
  it('a parent tag matches its sub-tags', () => {
    expect(sorted(ids({ tagsAll: ['政法'] }))).toEqual(sorted([id.hualong!, id.a!, id.b!]))
    expect(ids({ tagsAll: ['政法/維穩'] })).toEqual([id.b])
  })

  it('ANDs tagsAll, ORs tagsAny, excludes tagsNone', () => {
    expect(ids({ tagsAll: ['政法', '体育'] })).toEqual([id.b])
    expect(sorted(ids({ tagsAny: ['体育', '华龙区'] }))).toEqual(sorted([id.hualong!, id.b!, id.c!, id.d!]))
    expect(sorted(ids({ tagsNone: ['政法'] }))).toEqual(sorted([id.c!, id.d!, id.e!]))
    expect(ids({ tagsAny: ['体育'], tagsNone: ['政法'] })).toEqual([id.c])
  })

  it('compares tag names script-insensitively (華龍區 is 华龙区)', () => {
    expect(sorted(ids({ tagsAll: ['华龙区'] }))).toEqual(sorted([id.hualong!, id.d!]))
    expect(sorted(ids({ tagsAll: ['華龍區'] }))).toEqual(sorted([id.hualong!, id.d!]))
    expect(ids({ tagsAll: ['政法/平安建设'] })).toEqual([id.hualong])
  })

  it('an unknown tag in tagsAll or tagsAny matches nothing; in tagsNone it excludes nothing', () => {
    expect(listArticles(t.db, q({ tagsAll: ['没有这个标签'] }))).toMatchObject({ items: [], total: 0 })
    expect(ids({ tagsNone: ['没有这个标签'] })).toHaveLength(6)
  })
})

describe('other filters', () => {
  it('filters by read state, annotations, source and dates', () => {
    expect(ids({ filter: 'read' })).toEqual([id.a])
    expect(ids({ filter: 'unread' })).toHaveLength(5)
    expect(ids({ filter: 'annotated' })).toEqual([id.c])
    expect(sorted(ids({ source: '新华社' }))).toEqual(sorted([id.c!, id.e!]))
    expect(sorted(ids({ dateFrom: '2018-11-01', dateTo: '2018-11-05' }))).toEqual(sorted([id.a!, id.b!]))
  })
})

describe('sorting and paging', () => {
  it('sorts by imported, published, title and source in both directions', () => {
    const all = ids()
    expect(all).toEqual([id.e, id.d, id.c, id.b, id.a, id.hualong])
    expect(ids({ order: 'asc' })).toEqual([...all].reverse())
    const published = ids({ sort: 'published', order: 'asc' })
    expect(published[0]).toBe(id.d) // NULL first in ascending order
    expect(published.slice(1)).toEqual([id.e, id.a, id.b, id.c, id.hualong])
    const titles = listArticles(t.db, q({ sort: 'title', order: 'asc' })).items.map((i) => i.title)
    expect(titles).toEqual([...titles].sort())
    const sources = listArticles(t.db, q({ sort: 'source', order: 'desc' })).items.map((i) => i.source)
    expect(sources.slice(0, 2)).toEqual(['新浪', '新浪'])
  })

  it('pages with the full total', () => {
    const p1 = listArticles(t.db, q({ limit: 2 }))
    const p2 = listArticles(t.db, q({ limit: 2, offset: 2 }))
    const p4 = listArticles(t.db, q({ limit: 2, offset: 6 }))
    expect(p1.total).toBe(6)
    expect(p2.total).toBe(6)
    expect(p4).toMatchObject({ items: [], total: 6, offset: 6 })
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(ids().slice(0, 4))
    expect(listArticles(t.db, q({ limit: 1, tagsAll: ['政法'] })).total).toBe(3)
  })

  it('counts filtered totals beyond the first page (covering-index counts)', () => {
    const total = (over: Partial<ListQuery>) => listArticles(t.db, q({ limit: 1, ...over })).total
    expect(total({ filter: 'unread' })).toBe(5)
    expect(total({ source: '新华社' })).toBe(2)
    expect(total({ dateFrom: '2018-11-01', dateTo: '2018-11-05' })).toBe(2)
    expect(total({ filter: 'annotated' })).toBe(1)
    expect(total({ filter: 'unread', source: '新浪', tagsAll: ['政法'] })).toBe(1)
    expect(total({ search: '的', dateFrom: '2018-11-01', dateTo: '2018-12-31' })).toBe(
      listArticles(t.db, q({ search: '的', dateFrom: '2018-11-01', dateTo: '2018-12-31' })).items.length
    )
    expect(total({ search: '的', filter: 'unread', tagsNone: ['体育'] })).toBe(
      listArticles(t.db, q({ search: '的', filter: 'unread', tagsNone: ['体育'] })).items.length
    )
  })

  it('a total follows writes (no stale cache)', () => {
    expect(listArticles(t.db, q({ limit: 1, filter: 'read' })).total).toBe(1)
    t.db.sqlite.prepare("UPDATE articles SET read_state = 'read' WHERE id = ?").run(id.b)
    expect(listArticles(t.db, q({ limit: 1, filter: 'read' })).total).toBe(2)
    t.db.sqlite.prepare("UPDATE articles SET read_state = 'unread' WHERE id = ?").run(id.b)
  })
})

describe('search in the list', () => {
  it('ranks by relevance under the default sort and sets snippets', () => {
    const page = listArticles(t.db, q({ search: '華龍区' }))
    expect(page.items[0]?.id).toBe(id.hualong)
    expect(unmark(page.items[0]?.snippet)).toContain('[華龍區]')
    expect(page.items[0]?.tags).toContain('華龍區')
  })

  it('combines search with tag filters and keeps a picked sort', () => {
    const hits = listArticles(t.db, q({ search: '的', tagsAny: ['体育', '政法'], sort: 'published', order: 'asc' }))
    const published = hits.items.map((i) => i.publishedAt)
    expect(published).toEqual([...published].sort())
    expect(hits.total).toBe(hits.items.length)
    expect(hits.items.every((i) => i.snippet !== undefined)).toBe(true)
    expect(listArticles(t.db, q({ search: '治理', tagsNone: ['政法'] })).items.map((i) => i.id)).not.toContain(id.hualong)
  })

  it('finds tag names through search', () => {
    expect(listArticles(t.db, q({ search: '平安建设' })).items.map((i) => i.id)).toContain(id.hualong)
  })
})
