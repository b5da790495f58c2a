// Issue 16, list pages at 1M articles: what each statement reads, on a 100k library written with direct
// inserts whose newest 12,000 articles have bodies of several pages (as real articles do, so a column
// stored behind the texts costs the whole row). Deterministic checks (query plans, OFFSETs) plus the
// before/after times printed; every page is compared with the plain OFFSET query written out here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ListQuery } from '@shared/types'
import { countArticles, listArticles } from '../../../../src/main/services/library/list'
import { timed7, touchState } from '../../../helpers/cold-timing'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

let t: TestDb
const N = 100_000
const LONG = 12_000
const q = (over: Partial<ListQuery> = {}): ListQuery => ({ offset: 0, limit: 100, sort: 'imported', order: 'desc', filter: 'all', ...over })
const tag: Record<string, number> = {}

/** Every statement run while `recording` (text and parameters), in order. */
let recording: { text: string; params: unknown[] }[] | null = null

beforeAll(async () => {
  t = await createTestDb()
  const s = t.db.sqlite
  const prepare = s.prepare.bind(s)
  s.prepare = ((text: string) => {
    const stmt = prepare(text)
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt)
      ;(stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        recording?.push({ text, params: args })
        return original(...args)
      }
    }
    return stmt
  }) as typeof s.prepare
  for (const n of ['领域', '领域/甲', '领域/乙', '标签', '排除', '宽', '少']) {
    tag[n] = Number(prepare("INSERT INTO tags (name, norm_name, created_at) VALUES (?, ?, 'x')").run(n, n).lastInsertRowid)
  }
  const insert = prepare(
    `INSERT INTO articles (title, source, published_at, imported_at, raw_text, raw_format, body_text, content_hash, read_state, updated_at)
     VALUES (?, ?, ?, ?, ?, 'txt', ?, ?, ?, ?)`
  )
  const link = prepare("INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, 'import')")
  const long = '新闻报道中国经济发展。'.repeat(250) // 2,750 characters, ~8 KB: several overflow pages per text
  const sources = ['人民日报', '新华社', null, '澎湃新闻', '新浪新闻']
  s.transaction(() => {
    for (let i = 0; i < N; i++) {
      const at = new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString()
      // Ties on every sort column but the import time, and NULLs in published_at and source.
      const published = i % 11 === 0 ? null : `2018-0${1 + (i % 9)}-1${i % 7}`
      const body = i >= N - LONG ? long : '短文'
      const id = Number(insert.run(`文章${i % 5000}`, sources[i % 5], published, at, body, body, `h${i}`, i % 10 < 7 ? 'unread' : 'read', at).lastInsertRowid)
      if (i % 5 < 2) link.run(id, tag['领域/甲'])
      if (i % 5 === 2) link.run(id, tag['领域/乙'])
      if (i % 7 === 0) link.run(id, tag['领域'])
      if (i % 10 === 3) link.run(id, tag['标签'])
      if (i % 4 === 1) link.run(id, tag['排除'])
      if (i % 2 === 0 || i % 7 === 3) link.run(id, tag['宽'])
      if (i % 70 === 3) link.run(id, tag['少'])
    }
  })()
  s.exec('DELETE FROM search_dirty; ANALYZE')
}, 180_000)

afterAll(() => t.cleanup())

const touch = () => touchState(t.db)
/** Median and spread of 7 runs, each after a write (cold totals) unless `warm`. */
const timed = (f: () => unknown, warm = false) => timed7(t.db, f, warm)

function recorded(f: () => unknown): { text: string; params: unknown[] }[] {
  recording = []
  try {
    f()
    return recording
  } finally {
    recording = null
  }
}

const plan = (text: string, params: unknown[]) =>
  (t.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...(params as never[])) as { detail: string }[]).map((p) => p.detail)

const ids = (page: { items: { id: number }[] }) => page.items.map((i) => i.id)
const TAGGED = (names: string[]) =>
  `(SELECT x.article_id FROM article_tags x JOIN tags g ON g.id = x.tag_id WHERE ${names.map((n) => `(g.norm_name = '${n}' OR g.norm_name LIKE '${n}/%')`).join(' OR ')})`

/** The plain OFFSET query for each case, written out: what every page must equal. */
const shapes: { name: string; over: Partial<ListQuery>; where: string; order: string }[] = [
  { name: 'default sort', over: {}, where: '1', order: 'imported_at DESC, id DESC' },
  { name: 'title ascending', over: { sort: 'title', order: 'asc' }, where: '1', order: 'title ASC, id ASC' },
  { name: 'published (NULLs) descending', over: { sort: 'published' }, where: '1', order: 'published_at DESC, id DESC' },
  { name: 'source (NULLs) ascending', over: { sort: 'source', order: 'asc' }, where: '1', order: 'source ASC, id ASC' },
  { name: 'unread + NOT tag', over: { filter: 'unread', tagsNone: ['排除'] }, where: `read_state = 'unread' AND id NOT IN ${TAGGED(['排除'])}`, order: 'imported_at DESC, id DESC' },
  { name: 'tag with sub-tags, published', over: { tagsAll: ['领域'], sort: 'published', order: 'asc' }, where: `id IN ${TAGGED(['领域'])}`, order: 'published_at ASC, id ASC' },
  { name: 'tag AND tag', over: { tagsAll: ['标签', '宽'] }, where: `id IN ${TAGGED(['标签'])} AND id IN ${TAGGED(['宽'])}`, order: 'imported_at DESC, id DESC' },
  { name: 'small tag AND wide tag AND NOT tag', over: { tagsAll: ['少', '宽'], tagsNone: ['排除'], sort: 'title', order: 'asc' }, where: `id IN ${TAGGED(['少'])} AND id IN ${TAGGED(['宽'])} AND id NOT IN ${TAGGED(['排除'])}`, order: 'title ASC, id ASC' },
  { name: 'source + read, title', over: { source: '新华社', filter: 'read', sort: 'title', order: 'desc' }, where: `source = '新华社' AND read_state = 'read'`, order: 'title DESC, id DESC' },
  { name: 'source + unread', over: { source: '新华社', filter: 'unread' }, where: `source = '新华社' AND read_state = 'unread'`, order: 'imported_at DESC, id DESC' },
  { name: 'unread, title descending', over: { filter: 'unread', sort: 'title', order: 'desc' }, where: `read_state = 'unread'`, order: 'title DESC, id DESC' },
  { name: 'source, published ascending', over: { source: '新华社', sort: 'published', order: 'asc' }, where: `source = '新华社'`, order: 'published_at ASC, id ASC' },
  { name: 'read, published (NULLs) descending', over: { filter: 'read', sort: 'published' }, where: `read_state = 'read'`, order: 'published_at DESC, id DESC' },
  { name: 'unread, source (NULLs) ascending', over: { filter: 'unread', sort: 'source', order: 'asc' }, where: `read_state = 'unread'`, order: 'source ASC, id ASC' },
  { name: 'unread + tag, title ascending', over: { filter: 'unread', tagsAll: ['标签'], sort: 'title', order: 'asc' }, where: `read_state = 'unread' AND id IN ${TAGGED(['标签'])}`, order: 'title ASC, id ASC' }
]

const plainPage = (s: (typeof shapes)[number], offset: number, limit = 100) =>
  t.db.sqlite.prepare(`SELECT id FROM articles WHERE ${s.where} ORDER BY ${s.order} LIMIT ${limit} OFFSET ${offset}`).pluck().all() as number[]
const plainTotal = (s: (typeof shapes)[number]) => t.db.sqlite.prepare(`SELECT count(*) FROM articles WHERE ${s.where}`).pluck().get() as number

describe(`list pages on ${N} articles (${LONG} long)`, () => {
  it.each(shapes)('$name: first, middle, last and partial pages are the plain OFFSET query\'s rows', (s) => {
    const total = plainTotal(s)
    expect(countArticles(t.db, q(s.over))).toBe(total)
    for (const offset of [0, 100, Math.floor(total / 2) - 50, Math.floor(total / 2) + 1, total - 100, total - 37, total - 1, total]) {
      const page = listArticles(t.db, q({ ...s.over, offset }))
      expect(ids(page), `${s.name} at ${offset} of ${total}`).toEqual(plainPage(s, offset))
    }
    // A page of an odd size past the middle.
    expect(ids(listArticles(t.db, q({ ...s.over, offset: total - 250, limit: 70 })))).toEqual(plainPage(s, total - 250, 70))
  })

  it('reads a page in the second half from the other end: OFFSET walks at most half the list', () => {
    for (const s of shapes) {
      const total = plainTotal(s)
      listArticles(t.db, q({ ...s.over, offset: 100 })) // the total is cached, as while scrolling
      const stmts = recorded(() => listArticles(t.db, q({ ...s.over, offset: total - 100 })))
      const page = stmts.find((x) => /LIMIT \? OFFSET \?$/u.test(x.text))
      expect(page, s.name).toBeDefined()
      const offset = page!.params.at(-1) as number
      expect(offset, s.name).toBeLessThanOrEqual(total / 2)
    }
    // Before/after: the last page of the default sort and of a tag filter, walking forward as before.
    const total = plainTotal(shapes[0]!)
    const forward = timed(() => t.db.sqlite.prepare('SELECT a.id FROM articles a ORDER BY a.imported_at DESC, a.id DESC LIMIT 100 OFFSET ?').all(total - 100))
    const last = timed(() => listArticles(t.db, q({ offset: total - 100 })))
    const tagTotal = plainTotal(shapes[5]!)
    const subtree = [tag['领域'], tag['领域/甲'], tag['领域/乙']].join(',')
    const tagForward = timed(() =>
      t.db.sqlite
        .prepare(
          `SELECT a.id FROM articles a INDEXED BY articles_published WHERE EXISTS (SELECT 1 FROM article_tags WHERE article_id = a.id AND tag_id IN (${subtree}))
           ORDER BY a.published_at ASC, a.id ASC LIMIT 100 OFFSET ?`
        )
        .all(tagTotal - 100)
    )
    const tagLast = timed(() => listArticles(t.db, q({ ...shapes[5]!.over, offset: tagTotal - 100 })))
    console.log(
      `[large-list-shapes] last page, default sort: OFFSET ${total - 100} forward ${forward.text}, from the other end ${last.text}; ` +
        `tag with sub-tags by published (${tagTotal}): forward ${tagForward.text}, from the other end ${tagLast.text}`
    )
  })

  it('estimates unread + NOT tag from a covering index, never reading the article rows (their bodies)', () => {
    const over = { filter: 'unread' as const, tagsNone: ['排除'] }
    touch()
    const stmts = recorded(() => listArticles(t.db, q(over)))
    const counts = stmts.filter((x) => x.text.startsWith('SELECT count(*)'))
    expect(counts.length).toBeGreaterThan(0)
    for (const c of counts) {
      for (const step of plan(c.text, c.params)) {
        // The old slice: `SEARCH a USING INTEGER PRIMARY KEY (rowid>?)`, read_state read from each row.
        if (/^(SCAN|SEARCH) a\b/u.test(step)) expect(step).toMatch(/COVERING INDEX/u)
      }
    }
    const page = listArticles(t.db, q(over))
    const exact = plainTotal(shapes[4]!)
    expect(page.totalApprox).toBe(true)
    expect(Math.abs(page.total - exact) / exact).toBeLessThan(0.1)
    const cut = (t.db.sqlite.prepare('SELECT max(id) FROM articles').pluck().get() as number) - 10_000 + 1
    const oldSlice = timed(() =>
      t.db.sqlite
        .prepare(
          `SELECT count(*) AS n FROM articles a NOT INDEXED WHERE a.id >= ? AND a.read_state = 'unread'
           AND a.id NOT IN (SELECT article_id FROM article_tags WHERE tag_id IN (${tag['排除']}) AND article_id >= ?)`
        )
        .get(cut, cut)
    )
    const now = timed(() => listArticles(t.db, q(over)))
    console.log(`[large-list-shapes] unread + NOT tag, first page: the old slice count alone ${oldSlice.text}, the whole page now ${now.text} (about ${page.total}; exact ${exact})`)
  })

  it('counts a small tag AND a wide tag by probing the small set\'s articles, not by listing the wide set', () => {
    const over = { tagsAll: ['少', '宽'] }
    const wide = `IN (SELECT article_id FROM article_tags WHERE tag_id IN (${tag['宽']}))`
    touch()
    const stmts = recorded(() => listArticles(t.db, q(over)))
    expect(stmts.length).toBeGreaterThan(2)
    // The old count and page: `a.id IN (SELECT article_id … 宽)`, a list of 57,000 ids for 1,429 articles.
    for (const x of stmts) expect(x.text.includes(wide), x.text).toBe(false)
    const page = listArticles(t.db, q(over))
    const truth = t.db.sqlite.prepare(`SELECT count(*) FROM articles WHERE id IN ${TAGGED(['少'])} AND id IN ${TAGGED(['宽'])}`).pluck().get()
    expect(page.total).toBe(truth)
    const old = timed(() =>
      t.db.sqlite
        .prepare(`SELECT count(*) AS n FROM (SELECT article_id AS id FROM article_tags WHERE tag_id IN (${tag['少']}) GROUP BY article_id) a WHERE a.id ${wide}`)
        .get()
    )
    const now = timed(() => listArticles(t.db, q(over)))
    // Sets of similar size (标签 10,000 and 宽 57,000) keep the list: a probe per article costs more there.
    const similar = recorded(() => listArticles(t.db, q({ tagsAll: ['标签', '宽'], offset: 100 })))
    expect(similar.some((x) => x.text.includes(wide))).toBe(true)
    console.log(`[large-list-shapes] small tag AND wide tag (${page.total}): the old count alone ${old.text}, the whole page now ${now.text}`)
  })

  it('reads a small tag AND tag once for the count and every page, then sorts only the matching rows', () => {
    const over = { tagsAll: ['标签', '宽'] }
    // A pass over the whole driving set (the estimate's slice of the newest ids aside).
    const driver = `tag_id IN (${tag['标签']}) GROUP BY article_id`
    const passes = (f: () => unknown) => recorded(f).filter((x) => x.text.includes(driver))
    touch()
    // The old first page ran the driver twice (count, page) and every later page once more.
    expect(passes(() => listArticles(t.db, q(over))).length).toBe(1)
    const later = recorded(() => listArticles(t.db, q({ ...over, offset: 700 })))
    expect(later.filter((x) => x.text.includes(driver))).toEqual([])
    const page = later.find((x) => /LIMIT \? OFFSET \?$/u.test(x.text))!
    // The page reads the matching rows only: no tag probe, no walk of a sort index.
    expect(plan(page.text, page.params).filter((step) => /article_tags|INDEX articles_/u.test(step))).toEqual([])
    const total = plainTotal(shapes[6]!)
    const each = `SELECT article_id AS id FROM article_tags WHERE ${driver}`
    const matches = `SELECT d.id AS id FROM (${each}) d WHERE d.id IN (SELECT article_id FROM article_tags WHERE tag_id IN (${tag['宽']}))`
    const oldCount = t.db.sqlite.prepare(`SELECT count(*) AS n FROM (${matches})`)
    const oldPage = t.db.sqlite.prepare(`SELECT a.id AS id FROM (${matches}) s CROSS JOIN articles a ON a.id = s.id ORDER BY a.imported_at DESC, a.id DESC LIMIT 100 OFFSET ?`)
    const oldFirst = timed(() => [oldCount.get(), oldPage.all(0)])
    const oldLater = timed(() => oldPage.all(700), true)
    const first = timed(() => listArticles(t.db, q(over)))
    const next = timed(() => listArticles(t.db, q({ ...over, offset: 700 })), true)
    console.log(
      `[large-list-shapes] tag AND tag (${total} of 10,000): first page after a write, old count + page statements ${oldFirst.text}, the whole page now ${first.text}; ` +
        `a later page, old page statement ${oldLater.text}, the whole page now ${next.text}`
    )
  })

  it('walks a source-filtered page through articles_source, never reading the article rows', () => {
    const report: string[] = []
    for (const s of shapes.filter((x) => x.name === 'source + unread' || x.name === 'source, published ascending')) {
      const total = plainTotal(s)
      const offset = Math.floor(total / 2) - 100
      listArticles(t.db, q({ ...s.over, offset })) // the total is cached, as while scrolling
      const page = recorded(() => listArticles(t.db, q({ ...s.over, offset }))).find((x) => /LIMIT \? OFFSET \?$/u.test(x.text))!
      // The old walk: `SCAN a USING INDEX articles_read_imported`, the source read from each row walked.
      const walk = plan(page.text, page.params).filter((step) => /^(SCAN|SEARCH) a\b/u.test(step))
      expect(walk.length, s.name).toBe(1)
      expect(walk[0], s.name).toMatch(/COVERING INDEX/u)
      const index = s.over.filter === 'unread' ? 'articles_read_imported' : 'articles_published'
      const oldWhere = s.over.filter === 'unread' ? "a.read_state = 'unread' AND a.source = '新华社'" : "a.source = '新华社'"
      const old = t.db.sqlite.prepare(`SELECT a.id FROM articles a INDEXED BY ${index} WHERE ${oldWhere} ORDER BY ${s.order.replace(/(\w+) (ASC|DESC)/gu, 'a.$1 $2')} LIMIT 100 OFFSET ?`)
      expect(old.pluck().all(offset)).toEqual(plainPage(s, offset))
      const before = timed(() => old.all(offset), true)
      const now = timed(() => listArticles(t.db, q({ ...s.over, offset })), true)
      report.push(`${s.name} at ${offset} of ${total}: the old walk alone ${before.text}, the whole page now ${now.text}`)
    }
    console.log(`[large-list-shapes] middle pages, totals cached: ${report.join('; ')}`)
  })

  it('scrolling a filtered walk seeks past the previous page instead of skipping from the end, rows unchanged', () => {
    const report: string[] = []
    for (const s of shapes.filter((x) => ['unread + NOT tag', 'source + unread', 'unread, title descending'].includes(x.name))) {
      const total = plainTotal(s)
      const middle = Math.floor(total / 2) - 1000
      const skipped: number[] = []
      touch()
      for (const offset of [middle, middle + 100, middle + 200, middle + 150, middle - 100, total - middle, total - middle - 100]) {
        const stmts = recorded(() => expect(ids(listArticles(t.db, q({ ...s.over, offset }))), `${s.name} at ${offset}`).toEqual(plainPage(s, offset)))
        skipped.push(stmts.find((x) => /LIMIT \? OFFSET \?$/u.test(x.text))!.params.at(-1) as number)
      }
      // The old pages skipped middle, middle + 100, ... entries each; now the page after a page skips none.
      expect(skipped.slice(1, 3), s.name).toEqual([0, 0])
      expect(skipped[3], s.name).toBe(50)
      expect(skipped[4], s.name).toBe(0) // the page above, read upwards from the middle page's first row
      expect(skipped[6], s.name).toBe(0) // the page above one in the second half
      // A write that changes the order drops what was remembered: the rows stay the plain query's.
      const moved = plainPage(s, middle + 300, 1)[0]!
      t.db.sqlite.prepare("UPDATE articles SET read_state = CASE read_state WHEN 'read' THEN 'unread' ELSE 'read' END WHERE id = ?").run(moved)
      for (const offset of [middle + 200, middle + 300]) expect(ids(listArticles(t.db, q({ ...s.over, offset }))), `${s.name} at ${offset} after a write`).toEqual(plainPage(s, offset))
      t.db.sqlite.prepare("UPDATE articles SET read_state = CASE read_state WHEN 'read' THEN 'unread' ELSE 'read' END WHERE id = ?").run(moved)
      // Timed: the page statement as before (nothing remembered, OFFSET from the end), and whole pages now.
      touch()
      const first = recorded(() => listArticles(t.db, q({ ...s.over, offset: middle + 100 }))).find((x) => /LIMIT \? OFFSET \?$/u.test(x.text))!
      expect(first.params.at(-1)).toBe(middle + 100)
      const old = t.db.sqlite.prepare(first.text)
      const jump = timed(() => old.all(...(first.params as never[])), true)
      let next = middle + 100
      const scroll = timed(() => listArticles(t.db, q({ ...s.over, offset: (next += 100) })), true)
      report.push(`${s.name} (${total}) at ${middle + 100}+: the old page statement alone ${jump.text}, the whole next page now ${scroll.text}`)
    }
    console.log(`[large-list-shapes] middle pages, totals cached: ${report.join('; ')}`)
  })

  it('counts source + read state without reading read_state from the rows', () => {
    const over = { source: '新华社', filter: 'unread' as const }
    touch()
    const stmts = recorded(() => countArticles(t.db, q(over)))
    const count = stmts.find((x) => x.text.startsWith('SELECT count(*)'))
    expect(count).toBeDefined()
    // The old count: `SEARCH a USING INDEX articles_source (source=?)`, read_state then read from each row.
    expect(plan(count!.text, count!.params)).toContainEqual(expect.stringMatching(/COVERING INDEX articles_read_source \(read_state=\? AND source=\?\)/u))
    const truth = t.db.sqlite.prepare("SELECT count(*) FROM articles WHERE source = '新华社' AND read_state = 'unread'").pluck().get()
    expect(countArticles(t.db, q(over))).toBe(truth)
    const old = timed(() => t.db.sqlite.prepare("SELECT count(*) AS n FROM articles a INDEXED BY articles_source WHERE a.read_state = 'unread' AND a.source = '新华社'").get())
    const now = timed(() => countArticles(t.db, q(over)))
    console.log(`[large-list-shapes] exact count of 新华社 + unread (${truth}): reading the rows ${old.text}, through articles_read_source ${now.text}`)
  })

  it('walks the read filter under the published, title and source sorts in (read_state, column, id), never reading the rows', () => {
    const report: string[] = []
    for (const s of shapes.filter((x) => ['read, published (NULLs) descending', 'unread, source (NULLs) ascending', 'unread, title descending'].includes(x.name))) {
      const total = plainTotal(s)
      const offset = Math.floor(total / 2) - 100
      touch() // nothing remembered: the page skips `offset` entries of its walk
      const page = recorded(() => listArticles(t.db, q({ ...s.over, offset }))).find((x) => /LIMIT \? OFFSET \?$/u.test(x.text))!
      const walk = plan(page.text, page.params).filter((step) => /^(SCAN|SEARCH) a\b/u.test(step))
      expect(walk, s.name).toEqual([expect.stringMatching(new RegExp(`^SEARCH a USING COVERING INDEX articles_read_${s.over.sort} \\(read_state=\\?\\)`, 'u'))])
      expect(page.text, s.name).not.toMatch(/imported_at/u)
      // Before migration 0014: the sort's (column, id) index walked, the read state probed per entry through the row's imported_at.
      const column = s.order.split(' ')[0]!
      const old = t.db.sqlite.prepare(
        `SELECT a.id FROM articles a INDEXED BY articles_${s.over.sort} WHERE EXISTS (SELECT 1 FROM articles r INDEXED BY articles_read_imported ` +
          `WHERE r.read_state = ? AND r.imported_at = a.imported_at AND r.id = a.id) ORDER BY ${s.order.replace(column, `a.${column}`).replace(', id', ', a.id')} LIMIT 100 OFFSET ?`
      )
      expect(old.pluck().all(s.over.filter, offset), s.name).toEqual(plainPage(s, offset))
      const before = timed(() => old.all(s.over.filter, offset))
      const now = timed(() => listArticles(t.db, q({ ...s.over, offset })))
      report.push(`${s.name} at ${offset} of ${total}: the old walk alone ${before.text}, the whole page now ${now.text}`)
    }
    console.log(`[large-list-shapes] read filter, middle page right after a write: ${report.join('; ')}`)
  })

  it('counts one tag subtree from tag_tree_stats on later pages too', () => {
    const over = { tagsAll: ['领域'] }
    touch()
    const stmts = recorded(() => listArticles(t.db, q({ ...over, offset: 500 })))
    expect(stmts.some((x) => x.text.includes('FROM tag_tree_stats'))).toBe(true)
    expect(stmts.some((x) => /GROUP BY article_id/u.test(x.text))).toBe(false)
    const truth = t.db.sqlite.prepare(`SELECT count(DISTINCT article_id) FROM article_tags WHERE article_id IN ${TAGGED(['领域'])}`).pluck().get()
    expect(listArticles(t.db, q({ ...over, offset: 500 })).total).toBe(truth)
    const grouped = timed(() =>
      t.db.sqlite
        .prepare(`SELECT count(*) FROM (SELECT article_id FROM article_tags WHERE tag_id IN (${tag['领域']},${tag['领域/甲']},${tag['领域/乙']}) GROUP BY article_id)`)
        .get()
    )
    const now = timed(() => listArticles(t.db, q({ ...over, offset: 500 })))
    console.log(`[large-list-shapes] tag with sub-tags, page at 500 (${truth}): the old GROUP BY count alone ${grouped.text}, the whole page now ${now.text}`)
  })
})
