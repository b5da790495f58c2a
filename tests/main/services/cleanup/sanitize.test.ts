// Hostile HTML: XSS vectors, remote loads, forms, SVG, and absurd nesting must never reach storage.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { sanitizeHtml } from '../../../../src/main/services/cleanup/sanitize'
import { maxHtmlDepth } from '../../../../src/main/services/cleanup/html-depth'
import { thrown } from '../../../helpers/import'

const HOSTILE = `<!DOCTYPE html><html><head><title>惡意頁面_測試網</title>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="http://evil.example/">
<link rel="stylesheet" href="http://tracker.example/x.css"><style>body{background:url(http://t.example/bg.png)}</style>
<script>window.top.__pwned = 1</script></head>
<body onload="alert(1)"><article><h1>標題</h1>
<p>第一段正文，這裡有足夠長的中文內容，讓可讀性演算法把它當作文章主體。第一段正文，這裡有足夠長的中文內容。</p>
<p onclick="alert(2)" style="color:red">第二段<a href="javascript:alert(3)">壞連結</a><a href="JaVaScRiPt&colon;alert(4)">實體</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">資料</a><a href="https://example.com/ok" target="_blank" ping="http://t.example">好連結</a>
<a href="mailto:editor@example.com">信箱</a><a href="file:///etc/passwd">檔案</a><a href="/relative">相對</a></p>
<img src="http://tracker.example/pixel.gif" width="1" height="1"><img src="data:image/png;base64,AAAA" alt="x">
<img srcset="http://t.example/a.jpg 1x" src="https://cdn.example/photo.jpg" alt="照片" onerror="alert(5)">
<picture><source srcset="http://t.example/b.webp"></picture>
<iframe src="https://evil.example/frame" srcdoc="<script>alert(6)</script>"></iframe>
<object data="http://evil.example/x.swf"></object><embed src="http://evil.example/y">
<form action="javascript:alert(7)"><input name="q" onfocus="alert(8)" autofocus><button formaction="javascript:alert(9)">送出</button></form>
<svg onload="alert(10)"><script>alert(11)</script><image href="http://t.example/svg.png"/></svg>
<math><mtext><table><mglyph><style><img src=x onerror=alert(12)></style></mglyph></table></mtext></math>
<p>第三段正文，同樣有足夠長的中文內容，讓可讀性演算法把它當作文章主體。<video poster="http://t.example/p.jpg"></video></p>
</article></body></html>`

const FORBIDDEN = /<(script|style|iframe|object|embed|form|input|button|svg|math|img|picture|source|video|link|meta|base)\b|\son\w+=|javascript:|data:|srcset|style=|target=|ping=|file:|http:\/\/t(racker)?\.example/i

describe('sanitising', () => {
  it('a hostile page through the full HTML import keeps the text and none of the dangerous parts', () => {
    const [a] = parseFile('hostile.html', Buffer.from(HOSTILE))
    expect(a!.html).not.toMatch(FORBIDDEN)
    expect(a!.text).toContain('第一段正文')
    expect(a!.text).toContain('第三段正文')
    expect(a!.text).not.toMatch(/alert|__pwned/)
    expect(a!.html).toContain('href="https://example.com/ok"')
    expect(a!.html).toContain('href="mailto:editor@example.com"')
    expect(a!.title).toBe('惡意頁面')
    expect(a!.source).toBe('測試網')
  })

  it('sanitizeHtml on a fragment: only allow-listed tags and http/https/mailto links survive', () => {
    const s = sanitizeHtml(HOSTILE.slice(HOSTILE.indexOf('<article>')), 512)
    expect(s.html).not.toMatch(FORBIDDEN)
    expect(s.images).toBeGreaterThanOrEqual(3)
    const hrefs = [...s.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])
    expect(hrefs).toEqual(['https://example.com/ok', 'mailto:editor@example.com'])
    expect(s.html).toMatch(/<a>壞連結<\/a>/)
  })

  it('keeps tables, lists, quotes, code and figures', () => {
    const s = sanitizeHtml(
      '<table><tr><th>欄</th><td colspan="2">值</td></tr></table><ul><li>一</li></ul><blockquote>引</blockquote><pre><code>x = 1</code></pre><figure><figcaption>圖說</figcaption></figure><hr><h2>小標</h2>',
      512
    )
    expect(s.html).toContain('<td colspan="2">值</td>')
    for (const tag of ['<table>', '<ul>', '<li>', '<blockquote>', '<pre>', '<code>', '<figure>', '<figcaption>', '<hr>', '<h2>']) {
      expect(s.html).toContain(tag)
    }
    expect(s.text).toBe('欄 值\n一\n引\nx = 1\n圖說\n小標')
  })
})

describe('deep nesting', () => {
  const deep = (n: number, tag = 'div'): string => `<html><body>${`<${tag}>`.repeat(n)}深${`</${tag}>`.repeat(n)}</body></html>`

  it('HTML nested 100,000 deep is rejected quickly with too-deep, before any DOM is built', () => {
    const t0 = Date.now()
    expect(thrown(() => parseFile('deep.html', Buffer.from(deep(100_000))))).toMatchObject({ code: 'too-deep', message: expect.stringContaining('512') })
    const unclosed = `<html><body>${'<b>'.repeat(100_000)}文字</body></html>`
    expect(thrown(() => parseFile('unclosed.html', Buffer.from(unclosed)))).toMatchObject({ code: 'too-deep' })
    expect(Date.now() - t0).toBeLessThan(3000)
  })

  it('deep HTML inside a JSON article is rejected the same way', () => {
    const json = JSON.stringify({ title: 'x', html: `${'<div>'.repeat(100_000)}文字` })
    expect(thrown(() => parseFile('deep.json', Buffer.from(json)))).toMatchObject({ code: 'too-deep' })
  })

  it('ordinary pages with unclosed <p>/<li> are not mistaken for deep ones', () => {
    const html = `<html><body><ul>${'<li><p>項目'.repeat(2000)}</ul></body></html>`
    expect(maxHtmlDepth(html)).toBeLessThan(10)
    expect(maxHtmlDepth('<div><script>"<div><div><div>"</script><br><img src=x><p>a<p>b</div>')).toBe(2)
  })

  it('counts "<x/>" as open in HTML (as parse5 does) and as closed only inside SVG or MathML', () => {
    expect(maxHtmlDepth('<div/><div/><div/>')).toBe(3)
    expect(maxHtmlDepth('<svg><path/><path/><circle/></svg>')).toBe(1)
    expect(maxHtmlDepth('<p>x<math><mi/><mo/></math></p>')).toBe(2)
    expect(maxHtmlDepth('<br/><img src="a"/><hr/>')).toBe(0)
    // An EPUB package document read as a chapter: 5,000 self-closed itemrefs are refused by depth, with a
    // readable reason, instead of overflowing the stack in the DOM code.
    const opf = `<html><body><p>正文</p>${'<itemref idref="a"/>'.repeat(5000)}</body></html>`
    expect(thrown(() => parseFile('package.html', Buffer.from(opf)))).toMatchObject({ code: 'too-deep', message: expect.stringContaining('nesting deeper than 512') })
  })

  it('a stray "<b" flood without ">" stays linear', () => {
    const t0 = Date.now()
    expect(maxHtmlDepth('<b'.repeat(200_000))).toBe(0)
    expect(Date.now() - t0).toBeLessThan(1000)
  })
})
