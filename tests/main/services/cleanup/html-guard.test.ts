// The HTML depth guard reads comments and CDATA as the HTML parser does, and its tag pattern stays linear:
// markup hidden from it reached jsdom 2,000 levels deep (125 s) through "<![CDATA[" or "<!-->".
import { describe, expect, it } from 'vitest'
import { scanHtml } from '../../../../src/main/services/cleanup/html-depth'
import { htmlToPlainText } from '../../../../src/main/services/cleanup/sanitize'
import { parseFile } from '../../../../src/main/services/formats'
import { ImportError } from '../../../../src/main/services/formats/types'

const deep = (n: number): string => '<div>'.repeat(n) + 'x' + '</div>'.repeat(n)

describe('HTML depth guard', () => {
  it.each([
    ['a CDATA opener outside SVG', '<![CDATA[<div>'],
    ['an empty comment <!-->', '<!-->'],
    ['an empty comment <!--->', '<!--->']
  ])('sees the nesting after %s', (_what, prefix) => {
    expect(scanHtml(prefix + deep(2000), 512).depth).toBeGreaterThan(512)
    const t0 = performance.now()
    let error: unknown
    try {
      parseFile('page.html', Buffer.from(`<html><body>${prefix}${deep(2000)}</body></html>`))
    } catch (e) {
      error = e
    }
    const ms = performance.now() - t0
    console.log(`${prefix} + 2,000 nested divs: refused in ${ms.toFixed(0)} ms`)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).code).toBe('too-deep')
    expect(ms).toBeLessThan(5000)
  })

  it('keeps CDATA whole inside SVG', () => {
    expect(scanHtml('<svg><![CDATA[<div><div><div>]]></svg>').depth).toBe(1)
  })

  it('scans a long tag name without ">" in linear time', () => {
    const text = '<' + 'a'.repeat(400_000)
    const t0 = performance.now()
    scanHtml(text)
    htmlToPlainText(text)
    const ms = performance.now() - t0
    console.log(`400,000-character unclosed tag name: scanned in ${ms.toFixed(0)} ms`)
    expect(ms).toBeLessThan(500)
  })
})

describe('JSON-LD on a news page', () => {
  it('reads a page whose JSON-LD holds a 300,000-element array instead of refusing it', () => {
    const ld = JSON.stringify([{ '@type': 'NewsArticle', datePublished: '2019-10-23T10:20:00+08:00' }, ...Array.from({ length: 300_000 }, (_, i) => i)])
    const html = `<html><head><title>标题</title><script type="application/ld+json">${ld}</script></head><body><article><h1>标题</h1><p>${'正文内容。'.repeat(40)}</p></article></body></html>`
    const [article] = parseFile('page.html', Buffer.from(html))
    expect(article?.text).toContain('正文内容')
    expect(article?.publishedAt).toMatch(/^2019-10-23/)
  })
})
