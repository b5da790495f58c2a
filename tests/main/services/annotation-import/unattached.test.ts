// Unattached notes (issue 11): a highlight imported before its article is kept, shown in the list, and
// attached by the import that brings the article, with that import's report saying so.
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { listAnnotations } from '../../../../src/main/services/annotations'
import { deleteUnattached, listUnattached, restoreUnattached } from '../../../../src/main/services/annotation-import/unattached'
import { exportNotes } from '../../../../src/main/services/export/notes'
import { createTestDb, FIXTURES, type TestDb } from '../../../helpers/test-db'
import { HUALONG, importHualong, seedHighlights } from '../../../helpers/annotations'

const KINDLE = join(FIXTURES, 'annotations', 'kindle-my-clippings.txt')

describe('unattached notes', () => {
  const dbs: TestDb[] = []
  afterEach(() => {
    for (const t of dbs.splice(0)) t.cleanup()
  })
  async function library(): Promise<TestDb> {
    const t = await createTestDb()
    dbs.push(t)
    return t
  }

  it('Kindle clippings imported before their article are kept, then attached when the article comes', async () => {
    const t = await library()
    const first = await importPaths(t.db, [KINDLE], { worker: false })
    // Every clipping found no article, but the bookmark, which is no annotation and is skipped.
    expect(first.annotations.map((a) => a.status)).toEqual(['unmatched', 'unmatched', 'unmatched', 'skipped', 'unmatched'])
    const kept = listUnattached(t.db)
    // Two highlights of the Hualong article (one with its Kindle note) and one of a book never imported.
    expect(kept.map((n) => n.quote)).toEqual(['平靜安逸的生活環境,折射出群眾對社會治安環境的放心和滿意', '切实打通了市域社会治理“最后一米”', '給歲月以文明，而不是給文明以歲月。'])
    expect(kept[0]).toMatchObject({ note: '治安是基礎', title: '華龍區扎實推進市域社會治理現代化工作側記', file: KINDLE })
    // The same file again: still one row per note.
    await importPaths(t.db, [KINDLE], { worker: false })
    expect(listUnattached(t.db)).toHaveLength(3)

    const second = await importPaths(t.db, [HUALONG], { worker: false })
    const id = second.imported[0]!.id
    const attached = second.annotations.filter((a) => a.status === 'attached')
    expect(attached.map((a) => [a.file, a.articleId])).toEqual([
      [KINDLE, id],
      [KINDLE, id]
    ])
    const left = listUnattached(t.db)
    console.log(`Kindle before the article: ${kept.length} kept; after importing it: ${attached.length} attached, ${left.length} left (${left[0]?.title})`)
    expect(left.map((n) => n.title)).toEqual(['三體'])
    const items = listAnnotations(t.db, id).items
    expect(items).toHaveLength(2)
    expect(items.find((a) => a.quote.startsWith('平靜安逸'))?.note).toBe('治安是基礎')
    // A Simplified quote landed on the Traditional article (matched across scripts).
    expect(items.some((a) => a.quote.startsWith('切實打通'))).toBe(true)
  })

  it('our W3C notes export imported into a library without the article waits for it, then every note attaches', async () => {
    const a = await library()
    const art = await importHualong(a.db)
    seedHighlights(a.db, art.id, art.text)
    const { content, annotationCount } = await exportNotes(a.db, { format: 'json', scope: { kind: 'library' } })

    const b = await library()
    const notes = join(b.dir, 'notes.json')
    writeFileSync(notes, content)
    const first = await importPaths(b.db, [notes], { worker: false })
    expect(first.annotations.map((x) => x.status)).toEqual(Array(annotationCount).fill('unmatched'))
    expect(listUnattached(b.db)).toHaveLength(annotationCount)
    expect(listUnattached(b.db)[0]!.source).toMatch(/^urn:marginalia:article:[0-9a-f]{64}$/)

    const second = await importPaths(b.db, [HUALONG], { worker: false })
    const attached = second.annotations.filter((x) => x.status === 'attached')
    console.log(`W3C before the article: ${annotationCount} kept; after: ${attached.length} attached, ${listUnattached(b.db).length} left`)
    expect(attached.map((x) => x.file)).toEqual(Array.from({ length: annotationCount }, (_, i) => `${notes}#${i + 1}`))
    expect(listUnattached(b.db)).toEqual([])
    expect(listAnnotations(b.db, second.imported[0]!.id).items).toHaveLength(annotationCount)
  })

  it('a deleted note can be restored until the next import, which purges it', async () => {
    const t = await library()
    await importPaths(t.db, [KINDLE], { worker: false })
    const [note] = listUnattached(t.db)
    deleteUnattached(t.db, note!.id)
    expect(listUnattached(t.db)).toHaveLength(2)
    restoreUnattached(t.db, note!.id)
    expect(listUnattached(t.db)).toHaveLength(3)
    deleteUnattached(t.db, note!.id)
    // The next import does not attach a deleted note, and its Undo is then gone.
    const report = await importPaths(t.db, [HUALONG], { worker: false })
    expect(report.annotations.map((a) => a.quote)).toEqual(['切实打通了市域社会治理“最后一米”'])
    expect(() => restoreUnattached(t.db, note!.id)).toThrow(/can no longer be restored/)
  })
})
