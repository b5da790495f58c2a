// Ranking of one- and two-character queries (issue 12): title hits first, then bm25 over the term's
// frequency, ties by date. Real text: the hualong fixture and news pages from tests/fixtures, parsed by the
// import's own format modules, in a temp SQLite library.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { foldForSearch } from '@shared/script'
import { parseFile } from '../../../../src/main/services/formats/parse'
import { searchArticles } from '../../../../src/main/services/search'
import { listArticles } from '../../../../src/main/services/library/list'
import { createTestDb, FIXTURES, type TestDb } from '../../../helpers/test-db'
import { HUALONG, addArticle } from '../../../helpers/search-library'

let t: TestDb
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(() => t.cleanup())

function newsPage(file: string): { title: string; body: string } {
  const [page] = parseFile(file, readFileSync(join(FIXTURES, 'import', 'news_html', file)))
  if (!page) throw new Error(`no article in ${file}`)
  return { title: page.title, body: page.text }
}

const count = (text: string, term: string) => foldForSearch(text).split(foldForSearch(term)).length - 1
const hualong = () => {
  const [title = '', ...rest] = HUALONG.split('\n')
  return { title, body: rest.join('\n') }
}

/** Adds the articles oldest first (so date order is the order given) and returns their ids. */
function library(articles: { title: string; body: string }[]): number[] {
  return articles.map((a, i) => addArticle(t.db, { ...a, importedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() }))
}

function ranked(query: string, articles: { title: string; body: string }[], ids: number[]): number[] {
  const order = searchArticles(t.db, query, { limit: 10, snippets: false }).hits.map((h) => h.id)
  const name = new Map(ids.map((id, i) => [id, i]))
  console.log(
    `${query}: ` +
      order.map((id) => {
        const a = articles[name.get(id) as number] as { title: string; body: string }
        return `#${name.get(id)} (title ${count(a.title, query)}, body ${count(a.body, query)} in ${a.body.length} chars)`
      }).join(' > ')
  )
  return order
}

describe('one- and two-character queries are ranked', () => {
  it('puts the article with 龍 in its title first of five, then the body hits by frequency', () => {
    // The oldest article carries 龍 in its title: by date it came last.
    const articles = [hualong(), ...['gne__163__8.html', 'gne__163__6.html', 'gne__sina__sina.html', 'gne__163__4.html'].map(newsPage)]
    const ids = library(articles)
    const order = ranked('龍', articles, ids)
    expect(order).toHaveLength(5)
    expect(order[0]).toBe(ids[0])
    // The page with a single 龙 in its body ranks below every page that has several.
    expect(order[4]).toBe(ids[1])
    // The same order in the list pane, whose default sort ranks while a search is active.
    const page = listArticles(t.db, { search: '龍', offset: 0, limit: 10, sort: 'imported', order: 'desc', filter: 'all' })
    expect(page.items.map((i) => i.id)).toEqual(order)
  })

  it('ranks a title hit with one mention above a body with many', () => {
    const long = hualong()
    const articles = [
      { title: '巡龍記', body: newsPage('gne__163__8.html').body },
      { title: '華北側記', body: long.body }
    ]
    const ids = library(articles)
    expect(count(articles[1]?.body ?? '', '龍')).toBeGreaterThan(5)
    expect(ranked('龍', articles, ids)).toEqual([ids[0], ids[1]])
    // Two characters: 治理 fills the hualong body; a short title hit still comes first.
    const more = [{ title: '基層治理', body: newsPage('gne__people__1.html').body }]
    const [titled] = library(more)
    const order = ranked('治理', [...articles, ...more], [...ids, titled as number])
    expect(order).toEqual([titled, ids[1]])
  })

  it('orders body hits by frequency relative to length, ties by date', () => {
    const articles = ['gne__163__2.html', 'gne__zyyfy__1.html', 'gne__baijiahao__1.html', 'gne__toutiao__3.html'].map(newsPage)
    const ids = library(articles)
    const order = ranked('比赛', articles, ids)
    // 4 mentions in 642 characters beat 1 in 3,566; identical texts tie and the newer comes first.
    expect(order.indexOf(ids[1] as number)).toBeLessThan(order.indexOf(ids[3] as number))
    expect(order[order.length - 1]).toBe(ids[3])
    const [copy] = library([articles[1] as { title: string; body: string }])
    const again = searchArticles(t.db, '比', { limit: 10, snippets: false }).hits.map((h) => h.id)
    expect(again.indexOf(copy as number)).toBe(again.indexOf(ids[1] as number) - 1)
  })
})
