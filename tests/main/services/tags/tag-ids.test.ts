// Tag ids are never reused: undo of a deleted tag puts it back under its old id, so a tag created in
// between must not have taken that id (a UNIQUE error on undo, or undo records pointing at the wrong tag).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { addTags, deleteTag, undoTagOperation } from '../../../../src/main/services/tags'
import { addArticle } from '../../../helpers/search-library'

let t: TestDb
let ids: number[]

const tagRows = () => t.db.sqlite.prepare('SELECT id, name FROM tags ORDER BY id').all() as { id: number; name: string }[]
const idOf = (name: string) => tagRows().find((r) => r.name === name)?.id
const linksOf = (tagId: number) => t.db.sqlite.prepare('SELECT article_id FROM article_tags WHERE tag_id = ? ORDER BY article_id').pluck().all(tagId)

beforeEach(async () => {
  t = await createTestDb()
  ids = [addArticle(t.db, { title: '文章一', body: '政法新闻一', tags: ['政法'] }), addArticle(t.db, { title: '文章二', body: '体育新闻二', tags: [] })]
})

afterEach(() => t.cleanup())

describe('tag ids', () => {
  it('a tag created after the newest tag was deleted gets a new id, and undo restores the old one', () => {
    addTags(t.db, [ids[1]!], ['最新'])
    const newest = idOf('最新')!
    expect(newest).toBe(Math.max(...tagRows().map((r) => r.id)))
    const deleted = deleteTag(t.db, '最新')
    addTags(t.db, [ids[0]!], ['另一个'])
    const other = idOf('另一个')!
    console.log(`deleted newest tag id ${newest}; next created tag id ${other}`)
    expect(other).toBeGreaterThan(newest)

    undoTagOperation(t.db, deleted.token)
    expect(idOf('最新')).toBe(newest)
    expect(linksOf(newest)).toEqual([ids[1]])
    expect(linksOf(other)).toEqual([ids[0]])
  })

  it('undoing the later creation removes that tag only, never the restored one', () => {
    addTags(t.db, [ids[1]!], ['最新'])
    const newest = idOf('最新')!
    const deleted = deleteTag(t.db, '最新')
    const created = addTags(t.db, [ids[0]!], ['另一个'])
    undoTagOperation(t.db, deleted.token)
    undoTagOperation(t.db, created.token)
    expect(tagRows().map((r) => r.name).sort()).toEqual(['政法', '最新'].sort())
    expect(idOf('最新')).toBe(newest)
  })

  it('deleting every tag does not restart the ids', () => {
    const before = Math.max(...tagRows().map((r) => r.id))
    const deleted = deleteTag(t.db, '政法')
    expect(tagRows()).toEqual([])
    addTags(t.db, [ids[1]!], ['新标签'])
    console.log(`all tags deleted (highest id ${before}); next created tag id ${idOf('新标签')}`)
    expect(idOf('新标签')).toBeGreaterThan(before)
    undoTagOperation(t.db, deleted.token)
    expect(idOf('政法')).toBe(before)
    expect(linksOf(before)).toEqual([ids[0]])
  })
})
