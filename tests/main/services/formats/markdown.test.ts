// Markdown with YAML front matter; the body is the real hualong article so cleanup runs on it too.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { fixture, thrown } from '../../../helpers/import'

describe('Markdown', () => {
  const hualong = fixture('hualong-article.txt').toString('utf8')
  const body = hualong.split('\n').slice(2, 8).join('\n\n')

  it('front matter gives title, tags, source, url, date, author; body becomes sanitised HTML', () => {
    const md = `---\ntitle: 華龍區(qū)扎實推進市域社會治理現(xiàn)代化工作側記\ntags: [政法, 基層治理]\nsource: 濮陽日報\nurl: https://example.com/a/1\ndate: 2023-05-04\nauthor: 張洪中\n---\n\n${body}\n\n<script>alert(1)</script>\n`
    const [a] = parseFile('article.md', Buffer.from(md))
    expect(a).toMatchObject({
      title: '華龍區扎實推進市域社會治理現代化工作側記',
      tags: ['政法', '基層治理'],
      source: '濮陽日報',
      url: 'https://example.com/a/1',
      publishedAt: '2023-05-04',
      author: '張洪中',
      rawFormat: 'markdown',
      rawText: md
    })
    expect(a!.removed.pinyinGlosses).toBe(hualong.split('\n').slice(0, 8).join('').match(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/gu)!.length)
    expect(a!.text.split('\n')).toHaveLength(6)
    expect(a!.html).toMatch(/^<p>近日/)
    expect(a!.html).not.toContain('script')
  })

  it('without front matter, a leading "# heading" is the title', () => {
    const [a] = parseFile('note.md', Buffer.from('# 標題一\n\n第一段。\n\n- 項目\n- 項目二\n'))
    expect(a).toMatchObject({ title: '標題一', text: '第一段。\n項目\n項目二' })
  })

  it('invalid front matter → parse-error; absurd nesting → too-deep', () => {
    expect(thrown(() => parseFile('x.md', Buffer.from('---\ntitle: [unclosed\n---\nbody\n')))).toMatchObject({ code: 'parse-error' })
    expect(thrown(() => parseFile('deep.md', Buffer.from(`${'>'.repeat(5000)} 引文\n`)))).toMatchObject({ code: 'too-deep' })
  })
})

describe('unmatched emphasis (issue 13)', () => {
  it('0.4 MB of "*a" imports in bounded time (it took 26 s and 1.4 GB); ordinary emphasis still renders', () => {
    const t0 = performance.now()
    const [a] = parseFile('e.md', Buffer.from(`# 强调\n\n${'*a'.repeat(200_000)}\n\n第二段有*强调*。\n`))
    const ms = performance.now() - t0
    console.log(`*a × 200,000: ${ms.toFixed(0)} ms`)
    expect(ms).toBeLessThan(5000)
    expect(a!.text.startsWith('*a*a')).toBe(true)
    expect(a!.html).toContain('<p>第二段有<em>强调</em>。</p>')
  })

  it('a Markdown file over the per-file limit is refused with the limit in the reason', () => {
    expect(thrown(() => parseFile('big.md', Buffer.from('# t\n\n' + '文'.repeat(2000)), { maxRecordChars: 1000 }))).toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('1,000-character limit')
    })
  })
})
