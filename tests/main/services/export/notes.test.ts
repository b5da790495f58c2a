// Notes and article exports on the hualong article with overlapping, cross-paragraph and hostile-note
// highlights: every format, CSV BOM and quoting, W3C shape (against the W3C examples), script conversion,
// atomic writes, safe file names, the IPC handler's preview download, and the CLI commands.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { parse as parseYaml } from 'yaml'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportNotes, renderNotes, collectNotes, safeFileName, uniqueFileName, writeFileAtomic } from '../../../../src/main/services/export/notes'
import { exportArticle } from '../../../../src/main/services/export/articles'
import { AnnotationSchema, annotationsIn } from '../../../../src/main/services/annotations/w3c'
import { exportArticlesCommand, exportNotesCommand } from '../../../../src/main/cli/commands/export'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../../src/main/ipc/handlers'
import { UsageError } from '../../../../src/main/cli/run'
import { attachTags } from '../../../../src/main/db/repositories/tag.repository'
import { createTestContext, type TestContext } from '../../../helpers/context'
import { FIXTURES } from '../../../helpers/test-db'
import { importHualong, seedHighlights } from '../../../helpers/annotations'
// The importer's RFC 4180 reader, an independent check of what the exporter wrote.
import { parseCsv } from '../../../../src/main/services/formats/csv'

function io() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), stdin: async () => '' } }
}


describe('notes export', () => {
  let t: TestContext
  let article: { id: number; text: string; raw: string }
  let seeded: ReturnType<typeof seedHighlights>
  beforeEach(async () => {
    t = await createTestContext()
    article = await importHualong(t.db)
    seeded = seedHighlights(t.db, article.id, article.text)
    attachTags(t.db, article.id, ['政法', '基層 治理'], 'user')
  })
  afterEach(() => t.cleanup())

  const scope = () => ({ kind: 'article' as const, articleId: article.id })

  it('Markdown: front matter Obsidian/Logseq read, one blockquote per highlight, notes below, no raw HTML', async () => {
    const { content, fileName } = await exportNotes(t.db, { format: 'md', scope: scope() })
    expect(fileName).toBe('華龍區扎實推進市域社會治理現代化工作側記 - notes.md')
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(content)
    expect(fm).not.toBeNull()
    const meta = parseYaml(fm![1]!) as Record<string, unknown>
    expect(meta).toMatchObject({ title: '華龍區扎實推進市域社會治理現代化工作側記', source: '天天快報', tags: ['基層_治理', '政法'], highlights: 5 })
    expect(content).toContain('> 平靜安逸的生活環境\n\n**要點**：治安環境')
    // The cross-paragraph quote keeps its paragraphs inside one blockquote.
    expect(content).toContain('> 創建工作表現突出集體”。\n>\n> 堅持黨建引領,把牢\n\n跨段落')
    expect(content).not.toContain('<script>')
    expect(content).not.toContain('<img')
    expect(content).toContain('&lt;script>')
  })

  it('JSON: a W3C AnnotationCollection whose annotations have the W3C examples\' shape', async () => {
    const { content } = await exportNotes(t.db, { format: 'json', scope: scope() })
    const doc = JSON.parse(content)
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld')
    expect(doc.type).toBe('AnnotationCollection')
    const items = doc.first.items as Record<string, any>[]
    expect(items).toHaveLength(5)
    for (const item of items) expect(AnnotationSchema.safeParse(item).success).toBe(true)
    const first = items.find((i) => i.target.selector[0].exact === '平靜安逸的生活環境')!
    expect(first).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      target: {
        source: expect.stringMatching(/^urn:marginalia:article:[0-9a-f]{64}$/),
        styleClass: 'marginalia-yellow',
        selector: [
          { type: 'TextQuoteSelector', exact: '平靜安逸的生活環境' },
          { type: 'TextPositionSelector', start: seeded.first.start, end: seeded.first.end }
        ]
      }
    })
    expect(first.body).toEqual(
      expect.arrayContaining([
        { type: 'TextualBody', value: expect.stringContaining('**要點**'), format: 'text/markdown', purpose: 'commenting' },
        { type: 'TextualBody', value: '政法', purpose: 'tagging' }
      ])
    )
    expect(Date.parse(first.created)).not.toBeNaN()
    // The same schema accepts every W3C example fixture (it reads what the model allows).
    const fixtures = readdirSync(join(FIXTURES, 'annotations')).filter((f) => f.startsWith('w3c__'))
    expect(fixtures.length).toBeGreaterThan(10)
    for (const f of fixtures) {
      const json = JSON.parse(readFileSync(join(FIXTURES, 'annotations', f), 'utf8'))
      expect(AnnotationSchema.safeParse(json).success, f).toBe(true)
      expect(annotationsIn(json).items).toHaveLength(1)
    }
  })

  it('CSV: Readwise columns, UTF-8 BOM, CRLF, RFC 4180 quoting of quotes, commas and newlines', async () => {
    const { content, mimeType } = await exportNotes(t.db, { format: 'csv', scope: scope() })
    expect(mimeType).toContain('text/csv')
    expect(content.startsWith('\ufeffHighlight,Title,Author,URL,Note,Location,Date,Annotator\r\n')).toBe(true)
    const rows = parseCsv(content.slice(1))
    expect(rows[0]).toEqual(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date', 'Annotator'])
    expect(rows).toHaveLength(6)
    const hostile = rows.find((r) => r[0] === '堅持黨建引領')!
    expect(hostile[4]).toBe('Note with <script>alert("x")</script> and <img src="http://evil.example/t.png"> and [a link](https://example.org) and "quotes", commas')
    expect(content).toContain('""x""')
    const cross = rows.find((r) => r[4] === '跨段落')!
    expect(cross[0]).toContain('\n')
    expect(Number(cross[5])).toBe(seeded.cross.start! + 1)
    expect(cross[6]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(Buffer.from(content, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('HTML: self-contained and printable, everything escaped, notes sanitised', async () => {
    const { content } = await exportNotes(t.db, { format: 'html', scope: scope() })
    expect(content).toContain("default-src 'none'")
    expect(content).toContain('@media print')
    const doc = new JSDOM(content).window.document
    expect(doc.querySelectorAll('script, img, link, iframe').length).toBe(0)
    expect([...doc.querySelectorAll('[src]')]).toHaveLength(0)
    expect(doc.querySelectorAll('blockquote')).toHaveLength(5)
    expect(doc.querySelector('h1')!.textContent).toBe('華龍區扎實推進市域社會治理現代化工作側記')
    expect(doc.body.textContent).toContain('<script>alert("x")</script>')
    expect(doc.querySelector('.note strong')!.textContent).toBe('要點')
  })

  it('converts titles, quotes and notes to the chosen script', async () => {
    const doc = await collectNotes(t.db, scope(), 'cn')
    expect(doc.articles[0]!.title).toBe('华龙区扎实推进市域社会治理现代化工作侧记')
    expect(doc.articles[0]!.annotations.map((a) => a.quote)).toContain('平静安逸的生活环境')
    expect(renderNotes(doc, 'md')).toContain('重叠的高亮')
  })

  it('scopes: tag, library, unknown article', async () => {
    expect((await exportNotes(t.db, { format: 'csv', scope: { kind: 'tag', tag: '政法' } })).annotationCount).toBe(5)
    expect((await exportNotes(t.db, { format: 'csv', scope: { kind: 'tag', tag: '其他' } })).annotationCount).toBe(0)
    expect((await exportNotes(t.db, { format: 'md', scope: { kind: 'library' } })).fileName).toMatch(/^Marginalia notes \d{4}-\d{2}-\d{2}\.md$/)
    await expect(exportNotes(t.db, { format: 'md', scope: { kind: 'article', articleId: 999 } })).rejects.toThrow(/does not exist/)
  })

  it('the notes:export handler returns a download in the preview host', async () => {
    const r = await dispatch(createHandlers(), t.ctx, 'notes:export', { format: 'csv', scope: 'article', articleIds: [article.id] })
    expect(r.ok).toBe(true)
    const value = (r as { ok: true; value: any }).value
    expect(value).toMatchObject({ status: 'download', annotationCount: 5, articleCount: 1 })
    expect(value.files[0].content.startsWith('\ufeff')).toBe(true)
    const bad = await dispatch(createHandlers(), t.ctx, 'notes:export', { format: 'csv', scope: 'tag' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
  })

  it('the notes:export handler saves atomically through a native save dialog when the platform has one', async () => {
    const target = join(t.dir, 'notes.json')
    writeFileSync(target, 'old content that is longer than nothing')
    const ctx = { ...t.ctx, platform: { ...t.ctx.platform, host: 'electron' as const, showSaveDialog: async () => target } }
    const r = await dispatch(createHandlers(), ctx, 'notes:export', { format: 'json', scope: 'library' })
    expect(r).toMatchObject({ ok: true, value: { status: 'saved', paths: [target] } })
    expect(JSON.parse(readFileSync(target, 'utf8')).type).toBe('AnnotationCollection')
    const cancelled = { ...t.ctx, platform: { ...t.ctx.platform, host: 'electron' as const, showSaveDialog: async () => null } }
    expect(await dispatch(createHandlers(), cancelled, 'notes:export', { format: 'json', scope: 'library' })).toMatchObject({ ok: true, value: { status: 'cancelled' } })
  })

  it('annotations IPC: create, list, update, undo, search through dispatch with strict schemas', async () => {
    const h = createHandlers()
    const at = article.text.indexOf('一枝一葉總關情')
    const created = await dispatch(h, t.ctx, 'annotations:create', { articleId: article.id, textKind: 'clean', start: at, end: at + 7, color: 'green' })
    expect(created).toMatchObject({ ok: true, value: { quote: '一枝一葉總關情', color: 'green' } })
    expect(await dispatch(h, t.ctx, 'annotations:create', { articleId: article.id, textKind: 'clean', start: 5, end: 2, color: 'green' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await dispatch(h, t.ctx, 'annotations:create', { articleId: article.id, textKind: 'clean', start: 1, end: 2, color: 'red' })).toMatchObject({ ok: false })
    expect(await dispatch(h, t.ctx, 'annotations:update', { id: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    const list = await dispatch(h, t.ctx, 'annotations:list', { articleId: article.id })
    expect((list as any).value.items).toHaveLength(6)
    expect(await dispatch(h, t.ctx, 'annotations:undo', { articleId: article.id })).toMatchObject({ ok: true, value: { undone: 'create' } })
    expect(await dispatch(h, t.ctx, 'annotations:search', { text: '跨段落' })).toMatchObject({ ok: true, value: { total: 1 } })
    expect(await dispatch(h, t.ctx, 'annotations:delete', { id: 99999 })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('CLI export-notes writes the file atomically and reports usage errors', async () => {
    const out = join(t.dir, 'out.csv')
    const c = io()
    expect(await exportNotesCommand(t.db, ['--format', 'csv', '--out', out, '--article', String(article.id)], c.io)).toBe(0)
    expect(readFileSync(out, 'utf8').startsWith('\ufeffHighlight')).toBe(true)
    expect(c.err.join('')).toContain('exported 5 highlights from 1 articles')
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    await expect(exportNotesCommand(t.db, ['--format', 'pdf', '--out', out], c.io)).rejects.toThrow(UsageError)
    await expect(exportNotesCommand(t.db, ['--format', 'md'], c.io)).rejects.toThrow(UsageError)
    await expect(exportNotesCommand(t.db, ['--format', 'md', '--out', out, '--article', 'x'], c.io)).rejects.toThrow(UsageError)
    await expect(exportNotesCommand(t.db, ['--format', 'md', '--out', out, '--script', 'klingon'], c.io)).rejects.toThrow(UsageError)
    expect(await exportNotesCommand(t.db, ['--format', 'md', '--out', out, '--article', '999'], c.io)).toBe(1)
  })

  it('CLI export-articles writes one file per article with highlights marked', async () => {
    const dir = join(t.dir, 'articles')
    const c = io()
    expect(await exportArticlesCommand(t.db, ['--format', 'md', '--out', dir, '--tag', '政法', '--highlights', '--script', 'cn'], c.io)).toBe(0)
    const files = readdirSync(dir)
    expect(files).toEqual(['华龙区扎实推进市域社会治理现代化工作侧记.md'])
    const md = readFileSync(join(dir, files[0]!), 'utf8')
    expect(md).toContain('==平静安逸的')
    expect(md).toMatch(/\[\^1\]: \*\*要点\*\*/)
  })
})

describe('article export', () => {
  let t: TestContext
  let article: { id: number; text: string; raw: string }
  beforeEach(async () => {
    t = await createTestContext()
    article = await importHualong(t.db)
    seedHighlights(t.db, article.id, article.text)
  })
  afterEach(() => t.cleanup())

  it('Markdown marks highlights (overlaps merged, split at paragraph ends) with notes as footnotes', async () => {
    const { content, fileName } = await exportArticle(t.db, article.id, { format: 'md', highlights: true })
    expect(fileName).toBe('華龍區扎實推進市域社會治理現代化工作側記.md')
    expect(content).toContain('==平靜安逸的生活環境==[^1]==,折射出群眾對社會治安環境的放心和滿意==[^2]')
    expect(content).toContain('平安==創建工作表現突出集體”。==\n')
    expect(content).toMatch(/\n==堅持黨建引領==\[\^4\]==,把牢==\[\^3\]/)
    expect(content).toContain('[^4]: Note with &lt;script>')
    expect((content.match(/==/g) ?? []).length % 2).toBe(0)
  })

  it('HTML uses <mark> and footnotes, escaped and self-contained', async () => {
    const { content } = await exportArticle(t.db, article.id, { format: 'html', highlights: true, script: 'cn' })
    const doc = new JSDOM(content).window.document
    expect(doc.querySelectorAll('script, img').length).toBe(0)
    const marks = [...doc.querySelectorAll('mark')].map((m) => m.textContent).join('|')
    expect(marks).toContain('平静安逸的')
    expect(doc.querySelectorAll('.footnotes > ol > li')).toHaveLength(4)
    expect(doc.querySelectorAll('p').length).toBeGreaterThan(4)
  })

  it('plain text without highlights is the article as shown', async () => {
    const { content } = await exportArticle(t.db, article.id, { format: 'txt' })
    expect(content.startsWith('華龍區扎實推進市域社會治理現代化工作側記\n')).toBe(true)
    expect(content).toContain(article.text)
  })

  it('plain text with highlights keeps the words and puts [n] after each noted highlight, notes below', async () => {
    const { content } = await exportArticle(t.db, article.id, { format: 'txt', highlights: true })
    expect(content).toContain('平靜安逸的生活環境[1],折射出群眾對社會治安環境的放心和滿意[2]')
    expect(content).toMatch(/堅持黨建引領\[4\],把牢\[3\]/)
    // Removing the markers gives the article text back unchanged.
    const [body] = content.split('\n——\n')
    expect(body!.replace(/\[\d+\]/g, '')).toContain(article.text.trimEnd())
    expect(content).toMatch(/\n\[1\] 「平靜安逸的生活環境」\n {4}\S/)
  })
})

describe('files', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestContext()
  })
  afterEach(() => t.cleanup())

  it('writeFileAtomic replaces an existing file whole and leaves no temp file', () => {
    const file = join(t.dir, '筆記.md')
    writeFileSync(file, 'x'.repeat(10_000))
    writeFileAtomic(file, '短')
    expect(readFileSync(file, 'utf8')).toBe('短')
    expect(readdirSync(t.dir).filter((f) => f.includes('.tmp'))).toEqual([])
    expect(() => writeFileAtomic(join(t.dir, 'missing', 'a.md'), 'x')).toThrow()
    expect(existsSync(join(t.dir, 'missing'))).toBe(false)
  })

  it.each([
    ['華龍區/扎實\\推進:工作*?"<>|', '華龍區_扎實_推進_工作______.md'],
    ['CON', '_CON.md'],
    ['nul.txt', '_nul.txt.md'],
    ['標題...  ', '標題.md'],
    ['..\\..\\etc/passwd', '_.._etc_passwd.md'],
    ['a\u0000b\u202ecod.exe', 'a_b_cod.exe.md'],
    ['', 'untitled.md'],
    ['   ...', 'untitled.md']
  ])('safeFileName(%j) = %j', (title, expected) => {
    expect(safeFileName(title, { extension: 'md' })).toBe(expected)
  })

  it('caps names in UTF-8 bytes without splitting characters', () => {
    const name = safeFileName('華'.repeat(200), { extension: '.html', maxBytes: 100 })
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(100)
    expect(name).toBe('華'.repeat(31) + '.html')
    const emoji = safeFileName('😀'.repeat(50), { maxBytes: 18 })
    expect(emoji).toBe('😀😀😀😀')
  })

  it('uniqueFileName numbers duplicates case-insensitively', () => {
    const taken = new Set<string>()
    expect(['a.md', 'A.md', 'a.md'].map((n) => uniqueFileName(n, taken))).toEqual(['a.md', 'A (2).md', 'a (3).md'])
  })
})
