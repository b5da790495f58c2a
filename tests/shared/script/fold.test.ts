// foldForSearch: length-preserving, script-insensitive folding.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { foldForSearch, SCRIPT_IDS, SCRIPT_LABELS } from '@shared/script/index'
import { bareOpenCC, corpusArticles, hualong } from './helpers'

describe('foldForSearch', () => {
  it('folds Traditional, Simplified and mixed spellings to the same key', () => {
    expect(foldForSearch('華龍區')).toBe('华龙区')
    expect(foldForSearch('华龙区')).toBe('华龙区')
    expect(foldForSearch('華龍区')).toBe('华龙区')
  })

  it('folds Taiwan and Hong Kong variant characters', () => {
    expect(foldForSearch('裡面')).toBe(foldForSearch('里面'))
    expect(foldForSearch('裏面')).toBe(foldForSearch('里面'))
    expect(foldForSearch('説話')).toBe(foldForSearch('说话'))
    expect(foldForSearch('綫路')).toBe(foldForSearch('线路'))
    expect(foldForSearch('爲了')).toBe(foldForSearch('为了'))
    expect(foldForSearch('為了')).toBe(foldForSearch('为了'))
  })

  it('keeps ordinary Simplified characters that variant tables also list', () => {
    for (const s of ['吃饭', '才能', '核心', '台风', '床头', '秘密', '群众']) expect(foldForSearch(s)).toBe(s)
  })

  it('maps full-width ASCII to ASCII and lower-cases Latin', () => {
    expect(foldForSearch('ＡＢＣ１２３，ｘｙｚ！')).toBe('abc123,xyz!')
    expect(foldForSearch('Hello WORLD')).toBe('hello world')
    expect(foldForSearch('ÉCOLE')).toBe('école')
    expect(foldForSearch('\u3000')).toBe(' ')
  })

  it('preserves UTF-16 length character for character, including surrogate pairs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        expect(foldForSearch(s).length).toBe(s.length)
      }),
      { numRuns: 300 }
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(foldForSearch(s).length).toBe(s.length)
      }),
      { numRuns: 300 }
    )
    expect(foldForSearch('𠮷野家')).toBe('𠮷野家')
  })

  it('is idempotent over the whole BMP', () => {
    let all = ''
    for (let c = 0; c < 0xd800; c++) all += String.fromCharCode(c)
    for (let c = 0xe000; c < 0x10000; c++) all += String.fromCharCode(c)
    const once = foldForSearch(all)
    expect(foldForSearch(once)).toBe(once)
  })

  it('folds a Simplified article and its Traditional renderings to the same text where lengths agree', () => {
    for (const cn of corpusArticles().articles.slice(0, 20)) {
      for (const to of ['t', 'tw', 'hk'] as const) {
        const trad = bareOpenCC('cn', to)(cn)
        if (trad.length !== cn.length) continue
        // Character-level folding cannot undo phrase-level choices, so compare character classes: the
        // folded Traditional text must match the folded original in at least 99% of positions.
        const a = foldForSearch(cn)
        const b = foldForSearch(trad)
        let same = 0
        for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++
        expect(same / a.length).toBeGreaterThan(0.99)
      }
    }
  })

  it('is fast (> 50 MB/s on a Traditional article)', () => {
    let text = hualong()
    while (text.length < 200_000) text += text
    foldForSearch(text)
    const t0 = performance.now()
    for (let i = 0; i < 10; i++) foldForSearch(text)
    const ms = (performance.now() - t0) / 10
    expect((text.length * 2) / 1e6 / (ms / 1000)).toBeGreaterThan(50)
  })
})

describe('SCRIPT_LABELS', () => {
  it('names every script in zh-Hans, zh-Hant and en', () => {
    for (const id of SCRIPT_IDS) {
      const l = SCRIPT_LABELS[id]
      expect(l['zh-Hans'].length).toBeGreaterThan(0)
      expect(l['zh-Hant'].length).toBeGreaterThan(0)
      expect(l.en.length).toBeGreaterThan(0)
    }
    expect(SCRIPT_LABELS.original).toEqual({ 'zh-Hans': '原文', 'zh-Hant': '原文', en: 'Original' })
    expect(SCRIPT_LABELS.cn['zh-Hant']).toBe('簡體')
  })
})
