// The annotations service on a real temp library with the hualong article: create, update, delete, undo,
// reading order, re-anchoring when the article shows its original text, orphans when the text changes,
// the library-wide search, and the safe rendering of notes.
import { JSDOM } from 'jsdom'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createAnnotation,
  deleteAnnotationById,
  listAnnotations,
  renderNoteHtml,
  searchAnnotations,
  undoLastChange,
  updateAnnotationFields,
  UNDO_DEPTH
} from '../../../../src/main/services/annotations'
import { updateView } from '../../../../src/main/db/repositories/article.repository'
import { attachTags } from '../../../../src/main/db/repositories/tag.repository'
import { AppError } from '../../../../src/shared/result'
import { createTestDb, type TestDb } from '../../../helpers/test-db'
import { highlight, importHualong, seedHighlights } from '../../../helpers/annotations'

describe('annotations service', () => {
  let t: TestDb
  let article: { id: number; text: string; raw: string }
  beforeEach(async () => {
    t = await createTestDb()
    article = await importHualong(t.db)
  })
  afterEach(() => t.cleanup())

  const rowCount = () => (t.db.sqlite.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n

  it('creates a highlight with W3C selectors and lists it at its position', () => {
    const view = highlight(t.db, article.id, article.text, '市域社會治理現代化試點工作', 'green', '值得注意')
    expect(view).toMatchObject({ color: 'green', note: '值得注意', quote: '市域社會治理現代化試點工作', orphan: false, anchoredBy: 'position', textKind: 'clean' })
    const row = t.db.sqlite.prepare('SELECT * FROM annotations WHERE id = ?').get(view.id) as Record<string, unknown>
    expect(row.exact).toBe('市域社會治理現代化試點工作')
    expect(String(row.prefix)).toHaveLength(32)
    expect(article.text.slice(0, view.start!).endsWith(String(row.prefix))).toBe(true)
    expect(listAnnotations(t.db, article.id).items.map((i) => i.id)).toEqual([view.id])
  })

  it('rejects bad ranges, unknown articles and white-space-only highlights', () => {
    const len = article.text.length
    expect(() => createAnnotation(t.db, { articleId: article.id, textKind: 'clean', start: 5, end: len + 1, color: 'yellow' })).toThrow(AppError)
    expect(() => createAnnotation(t.db, { articleId: 999, textKind: 'clean', start: 0, end: 2, color: 'yellow' })).toThrow(/does not exist/)
    const nl = article.text.indexOf('\n')
    expect(() => createAnnotation(t.db, { articleId: article.id, textKind: 'clean', start: nl, end: nl + 1, color: 'yellow' })).toThrow(/white space/)
    expect(rowCount()).toBe(0)
  })

  it('lists overlapping and cross-paragraph highlights in reading order', () => {
    const s = seedHighlights(t.db, article.id, article.text)
    const list = listAnnotations(t.db, article.id)
    expect(list.items.map((i) => i.id)).toEqual([s.first.id, s.overlap.id, s.cross.id, s.script.id, s.plain.id])
    expect(list.orphanCount).toBe(0)
    const cross = list.items.find((i) => i.id === s.cross.id)!
    expect(article.text.slice(cross.start!, cross.end!)).toContain('\n')
  })

  it('updates colour and note, deletes, and undoes each change in reverse order', () => {
    const a = highlight(t.db, article.id, article.text, '華龍區作為我市主城區')
    const updated = updateAnnotationFields(t.db, a.id, { color: 'pink', note: '改過的筆記' })
    expect(updated).toMatchObject({ color: 'pink', note: '改過的筆記' })
    expect(updateAnnotationFields(t.db, a.id, { note: '   ' }).note).toBeNull()
    expect(deleteAnnotationById(t.db, a.id)).toEqual({ id: a.id, articleId: article.id })
    expect(rowCount()).toBe(0)

    expect(undoLastChange(t.db, article.id)).toMatchObject({ undone: 'delete', annotationId: a.id, annotation: { id: a.id, color: 'pink', note: null } })
    expect(undoLastChange(t.db, article.id)).toMatchObject({ undone: 'update', annotation: { note: '改過的筆記' } })
    expect(undoLastChange(t.db, article.id)).toMatchObject({ undone: 'update', annotation: { color: 'yellow', note: null } })
    expect(undoLastChange(t.db, article.id)).toMatchObject({ undone: 'create', annotation: null })
    expect(rowCount()).toBe(0)
    expect(undoLastChange(t.db, article.id)).toBeNull()
    expect(() => updateAnnotationFields(t.db, a.id, { color: 'blue' })).toThrow(/does not exist/)
  })

  it('keeps the undo stack per article, bounded, and drops it with the article', () => {
    for (let i = 0; i < UNDO_DEPTH + 10; i++) highlight(t.db, article.id, article.text, '華龍區', 'yellow', undefined, i % 5)
    const n = (t.db.sqlite.prepare('SELECT count(*) AS n FROM annotation_undo').get() as { n: number }).n
    expect(n).toBe(UNDO_DEPTH)
    t.db.sqlite.prepare('DELETE FROM articles WHERE id = ?').run(article.id)
    expect(t.db.sqlite.prepare('SELECT count(*) AS n FROM annotation_undo').get()).toEqual({ n: 0 })
  })

  it('re-anchors on the original text when the article shows it, and back', () => {
    const s = seedHighlights(t.db, article.id, article.text)
    updateView(t.db, article.id, { useOriginal: true })
    const list = listAnnotations(t.db, article.id)
    expect(list.textKind).toBe('original')
    expect(list.orphanCount).toBe(0)
    const first = list.items.find((i) => i.id === s.first.id)!
    // The original still has the glued pinyin; the highlight covers the same words.
    expect(article.raw.slice(first.start!, first.end!).replace(/\([a-zü\u00e0-\u024f]+\)/g, '')).toBe('平靜安逸的生活環境')
    expect(first.anchoredBy).not.toBe('position')
    // A highlight made on the original is found in the cleaned text again.
    const rawAt = article.raw.indexOf('華龍區(qū)作為我市主城區')
    const onRaw = createAnnotation(t.db, { articleId: article.id, textKind: 'original', start: rawAt, end: rawAt + 14, color: 'blue' })
    updateView(t.db, article.id, { useOriginal: false })
    const back = listAnnotations(t.db, article.id).items.find((i) => i.id === onRaw.id)!
    expect(article.text.slice(back.start!, back.end!)).toBe('華龍區作為我市主城區')
  })

  it('flags highlights whose words are gone as orphans with quote and note, never deleting them', () => {
    const gone = highlight(t.db, article.id, article.text, '為民服務無止境,一枝一葉總關情', 'yellow', '結尾')
    const kept = highlight(t.db, article.id, article.text, '平靜安逸的生活環境')
    // A re-import with a corrected text: the last paragraph dropped, a word fixed elsewhere.
    const changed = article.text.slice(0, article.text.lastIndexOf('\n')).replace('悠閑', '悠閒')
    t.db.sqlite.prepare('UPDATE articles SET body_text = ? WHERE id = ?').run(changed, article.id)
    const list = listAnnotations(t.db, article.id)
    expect(list.orphanCount).toBe(1)
    expect(list.items.at(-1)).toMatchObject({ id: gone.id, orphan: true, start: null, quote: '為民服務無止境,一枝一葉總關情', note: '結尾' })
    expect(list.items[0]).toMatchObject({ id: kept.id, orphan: false })
    expect(rowCount()).toBe(2)
  })

  it('searches the library by article, tag, colour, date and script-insensitive text', () => {
    const s = seedHighlights(t.db, article.id, article.text)
    attachTags(t.db, article.id, ['政法'], 'user')
    const all = searchAnnotations(t.db, { offset: 0, limit: 100 })
    expect(all.total).toBe(5)
    expect(all.items[0]!.articleTitle).toBe('華龍區扎實推進市域社會治理現代化工作側記')
    expect(searchAnnotations(t.db, { colors: ['green', 'blue'], offset: 0, limit: 100 }).items.map((i) => i.id).sort()).toEqual([s.overlap.id, s.cross.id].sort())
    // Simplified query finds Traditional quote and note text.
    // (the cross-paragraph highlight also runs into 「堅持黨建引領」; newest first)
    expect(searchAnnotations(t.db, { text: '党建引领', offset: 0, limit: 100 }).items.map((i) => i.id)).toEqual([s.script.id, s.cross.id])
    expect(searchAnnotations(t.db, { text: '重叠', offset: 0, limit: 100 }).items.map((i) => i.id)).toEqual([s.overlap.id])
    expect(searchAnnotations(t.db, { text: '100%_', offset: 0, limit: 100 }).total).toBe(0)
    expect(searchAnnotations(t.db, { tag: '政法', offset: 0, limit: 100 }).total).toBe(5)
    expect(searchAnnotations(t.db, { tag: '體育', offset: 0, limit: 100 }).total).toBe(0)
    const today = new Date().toISOString().slice(0, 10)
    expect(searchAnnotations(t.db, { from: today, to: today, offset: 0, limit: 2 })).toMatchObject({ total: 5, offset: 0 })
    expect(searchAnnotations(t.db, { to: '2000-01-01', offset: 0, limit: 100 }).total).toBe(0)
  })
})

describe('renderNoteHtml', () => {
  it('renders Markdown and drops scripts, event handlers, images and unsafe links', () => {
    const html = renderNoteHtml(
      '**重要** _斜體_\n\n- 一\n- 二\n\n<script>alert(1)</script>\n<img src="http://evil.example/x.png" onerror="alert(2)">\n\n' +
        '文字 <b onclick="alert(4)">粗</b> ![track](http://evil.example/t.png)\n\n[ok](https://example.org) [bad](javascript:alert(3)) [rel](/local)'
    )
    expect(html).toContain('<strong>重要</strong>')
    expect(html).toContain('<li>一</li>')
    expect(html).toContain('&lt;script&gt;')
    const doc = new JSDOM(`<body>${html}</body>`).window.document
    expect(doc.querySelectorAll('script, img, iframe, style').length).toBe(0)
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false)
    }
    const links = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))
    expect(links).toContain('https://example.org')
    expect(links.every((h) => h === null || /^https?:|^mailto:/.test(h))).toBe(true)
    expect(renderNoteHtml(null)).toBe('')
  })
})

describe('renderNoteHtml fast path', () => {
  const notes = [
    '**重要** _斜體_ `代碼`\n\n- 一\n- 二\n\n> 引用\n\n1. 甲\n2. 乙',
    '[連結](https://example.org/a?b=1&c=2 "標題") 和 <mailto:a@example.org>',
    '[bad](javascript:alert(1)) [entity](javascript&#58;alert(1)) [rel](/local)',
    '文字 <b onclick="x">粗</b> <script>alert(1)</script>',
    '```\n<script>alert(1)</script>\n```',
    '| 表 | 頭 |\n|---|---|\n| 1 | 2 |',
    '- [x] 完成\n- [ ] 未完成',
    '# 標題\n\n---\n\n~~刪除~~'
  ]
  it.each(notes)('gives the same DOM as DOMPurify for %j', (note) => {
    const norm = (html: string) => new JSDOM(`<body>${html}</body>`).window.document.body.innerHTML.replace(/\s+/g, ' ').trim()
    expect(norm(renderNoteHtml(note))).toBe(norm(renderNoteHtml(note, { purify: true })))
  })
})
