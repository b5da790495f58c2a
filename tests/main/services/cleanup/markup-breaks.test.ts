// HTML → stored text (issue 11): paragraphs as the page shows them (<section>/<br> layouts included), inline
// elements never break a line, and markup never leaves a line starting with closing punctuation or a space
// inside a Chinese sentence. Hand-made pages; the held-out WeChat page is only checked, never tuned on.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { htmlToPlainText, sanitizeHtml } from '../../../../src/main/services/cleanup/sanitize'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { createTestDb, FIXTURES, type TestDb } from '../../../helpers/test-db'

const S = (i: number): string => `第${i}段：社区在过去一年里推进垃圾分类，居民参与率明显提高`
const closingStarts = (text: string): number => text.split('\n').filter((l) => /^[。，、；：？！）」』”]/.test(l)).length
const strayed = (text: string): number => (text.match(/[\u4e00-\u9fff][ ]+[\u4e00-\u9fff。，、；：？！）」』”]/g) ?? []).length

const PAGES: Record<string, { html: string; paragraphs: number }> = {
  'sections with spans': { html: [1, 2, 3, 4].map((i) => `<section style="margin:0"><span style="font-size:15px">${S(i)}。</span></section>`).join(''), paragraphs: 4 },
  'one section, lines by <br>': { html: `<section>${[1, 2, 3, 4].map((i) => `<span>${S(i)}。</span><br/>`).join('')}</section>`, paragraphs: 4 },
  'inline elements across source lines': {
    html: [1, 2, 3].map((i) => `<p>${S(i)}，<u>重点在于\n  坚持</u>\n  。<span>其次</span>是<a href="http://example.org/">宣传</a>，<font color="red">再次</font>\n是<em>监督</em>\n<strong>和</strong>\n<b>考核</b>\n<i>。</i></p>`).join('\n'),
    paragraphs: 3
  },
  'the 。 in a section of its own': { html: [1, 2].map((i) => `<section><span>${S(i)}</span></section><section><span>。</span></section>`).join(''), paragraphs: 2 },
  'English keeps its spaces': { html: '<p>The <u>quick</u>\nbrown <em>fox</em>.</p><p>第二段\nEnglish words 与中文。</p>', paragraphs: 2 }
}

describe('markup does not break sentences or paragraphs', () => {
  let t: TestDb | undefined
  afterEach(() => t?.cleanup())

  for (const [name, page] of Object.entries(PAGES)) {
    it(`${name}: ${page.paragraphs} paragraphs, no line starting with closing punctuation, no stray space`, () => {
      const dom = sanitizeHtml(`<div>${page.html}</div>`, 200).text
      const plain = htmlToPlainText(`<div>${page.html}</div>`)
      for (const text of [dom, plain]) {
        console.log(`${name}: ${text.split('\n').length} paragraphs, ${closingStarts(text)} lines start with closing punctuation, ${strayed(text)} stray spaces`)
        expect(text.split('\n')).toHaveLength(page.paragraphs)
        expect(closingStarts(text)).toBe(0)
        expect(strayed(text)).toBe(0)
      }
      if (name.startsWith('inline')) expect(dom.split('\n')[0]).toBe(`${S(1)}，重点在于坚持。其次是宣传，再次是监督和考核。`)
      if (name.startsWith('English')) expect(dom).toBe('The quick brown fox.\n第二段 English words 与中文。')
    })
  }

  it('the held-out WeChat page keeps its paragraphs, none starting with closing punctuation', async () => {
    t = await createTestDb()
    const report = await importPaths(t.db, [join(FIXTURES, 'import', 'news_html', 'gne__wechat__2.html')], { worker: false })
    const { body_text: text } = t.db.sqlite.prepare('SELECT body_text FROM articles WHERE id = ?').get(report.imported[0]!.id) as { body_text: string }
    const lines = text.split('\n')
    console.log(`WeChat page: ${lines.length} paragraphs (longest ${Math.max(...lines.map((l) => l.length))} characters), ${closingStarts(text)} lines start with closing punctuation`)
    expect(lines.length).toBeGreaterThan(20)
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400)
    expect(closingStarts(text)).toBe(0)
  })
})
