// Tags: counts (with sub-tags) and tree, add/remove, rename (with sub-tags), merge, delete, exact undo,
// script-insensitive identity, and suggestions from the article's own text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import {
  addTags,
  buildTagTree,
  deleteTag,
  listTagCounts,
  mergeTags,
  removeTags,
  renameTag,
  suggestTags,
  undoTagOperation
} from '../../../../src/main/services/tags'
import { apiContract } from '../../../../src/shared/api'
import { tagHandlers } from '../../../../src/main/ipc/handlers/tags.handlers'
import { EventBus } from '../../../../src/main/app/events'
import { searchArticles } from '../../../../src/main/services/search'
import { HUALONG, addArticle, corpusArticles } from '../../../helpers/search-library'

let t: TestDb
let ids: number[]

/** Everything a tag operation can change, to compare before/after undo. */
function snapshot() {
  return {
    tags: t.db.sqlite.prepare('SELECT id, name, norm_name, created_at FROM tags ORDER BY id').all(),
    links: t.db.sqlite.prepare('SELECT article_id, tag_id, origin FROM article_tags ORDER BY article_id, tag_id').all(),
    stats: t.db.sqlite.prepare('SELECT tag_id, article_count FROM tag_stats WHERE article_count > 0 ORDER BY tag_id').all()
  }
}

const counts = () => Object.fromEntries(listTagCounts(t.db).map((r) => [r.name, r.count]))
const tagsOf = (id: number) =>
  (t.db.sqlite.prepare('SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY t.name').all(id) as { name: string }[]).map((r) => r.name)

beforeEach(async () => {
  t = await createTestDb()
  const news = corpusArticles(4)
  ids = [
    addArticle(t.db, { title: '文章一', body: news[0]?.content ?? '一', tags: ['政法/平安建設', '政法'] }),
    addArticle(t.db, { title: '文章二', body: news[1]?.content ?? '二', tags: ['政法/维稳'] }),
    addArticle(t.db, { title: '文章三', body: news[2]?.content ?? '三', tags: ['体育'] }),
    addArticle(t.db, { title: '文章四', body: news[3]?.content ?? '四', tags: [] })
  ]
})

afterEach(() => t.cleanup())

describe('counts', () => {
  it('counts each article once per subtree, sorted by count or name', () => {
    expect(counts()).toEqual({ 政法: 2, '政法/平安建設': 1, '政法/维稳': 1, 体育: 1 })
    expect(listTagCounts(t.db)[0]).toMatchObject({ name: '政法', count: 2, direct: 1 })
    const byName = listTagCounts(t.db, 'name').map((r) => r.name)
    expect(byName.indexOf('政法')).toBeLessThan(byName.indexOf('政法/维稳'))
  })

  it('adds implicit parents and builds a tree', () => {
    addTags(t.db, [ids[3]!], ['地区/华龙区'])
    const rows = listTagCounts(t.db, 'name')
    expect(rows.find((r) => r.name === '地区')).toMatchObject({ count: 1, direct: 0, implicit: true })
    const tree = buildTagTree(rows)
    const zf = tree.find((n) => n.name === '政法')
    expect(zf?.children.map((c) => c.label).sort()).toEqual(['平安建設', '维稳'])
    expect(tree.find((n) => n.name === '地区')?.children[0]?.label).toBe('华龙区')
  })

  it('stay right through deletes of articles (triggers)', () => {
    t.db.sqlite.prepare('DELETE FROM articles WHERE id = ?').run(ids[1])
    expect(counts()).toEqual({ 政法: 1, '政法/平安建設': 1, 体育: 1 })
  })
})

/** Subtree counts computed from scratch, to check the trigger-maintained ones. */
function bruteCounts(): Record<string, number> {
  const links = t.db.sqlite.prepare('SELECT at.article_id AS a, t.norm_name AS norm FROM article_tags at JOIN tags t ON t.id = at.tag_id').all() as { a: number; norm: string }[]
  const sets = new Map<string, Set<number>>()
  for (const l of links) {
    const parts = l.norm.split('/')
    for (let d = 1; d <= parts.length; d++) {
      const key = parts.slice(0, d).join('/')
      if (!sets.has(key)) sets.set(key, new Set())
      sets.get(key)!.add(l.a)
    }
  }
  return Object.fromEntries([...sets].map(([k, v]) => [k, v.size]))
}
const normCounts = () =>
  Object.fromEntries(listTagCounts(t.db).map((r) => [r.name.replace(/設/g, '设'), r.count]))

it('trigger-kept subtree counts match a recount after a mix of operations', () => {
  addTags(t.db, ids, ['政法/维稳/基层', '政法'])
  removeTags(t.db, [ids[0]!], ['政法'])
  const op = renameTag(t.db, '政法/维稳', '政法/稳定')
  expect(normCounts()).toEqual(bruteCounts())
  undoTagOperation(t.db, op.token)
  t.db.sqlite.prepare('DELETE FROM articles WHERE id = ?').run(ids[2])
  deleteTag(t.db, '体育')
  expect(normCounts()).toEqual(bruteCounts())
})

describe('add and remove', () => {
  it('treats names that differ only by script or case as one tag', () => {
    addTags(t.db, [ids[3]!], ['政法/平安建设']) // Simplified spelling of 政法/平安建設
    expect(tagsOf(ids[3]!)).toEqual(['政法/平安建設'])
    addTags(t.db, [ids[2]!, ids[3]!], ['ＮＢＡ', 'nba'])
    expect(counts()['ＮＢＡ'] ?? counts()['NBA']).toBe(2)
    expect((t.db.sqlite.prepare("SELECT count(*) AS n FROM tags WHERE norm_name = 'nba'").get() as { n: number }).n).toBe(1)
  })

  it('adds to many articles and undoes exactly', () => {
    const before = snapshot()
    const op = addTags(t.db, ids, ['新标签', '政法'])
    expect(op.articles).toBe(4)
    expect(counts()['新标签']).toBe(4)
    undoTagOperation(t.db, op.token)
    expect(snapshot()).toEqual(before)
    expect(() => undoTagOperation(t.db, op.token)).toThrow(/nothing to undo/)
  })

  it('removes and undoes exactly (origin kept)', () => {
    const before = snapshot()
    const op = removeTags(t.db, [ids[0]!, ids[1]!], ['政法', '政法/维稳'])
    expect(tagsOf(ids[0]!)).toEqual(['政法/平安建設'])
    expect(tagsOf(ids[1]!)).toEqual([])
    undoTagOperation(t.db, op.token)
    expect(snapshot()).toEqual(before)
  })
})

describe('rename, merge, delete', () => {
  it('renaming a parent renames its sub-tags; undo restores', () => {
    const before = snapshot()
    const op = renameTag(t.db, '政法', '法治')
    expect(counts()).toEqual({ 法治: 2, '法治/平安建設': 1, '法治/维稳': 1, 体育: 1 })
    expect(op.tags).toBe(3)
    undoTagOperation(t.db, op.token)
    expect(snapshot()).toEqual(before)
  })

  it('renaming onto an existing name merges, and undo splits them again', () => {
    addTags(t.db, [ids[2]!], ['法治/维稳'])
    const before = snapshot()
    const op = renameTag(t.db, '政法', '法治')
    expect(counts()['法治/维稳']).toBe(2)
    expect((t.db.sqlite.prepare("SELECT count(*) AS n FROM tags WHERE norm_name LIKE '政法%'").get() as { n: number }).n).toBe(0)
    undoTagOperation(t.db, op.token)
    expect(snapshot()).toEqual(before)
  })

  it('a script-only rename keeps the tag and changes its spelling', () => {
    renameTag(t.db, '政法/平安建设', '政法/平安建设')
    expect(tagsOf(ids[0]!)).toContain('政法/平安建设')
  })

  it('refuses to move a tag under itself and reports unknown tags', () => {
    expect(() => renameTag(t.db, '政法', '政法/子')).toThrow(/under itself/)
    expect(() => renameTag(t.db, '不存在', '别的')).toThrow(/no tag/)
  })

  it('merges several tags into one (created if needed); undo restores', () => {
    const before = snapshot()
    const op = mergeTags(t.db, ['体育', '政法/维稳'], '综合')
    expect(counts()['综合']).toBe(2)
    expect(counts()['体育']).toBeUndefined()
    undoTagOperation(t.db, op.token)
    expect(snapshot()).toEqual(before)
  })

  it('deletes a tag with its sub-tags; undo restores ids, names and links', () => {
    const before = snapshot()
    const op = deleteTag(t.db, '政法')
    expect(counts()).toEqual({ 体育: 1 })
    undoTagOperation(t.db, op.token)
    expect(snapshot()).toEqual(before)
  })

  it('keeps search in step with renamed tags', () => {
    expect(searchArticles(t.db, '平安建设').hits.map((h) => h.id)).toEqual([ids[0]])
    renameTag(t.db, '政法/平安建設', '政法/社区安全')
    expect(searchArticles(t.db, '平安建设').hits.map((h) => h.id)).toEqual([])
    expect(searchArticles(t.db, '社区安全').hits.map((h) => h.id)).toEqual([ids[0]])
  })

  it('the tags:rename handler takes contract-parsed arguments and announces the change', async () => {
    const args = apiContract['tags:rename'].args.parse({ from: ' 体育 ', to: '运动' })
    const events = new EventBus()
    const seen: string[] = []
    events.subscribe((name) => seen.push(name))
    const ctx = { db: t.db, events } as unknown as Parameters<(typeof tagHandlers)['tags:rename']>[1]
    await tagHandlers['tags:rename'](args, ctx)
    expect(counts()['运动']).toBe(1)
    expect(seen).toEqual(['library:changed'])
  })
})

describe('suggestions', () => {
  it('proposes the article’s own key words (hualong), never tags it already has', () => {
    const lines = HUALONG.split('\n')
    const id = addArticle(t.db, { title: lines[0] ?? '', body: lines.slice(1).join('\n'), tags: ['華龍區'] })
    const names = suggestTags(t.db, id, 15).map((s) => s.name)
    const folded = names.map((n) => n.replace(/會/g, '会').replace(/設/g, '设'))
    expect(folded.some((n) => /治理|社会|平安|矛盾|基层|基層|網格|网格/.test(n))).toBe(true)
    expect(names.filter((n) => /治理|社會|平安|基層|矛盾|調解|網格/.test(n)).length).toBeGreaterThanOrEqual(3)
    expect(names).not.toContain('華龍區')
    expect(names).not.toContain('华龙区')
    // Suggestions only: nothing was applied.
    expect(tagsOf(id)).toEqual(['華龍區'])
  })
})
