// Issue 11, W3C Web Annotation import: every annotation of every real W3C example file ends as one
// entry (attached, orphaned, unmatched or duplicate, with its reason), counted here independently; and the
// model's shapes (collections with pages, targets as IRI/object/array, position, range and refinedBy
// selectors, tagging bodies, Traditional quotes on a Simplified article) reach the article.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importAnnotationsJson, type AnnotationOutcome } from '../../../../src/main/services/annotation-import'
import { listAnnotations } from '../../../../src/main/services/annotations'
import { getArticleRow } from '../../../../src/main/db/repositories/article.repository'
import { tagsOfArticle } from '../../../../src/main/db/repositories/tag.repository'
import { createTestDb, FIXTURES, type TestDb } from '../../../helpers/test-db'
import { highlight, importHualong } from '../../../helpers/annotations'

const DIR = join(FIXTURES, 'annotations')
const W3C_FILES = readdirSync(DIR).filter((f) => f.startsWith('w3c__') && f.endsWith('.json'))
const STATUSES = ['attached', 'orphaned', 'unmatched', 'duplicate']

function byStatus(entries: AnnotationOutcome[]): Record<string, number> {
  return entries.reduce<Record<string, number>>((m, e) => ({ ...m, [e.status]: (m[e.status] ?? 0) + 1 }), {})
}

describe('W3C Web Annotation import', () => {
  const dbs: TestDb[] = []
  afterEach(() => {
    for (const t of dbs.splice(0)) t.cleanup()
  })
  async function library() {
    const t = await createTestDb()
    dbs.push(t)
    return { db: t.db, art: await importHualong(t.db) }
  }

  it(`every annotation of the ${W3C_FILES.length} W3C example files is accounted for`, async () => {
    const { db } = await library()
    let total = 0
    for (const f of W3C_FILES) {
      const text = readFileSync(join(DIR, f), 'utf8')
      // Counted on the text: every object typed "Annotation".
      const expected = (text.match(/"type"\s*:\s*"Annotation"/g) ?? []).length
      const r = importAnnotationsJson(db, text, f)
      console.log(`${f}: ${expected} annotation(s) → ${JSON.stringify(byStatus(r.entries))} ${r.entries.map((e) => e.reason).join(' | ')}`)
      expect(r.entries).toHaveLength(expected)
      for (const e of r.entries) {
        expect(STATUSES).toContain(e.status)
        expect(e.reason.length).toBeGreaterThan(0)
        expect(e.file).toBe(f)
      }
      total += expected
    }
    console.log(`${W3C_FILES.length} files, ${total} annotations, all accounted for`)
  })

  it('collections, target and selector shapes, bodies, cross-script quotes and joining a highlight', async () => {
    const { db, art } = await library()
    const urn = `urn:marginalia:article:${getArticleRow(db, art.id)!.content_hash}`
    const text = art.text
    const pos = (s: string) => ({ type: 'TextPositionSelector', start: text.indexOf(s), end: text.indexOf(s) + s.length })
    // Already highlighted, without a note: a note for the same range must join it.
    const existing = highlight(db, art.id, text, '為民服務無止境')
    const items = [
      // 1. Simplified quote on the Traditional article, target an object with our id.
      { type: 'Annotation', body: { type: 'TextualBody', value: '简体引文', purpose: 'commenting' }, target: { source: urn, selector: { type: 'TextQuoteSelector', exact: '平静安逸的生活环境' } } },
      // 2. Target an array; a position selector only; two bodies, one a tag.
      { type: 'Annotation', body: [{ type: 'TextualBody', value: '治理', purpose: 'tagging' }, { type: 'TextualBody', value: '位置' }], target: ['http://example.org/elsewhere', { source: urn, selector: pos('堅持黨建引領') }] },
      // 3. RangeSelector from one quote to another.
      { type: 'Annotation', bodyValue: '范围', target: { source: urn, selector: { type: 'RangeSelector', startSelector: { type: 'TextQuoteSelector', exact: '華龍區作為我市主城區' }, endSelector: { type: 'TextQuoteSelector', exact: '人口流動量大' } } } },
      // 4. FragmentSelector refined by a quote.
      { type: 'Annotation', body: { type: 'TextualBody', value: '细化' }, target: { source: urn, selector: { type: 'FragmentSelector', value: 'para=2', refinedBy: { type: 'TextQuoteSelector', exact: '折射出群眾對社會治安環境的放心和滿意' } } } },
      // 5. Joins the existing highlight.
      { type: 'Annotation', body: { type: 'TextualBody', value: '补上的笔记' }, target: { source: urn, selector: { type: 'TextQuoteSelector', exact: '為民服務無止境' } } }
    ]
    const page2 = [
      // 6. Article found by id, quote not in it: orphaned.
      { type: 'Annotation', target: { source: urn, selector: { type: 'TextQuoteSelector', exact: '这句话不在文章里' } } },
      // 7. Target a bare IRI: no article, no text.
      { type: 'Annotation', body: 'http://example.org/note', target: 'http://example.com/page1' },
      // 8. XPath selector on an unknown page.
      { type: 'Annotation', target: { source: 'http://example.org/page1.html', selector: { type: 'XPathSelector', value: '/html/body/p[2]' } } }
    ]
    const doc = [
      { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'http://example.org/c', type: 'AnnotationCollection', total: 8, first: { id: 'http://example.org/c/p1', type: 'AnnotationPage', next: 'http://example.org/c/p2', items } },
      { id: 'http://example.org/c/p2', type: 'AnnotationPage', items: page2 }
    ]
    const r = importAnnotationsJson(db, JSON.stringify(doc), 'collection.json')
    console.log(r.entries.map((e) => `${e.file}=${e.status} (${e.reason})`).join('\n'))
    expect(r.entries.map((e) => [e.file, e.status])).toEqual([
      ['collection.json#1', 'attached'],
      ['collection.json#2', 'attached'],
      ['collection.json#3', 'attached'],
      ['collection.json#4', 'attached'],
      ['collection.json#5', 'attached'],
      ['collection.json#6', 'orphaned'],
      ['collection.json#7', 'unmatched'],
      ['collection.json#8', 'unmatched']
    ])
    expect(r.entries.slice(0, 6).every((e) => e.articleId === art.id)).toBe(true)
    const stored = listAnnotations(db, art.id, 'clean').items
    const words = stored.map((i) => text.slice(i.start!, i.end!))
    expect(words).toEqual(expect.arrayContaining(['平靜安逸的生活環境', '堅持黨建引領', '折射出群眾對社會治安環境的放心和滿意']))
    expect(words.find((w) => w.startsWith('華龍區作為我市主城區'))?.endsWith('人口流動量大')).toBe(true)
    expect(stored.find((i) => i.id === existing.id)?.note).toBe('补上的笔记')
    expect(stored).toHaveLength(5)
    expect(tagsOfArticle(db, art.id)).toContain('治理')
    // The same file again: the attached ones are duplicates now.
    expect(byStatus(importAnnotationsJson(db, JSON.stringify(doc), 'collection.json').entries)).toEqual({ duplicate: 5, orphaned: 1, unmatched: 2 })
  })
})
