// Hostile HTML: XSS vectors, remote loads, forms, SVG, and absurd nesting must never reach storage.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { htmlToPlainText, sanitizeHtml } from '../../../../src/main/services/cleanup/sanitize'
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

describe('size and time budgets (issue 13)', () => {
  const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `<p>第${i}段，华龙区扎实推进。</p>`).join('')

  it('sanitises in linear time whatever the wrapper: <article>/<section> cost what <div> costs', () => {
    sanitizeHtml('<p>warm up</p>', 512)
    const ms: Record<string, number> = {}
    for (const wrap of ['div', 'article', 'section']) {
      const t0 = performance.now()
      const s = sanitizeHtml(`<${wrap}>${paragraphs(10_000)}</${wrap}>`, 512)
      ms[wrap] = performance.now() - t0
      expect(s.text.split('\n')).toHaveLength(10_000)
    }
    console.log(`sanitize 10,000 <p>: div ${ms.div!.toFixed(0)} ms, article ${ms.article!.toFixed(0)} ms, section ${ms.section!.toFixed(0)} ms`)
    expect(ms.article!).toBeLessThan(3 * ms.div! + 300)
    expect(ms.section!).toBeLessThan(3 * ms.div! + 300)
  })

  it('structural wrappers become <div>s, so paragraph breaks survive', () => {
    const s = sanitizeHtml('<section epub:type="chapter">一</section><section>二</section><main><header>三</header></main>', 512)
    expect(s.html).toBe('<div>一</div><div>二</div><div><div>三</div></div>')
    expect(s.text).toBe('一\n二\n三')
  })

  it('a body over the element budget comes back as escaped plain-text paragraphs with a warning', () => {
    const s = sanitizeHtml(`${paragraphs(300)}<p>&lt;b&gt; &amp; <script>alert(1)</script></p>`, 512, { maxElements: 100, maxMs: 60_000 })
    expect(s.warnings).toEqual([expect.stringContaining('imported as plain text: 302 HTML elements, more than the 100')])
    expect(s.text.split('\n')).toHaveLength(301)
    expect(s.text.endsWith('<b> &')).toBe(true)
    expect(s.html.endsWith('<p>&lt;b&gt; &amp;</p>')).toBe(true)
  })

  it('a body over the time budget falls back the same way instead of running on', () => {
    const s = sanitizeHtml(`<article>${paragraphs(5000)}</article>`, 512, { maxElements: 1e9, maxMs: 0 })
    expect(s.warnings).toEqual([expect.stringContaining('sanitising took longer than 0 ms')])
    expect(s.text.split('\n')).toHaveLength(5000)
  })

  it('an HTML page over the element budget is imported as plain text, with the warning on the article', () => {
    const html = `<!DOCTYPE html><html><head><title>大頁面_測試網</title></head><body><article>${paragraphs(200)}</article></body></html>`
    const [a] = parseFile('big.html', Buffer.from(html), { maxHtmlElements: 100 })
    expect(a!.warnings).toEqual([expect.stringContaining('imported as plain text')])
    expect(a!.title).toBe('大頁面')
    expect(a!.text.split('\n')).toHaveLength(200)
  })
})

describe('text lost in sanitising (issue 13)', () => {
  const para = (i: number): string => `<p>第${i}段：华龙区扎实推进市域社会治理现代化工作，群众满意度持续提升。</p>`
  const page = (body: string): string => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试文章</title></head><body><article><h1>测试文章</h1>${body}</article></body></html>`

  it('an unclosed <noscript> keeps the rest of the article (it was 2 of 10 paragraphs)', () => {
    const paras = Array.from({ length: 10 }, (_, i) => para(i + 1))
    const [a] = parseFile('noscript.html', Buffer.from(page(`${paras.slice(0, 2).join('')}<noscript><img src="x.gif">${paras.slice(2).join('')}`)))
    const kept = a!.text.split('\n').filter((l) => l.startsWith('第')).length
    console.log(`unclosed <noscript>: ${kept} of 10 paragraphs kept`)
    expect(kept).toBe(10)
    expect(a!.html).not.toMatch(/<noscript|<img/)
  })

  it('text inside <noscript> and <form> is kept as text; their markup is not', () => {
    const s = sanitizeHtml('<form action="x"><p>表單內文</p><input value="v"></form><noscript><p title="</noscript><img src=x onerror=alert(1)>">無腳本</p></noscript>', 512)
    expect(s.text).toBe('表單內文\n無腳本')
    expect(s.html).not.toMatch(/<form|<noscript|<img|<input/)
    expect(s.warnings).toEqual([])
  })

  it('a body whose sanitised text is much shorter than its visible text carries a warning', () => {
    const s = sanitizeHtml(`<p>导语。</p><textarea>${'正文被放在文本框里。'.repeat(40)}</textarea>`, 512)
    expect(s.text).toBe('导语。')
    expect(s.warnings).toEqual([expect.stringMatching(/^only 3 of 403 visible characters survived sanitising/)])
  })

  it('plain text from raw HTML decodes entities and drops scripts without a DOM', () => {
    expect(htmlToPlainText('<p>a &amp; b &lt;c&gt; &#x4e2d;&#25991; &ampx &nbsp;d &bogus;</p><script>x</script><p>二\n行</p><svg><text>圖</text></svg><svg>未閉合<p>三')).toBe(
      // A source line break between two Chinese characters is no space (issue 11).
      'a & b <c> 中文 &x d &bogus;\n二行\n未閉合\n三'
    )
  })
})
