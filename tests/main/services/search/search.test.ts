// Search: every query length, phrases, Latin and numbers, script-insensitivity, snippets, index upkeep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { closeDatabase, openDatabase } from '../../../../src/main/db/connection'
import {
  checkIndex,
  compileQuery,
  indexSize,
  pendingIndexCount,
  rebuildIndex,
  removeFromIndex,
  searchArticles
} from '../../../../src/main/services/search'
import { documentTokens } from '../../../../src/main/services/search/tokenize'
import { foldForSearch } from '@shared/script'
import { HUALONG, addArticle, corpusArticles, unmark } from '../../../helpers/search-library'

let t: TestDb
let hualong: number
let news: number[]
let latin: number
let boundary: number

const ids = (text: string) => searchArticles(t.db, text, { limit: 500, snippets: false }).hits.map((h) => h.id)

/** Reference answer: articles whose folded title or body contains the folded query. */
function naive(text: string): number[] {
  const q = foldForSearch(text).toLowerCase()
  const rows = t.db.sqlite.prepare('SELECT id, title, body_text FROM articles').all() as { id: number; title: string; body_text: string }[]
  return rows.filter((r) => foldForSearch(r.title + '\n' + r.body_text).includes(q)).map((r) => r.id).sort((a, b) => a - b)
}

beforeAll(async () => {
  t = await createTestDb()
  const lines = HUALONG.split('\n')
  hualong = addArticle(t.db, { title: lines[0] ?? '', body: lines.slice(1).join('\n'), source: '天天快報' })
  news = corpusArticles(40).map((a) => addArticle(t.db, { title: a.title, body: a.content, source: '新浪' }))
  latin = addArticle(t.db, {
    title: 'G20峰会在大阪开幕',
    body: 'COVID-19 疫情之后，G20 领导人讨论 iPhone 供应链。2019年6月28日，会议共有37个议题。'
  })
  boundary = addArticle(t.db, { title: '边界', body: '这是人民。民主的问题' })
})

afterAll(() => t.cleanup())

describe('query lengths', () => {
  it('finds one character', () => {
    expect(ids('治')).toContain(hualong)
    expect(ids('治').sort((a, b) => a - b)).toEqual(naive('治'))
  })

  it('finds two-character words exactly', () => {
    for (const q of ['治理', '社会', '中国', '记者']) expect(ids(q).sort((a, b) => a - b)).toEqual(naive(q))
    expect(ids('治理')).toContain(hualong)
  })

  it('finds four-character words exactly', () => {
    for (const q of ['社会治理', '平安建设', '基层自治']) expect(ids(q).sort((a, b) => a - b)).toEqual(naive(q))
    expect(ids('社会治理')).toEqual([hualong])
  })

  it('finds long phrases, quoted or not', () => {
    expect(ids('市域社会治理现代化')).toEqual([hualong])
    expect(ids('"市域社会治理现代化试点工作"')).toEqual([hualong])
    expect(ids('治理现代化试点工作不存在的词')).toEqual([])
  })

  it('ANDs space-separated terms', () => {
    expect(ids('平安 油田')).toEqual([hualong])
    expect(ids('平安 大阪')).toEqual([])
  })

  it('does not join words across punctuation', () => {
    // 人民。民主 has the bigrams 人民 and 民主 side by side; 人民主 is not in the text.
    expect(documentTokens('人民。民主')).toContain('\uE002')
    expect(ids('人民主')).not.toContain(boundary)
    expect(ids('人民')).toContain(boundary)
  })
})

describe('Latin words and numbers', () => {
  it('matches words case-insensitively and by prefix', () => {
    expect(ids('covid')).toEqual([latin])
    expect(ids('COVID-19')).toEqual([latin])
    expect(ids('iphone')).toEqual([latin])
    expect(ids('iph')).toEqual([latin])
    expect(ids('Ｇ２０')).toEqual([latin]) // full-width folds to ASCII
  })

  it('matches numbers', () => {
    expect(ids('2019')).toContain(latin)
    expect(ids('96')).toContain(hualong) // 城鎮化率96.4%
  })

  it('matches mixed Latin/Chinese/number terms as one phrase', () => {
    expect(compileQuery('G20峰会', foldForSearch).exact).toBe(true)
    expect(ids('G20峰会')).toEqual([latin])
    expect(ids('G20大阪')).toEqual([])
    expect(ids('6月28日')).toEqual([latin])
    expect(ids('6月2')).toEqual([latin]) // a final number is a prefix
    expect(ids('6月29日')).toEqual([])
  })

  it('verifies the one shape the index cannot look up exactly (a lone leading character)', () => {
    expect(compileQuery('年6月', foldForSearch).exact).toBe(false)
    expect(ids('年6月')).toContain(latin)
    expect(ids('年6月').sort((a, b) => a - b)).toEqual(naive('年6月'))
    expect(ids('年13月')).toEqual([])
  })
})

describe('script-insensitive', () => {
  it('finds the Traditional article with Simplified, Traditional and mixed queries', () => {
    for (const q of ['华龙区', '華龍區', '華龍区', '华龍區']) expect(ids(q)).toEqual([hualong])
  })

  it('marks matches in the stored (Traditional) text', () => {
    const hit = searchArticles(t.db, '华龙区').hits[0]
    expect(unmark(hit?.snippet)).toContain('[華龍區]')
    const two = searchArticles(t.db, '治理').hits.find((h) => h.id === hualong)
    expect(unmark(two?.snippet)).toContain('[治理]')
  })
})

describe('ranking, paging, filters', () => {
  it('ranks a title match above body-only matches', () => {
    const hits = searchArticles(t.db, '华龙区').hits
    expect(hits[0]?.id).toBe(hualong)
    const g20 = searchArticles(t.db, '峰会').hits
    expect(g20[0]?.id).toBe(latin)
  })

  it('pages with a stable total', () => {
    const all = searchArticles(t.db, '的', { limit: 500 })
    expect(all.total).toBe(naive('的').length)
    const p1 = searchArticles(t.db, '的', { limit: 5, offset: 0 })
    const p2 = searchArticles(t.db, '的', { limit: 5, offset: 5 })
    expect(p1.total).toBe(all.total)
    expect(p2.total).toBe(all.total)
    expect([...p1.hits, ...p2.hits].map((h) => h.id)).toEqual(all.hits.slice(0, 10).map((h) => h.id))
  })

  it('combines with source and read filters', () => {
    expect(searchArticles(t.db, '治理', { source: '天天快報' }).hits.map((h) => h.id)).toEqual([hualong])
    expect(searchArticles(t.db, '治理', { filter: 'read' }).total).toBe(0)
  })

  it('ignores queries with nothing searchable', () => {
    expect(searchArticles(t.db, '，。！').total).toBe(0)
  })
})

describe('index upkeep', () => {
  it('matches tag names live (no reindex), annotation text through the staleness triggers', () => {
    const id = news[0] as number
    expect(ids('独角兽标签')).toEqual([])
    t.db.sqlite.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('獨角獸標籤', '独角兽标签', 'x')").run()
    t.db.sqlite.prepare("INSERT INTO article_tags (article_id, tag_id, origin) SELECT ?, id, 'user' FROM tags WHERE norm_name = '独角兽标签'").run(id)
    // Tag names are not in the index: nothing to reindex, found at once, in either script, any length.
    expect(pendingIndexCount(t.db)).toBe(0)
    expect(ids('独角兽标签')).toEqual([id])
    expect(ids('獨角獸')).toEqual([id])
    expect(ids('"独角兽 标签"')).toEqual([id])
    // A tag and a word of the text combine (each term may match either); a term matching neither excludes.
    const word = [...foldForSearch(t.db.sqlite.prepare('SELECT body_text AS b FROM articles WHERE id = ?').pluck().get(id) as string)]
      .join('')
      .match(/\p{Script=Han}{2}/u)?.[0] as string
    expect(ids(`独角兽 ${word}`)).toEqual([id])
    expect(ids('独角兽 不存在的词语组合')).toEqual([])
    // Renaming needs no reindex either, and a tag that matches the query raises the article's rank: take
    // a word of its body that other articles rank higher for.
    const body = foldForSearch(t.db.sqlite.prepare('SELECT body_text AS b FROM articles WHERE id = ?').pluck().get(id) as string)
    const common = [...new Set(body.match(/\p{Script=Han}{2}/gu) ?? [])].find((w) => ids(w).indexOf(id) >= 3) as string
    expect(common).toBeDefined()
    const before = ids(common).indexOf(id)
    t.db.sqlite.prepare('UPDATE tags SET name = ?, norm_name = ? WHERE norm_name = ?').run(common, common, '独角兽标签')
    expect(pendingIndexCount(t.db)).toBe(0)
    expect(ids('独角兽')).toEqual([])
    expect(ids(common).indexOf(id)).toBeLessThan(before)
    expect(ids(common).sort((a, b) => a - b)).toEqual(naive(common))
    t.db.sqlite
      .prepare(
        "INSERT INTO annotations (article_id, color, note, start_offset, end_offset, exact, created_at, updated_at) VALUES (?, 'yellow', '值得复查的批注', 0, 2, 'xx', 'x', 'x')"
      )
      .run(id)
    expect(ids('复查')).toEqual([id])
  })

  it('sees tag renames made by another connection (the CLI) at once', () => {
    const id = news[1] as number
    t.db.sqlite.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES ('甲乙丙丁', '甲乙丙丁', 'x')").run()
    t.db.sqlite.prepare("INSERT INTO article_tags (article_id, tag_id, origin) SELECT ?, id, 'user' FROM tags WHERE name = '甲乙丙丁'").run(id)
    expect(ids('甲乙丙丁')).toEqual([id])
    const other = openDatabase(t.file)
    try {
      other.sqlite.prepare("UPDATE tags SET name = '戊己庚辛', norm_name = '戊己庚辛' WHERE name = '甲乙丙丁'").run()
    } finally {
      closeDatabase(other)
    }
    expect(ids('甲乙丙丁')).toEqual([])
    expect(ids('戊己庚辛')).toEqual([id])
  })

  it('drops deleted articles at once and checks clean', () => {
    const id = addArticle(t.db, { title: '临时文章', body: '一次性的内容' })
    expect(ids('一次性')).toEqual([id])
    t.db.sqlite.prepare('DELETE FROM articles WHERE id = ?').run(id)
    expect(ids('一次性')).toEqual([])
    removeFromIndex(t.db, [id]) // idempotent
    expect(checkIndex(t.db)).toMatchObject({ ok: true, pending: 0 })
  })

  it('rebuilds to the same answers', () => {
    // Same set; the order may shift a little as bm25's collection statistics forget deleted articles.
    const before = ids('社会').sort((a, b) => a - b)
    rebuildIndex(t.db)
    expect(ids('社会').sort((a, b) => a - b)).toEqual(before)
    const check = checkIndex(t.db)
    expect(check.ok).toBe(true)
    expect(check.indexed).toBe(check.articles)
    expect(indexSize(t.db).indexBytes).toBeGreaterThan(0)
  })
})
