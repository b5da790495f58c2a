// Taiwan-vocabulary detection ('twp') measured on real copy: the shared corpus's Simplified articles
// rendered by opencc-js (even-numbered articles tuned detect.ts's MAINLAND_TOO list; odd-numbered ones
// are only measured here) and the Big5 Taiwan feeds in tests/fixtures/import/encodings.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectScript } from '@shared/script/index'
import { taiwanVocabulary } from '@shared/script/detect'
import type { SourceScript } from '@shared/script/types'
import { bareOpenCC, corpusArticles } from './helpers'

const HALVES = ['tuning', 'measuring'] as const

function half(name: (typeof HALVES)[number]): string[] {
  return corpusArticles().articles.filter((_, i) => i % 2 === (name === 'tuning' ? 0 : 1))
}

function tally(list: readonly SourceScript[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const s of list) out[s] = (out[s] ?? 0) + 1
  return out
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`

describe('Taiwan vocabulary detection', () => {
  it('short copy: Taiwan terms make twp; Taiwan character forms alone stay tw', () => {
    expect(detectScript('這個軟體在網路上很紅，計程車司機都用它叫車。')).toBe('twp')
    expect(detectScript('這套軟件的視頻在網絡上很紅，出租車司機都用它叫車。')).toBe('t')
    expect(detectScript('這裡的牛肉麵很好吃，大家都在裡面排隊。')).toBe('tw')
    // One Taiwan term, even repeated, is not enough, nor are words the mainland uses too (執行, 資料).
    expect(detectScript('這裡的軟體很好用，軟體大家都在裡面排隊。')).toBe('tw')
    expect(detectScript('這裡執行的資料很多，大家都在裡面排隊。')).toBe('tw')
    // Hong Kong forms still win, and Simplified copy stays Simplified.
    expect(detectScript('佢話呢條綫嘅軟體同網路好多人用，我都覺得係咁説。')).toBe('hk')
    expect(detectScript('这个软体在网路上很红，计程车司机都用它叫车。')).toBe('cn')
  })

  it.each(HALVES)('mainland copy rendered in Traditional is never twp (%s half)', (name) => {
    const articles = half(name)
    const toT = bareOpenCC('cn', 't')
    const toTw = bareOpenCC('cn', 'tw')
    const t = articles.map((a) => detectScript(toT(a)))
    const tw = articles.map((a) => detectScript(toTw(a)))
    const falseT = t.filter((s) => s === 'twp').length
    const falseTw = tw.filter((s) => s === 'twp').length
    const why = articles.filter((_, i) => t[i] === 'twp').map((a) => taiwanVocabulary(toT(a)).taiwan.join('、'))
    console.log(
      `${name} half, ${articles.length} mainland articles: cn→t detected ${JSON.stringify(tally(t))}, ` +
        `twp ${pct(falseT, articles.length)}; cn→tw detected ${JSON.stringify(tally(tw))}, twp ${pct(falseTw, articles.length)}; ` +
        `false twp on [${why.join('; ')}]`
    )
    expect(articles.length).toBeGreaterThan(100)
    expect((falseT + falseTw) / (2 * articles.length)).toBeLessThan(0.01)
  })

  it.each(HALVES)('opencc-js Taiwan-phrased renderings (cn→twp) are twp when they carry Taiwan terms (%s half)', (name) => {
    const articles = half(name)
    const toTwp = bareOpenCC('cn', 'twp')
    const toTw = bareOpenCC('cn', 'tw')
    // Reference label, independent of our term list: opencc-js rewrote at least one word (s2twp ≠ s2tw).
    let phrased = 0
    let phrasedHit = 0
    let plain = 0
    let plainHit = 0
    for (const a of articles) {
      const twp = toTwp(a)
      const got = detectScript(twp)
      if (twp !== toTw(a)) {
        phrased++
        if (got === 'twp') phrasedHit++
      } else {
        plain++
        if (got !== 'twp') plainHit++
      }
    }
    console.log(
      `${name} half: cn→twp with rewritten words ${phrased}, detected twp ${pct(phrasedHit, phrased)}; ` +
        `without rewritten words ${plain}, kept tw/t ${pct(plainHit, plain)}`
    )
    expect(plainHit / plain).toBeGreaterThan(0.99)
    expect(phrasedHit / phrased).toBeGreaterThan(0.25)
  })

  it('real Taiwan copy (Big5 feeds) is detected as Traditional (t, tw or twp)', () => {
    const dir = resolve(__dirname, '../../fixtures/import/encodings')
    const big5 = (f: string): string => new TextDecoder('big5').decode(readFileSync(resolve(dir, f)))
    const strip = (s: string): string => s.replace(/<[^>]+>/g, ' ').replace(/&[#\w]+;/g, ' ').replace(/\s+/g, ' ').trim()
    const items = [
      ...big5('chardet__Big5__coolloud.org.tw.xml').split(/<item[ >]/).slice(1),
      ...big5('chardet__Big5__sinica.edu.tw.xml').split(/<entry[ >]/).slice(1),
      big5('chardet__Big5___chromium_Big5_with_no_encoding_specified.html')
    ]
      .map(strip)
      .filter((s) => /[\u4e00-\u9fff]{20}/.test(s) || s.length > 200)
    const got = items.map((s) => detectScript(s))
    const terms = items.map((s) => taiwanVocabulary(s))
    const twp = terms.filter((_, i) => got[i] === 'twp').map((v) => v.taiwan.join('、'))
    const below = terms.filter((v, i) => got[i] !== 'twp' && v.taiwan.length > 0).map((v) => v.taiwan.join('、'))
    console.log(
      `${items.length} Taiwan feed items: detected ${JSON.stringify(tally(got))}; twp on [${twp.join('; ')}]; ` +
        `single Taiwan terms left tw/t: [${below.join('; ')}]`
    )
    expect(items.length).toBeGreaterThan(20)
    for (const s of got) expect(['t', 'tw', 'twp']).toContain(s)
  })
})
