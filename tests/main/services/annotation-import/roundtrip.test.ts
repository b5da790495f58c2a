// Highlights coming back in: our JSON export into a fresh library restores every highlight on the same
// article and words; Kindle clippings and Wallabag-style parsed annotations are matched by title and quote,
// and what cannot be matched is reported.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  attachImportedAnnotations,
  importAnnotationsJson,
  importKindleClippings,
  parseKindleClippings
} from '../../../../src/main/services/annotation-import'
import { listAnnotations, updateAnnotationFields } from '../../../../src/main/services/annotations'
import { exportNotes } from '../../../../src/main/services/export/notes'
import { tagsOfArticle } from '../../../../src/main/db/repositories/tag.repository'
import { attachTags } from '../../../../src/main/db/repositories/tag.repository'
import { createTestDb, FIXTURES, type TestDb } from '../../../helpers/test-db'
import { importHualong, seedHighlights } from '../../../helpers/annotations'

const KINDLE = readFileSync(join(FIXTURES, 'annotations', 'kindle-my-clippings.txt'), 'utf8')

function snapshot(db: TestDb['db'], articleId: number, text: string) {
  return listAnnotations(db, articleId, 'clean')
    .items.map((i) => ({ words: text.slice(i.start!, i.end!), color: i.color, note: i.note, createdAt: i.createdAt, orphan: i.orphan }))
    .sort((a, b) => a.words.localeCompare(b.words))
}

describe('annotation round trip', () => {
  const dbs: TestDb[] = []
  afterEach(() => {
    for (const t of dbs.splice(0)) t.cleanup()
  })
  async function library() {
    const t = await createTestDb()
    dbs.push(t)
    return t
  }

  it('JSON export → fresh library → the same highlights on the same words, idempotently', async () => {
    const a = await library()
    const art = await importHualong(a.db)
    const s = seedHighlights(a.db, art.id, art.text)
    updateAnnotationFields(a.db, s.plain.id, { color: 'green' })
    attachTags(a.db, art.id, ['政法'], 'user')
    const { content } = await exportNotes(a.db, { format: 'json', scope: { kind: 'library' } })

    const b = await library()
    const artB = await importHualong(b.db)
    expect(artB.text).toBe(art.text)
    expect(importAnnotationsJson(b.db, content)).toMatchObject({ imported: 5, duplicates: 0, unmatched: [], invalid: 0 })
    expect(snapshot(b.db, artB.id, artB.text)).toEqual(snapshot(a.db, art.id, art.text))
    expect(tagsOfArticle(b.db, artB.id)).toEqual(['政法'])
    // Importing the same file again adds nothing.
    expect(importAnnotationsJson(b.db, content)).toMatchObject({ imported: 0, duplicates: 5 })
  })

  it('JSON exported in Simplified script still lands on the Traditional words', async () => {
    const a = await library()
    const art = await importHualong(a.db)
    seedHighlights(a.db, art.id, art.text)
    const { content } = await exportNotes(a.db, { format: 'json', scope: { kind: 'library' }, script: 'cn' })
    const b = await library()
    const artB = await importHualong(b.db)
    expect(importAnnotationsJson(b.db, content)).toMatchObject({ imported: 5, unmatched: [] })
    expect(snapshot(b.db, artB.id, artB.text).map((x) => x.words)).toEqual(snapshot(a.db, art.id, art.text).map((x) => x.words))
  })

  it('reports annotations whose article is not in the library, and malformed entries', async () => {
    const b = await library()
    await importHualong(b.db)
    const report = importAnnotationsJson(b.db, {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [
        { type: 'Annotation', target: { source: 'urn:marginalia:article:' + '0'.repeat(64), selector: { type: 'TextQuoteSelector', exact: '火星基地的建設進度' } } },
        { type: 'Annotation', body: { type: 'TextualBody', value: '按引文找到' }, target: { source: 'http://example.org/elsewhere', selector: { type: 'TextQuoteSelector', exact: '一枝一葉總關情' } } },
        { type: 'Annotation', target: 'http://example.org/page1' },
        { hello: 'world' }
      ]
    })
    expect(report.imported).toBe(1)
    // A target without a selector is an annotation of a whole page (unmatched, with why); {hello} is none.
    expect(report.invalid).toBe(1)
    expect(report.entries.map((e) => [e.status, e.quote])).toEqual([
      ['unmatched', '火星基地的建設進度'],
      ['attached', '一枝一葉總關情'],
      ['unmatched', ''],
      ['unmatched', '']
    ])
    expect(report.unmatched[0]).toMatchObject({ quote: '火星基地的建設進度', reason: expect.stringContaining('no article in the library matches its target') })
    expect(importAnnotationsJson(b.db, '{not json')).toMatchObject({ invalid: 1, imported: 0 })
  })

  it('parses Kindle My Clippings (English and Chinese Kindle) and imports matched highlights with notes', async () => {
    const clips = parseKindleClippings(KINDLE)
    expect(clips.map((c) => c.kind)).toEqual(['highlight', 'note', 'highlight', 'bookmark', 'highlight'])
    expect(clips[0]).toMatchObject({ title: '華龍區扎實推進市域社會治理現代化工作側記', author: '張洪中', page: 1, location: { start: 12, end: 14 }, addedAt: '2019-03-04T22:22:11.000Z' })
    expect(clips[2]).toMatchObject({ location: { start: 40, end: 41 }, addedAt: '2019-03-05T08:01:09.000Z' })

    const b = await library()
    const art = await importHualong(b.db)
    const report = importKindleClippings(b.db, KINDLE)
    expect(report.imported).toBe(2)
    expect(report.unmatched).toEqual([{ quote: '給歲月以文明，而不是給文明以歲月。', note: null, title: '三體', reason: 'no article in the library matches this title or quote' }])
    const list = listAnnotations(b.db, art.id).items
    expect(list.map((i) => [art.text.slice(i.start!, i.end!), i.note])).toEqual([
      ['平靜安逸的生活環境,折射出群眾對社會治安環境的放心和滿意', '治安是基礎'],
      ['切實打通了市域社會治理“最后一米”', null]
    ])
  })

  it('attaches Wallabag-style parsed annotations inside the caller\'s transaction, reporting misses', async () => {
    const b = await library()
    const art = await importHualong(b.db)
    const report = b.db.sqlite.transaction(() =>
      attachImportedAnnotations(b.db, art.id, art.text, [
        { quote: '華龍區作為我市主城區', note: '主城區', createdAt: '2023-05-02T10:00:00+08:00' },
        { quote: '  ', note: null, createdAt: null },
        { quote: '這句話不在文章裡', note: '找不到', createdAt: null }
      ])
    )()
    expect(report).toMatchObject({ imported: 1, invalid: 1, unmatched: [{ quote: '這句話不在文章裡', note: '找不到', reason: 'quote not found in the article' }] })
    expect(listAnnotations(b.db, art.id).items[0]).toMatchObject({ quote: '華龍區作為我市主城區', note: '主城區', createdAt: '2023-05-02T02:00:00.000Z' })
  })
})
