// Anchoring on the real hualong article: ranges made on the cleaned text are found again in the verbatim
// original (with glued pinyin and placeholders), back again, in a copy with random small edits, and in a
// Simplified-script conversion — always on the same words.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { anchor, AnchorTarget, describeRange, MAX_ERROR_RATE, normalizeText, toNormalized } from '../../../src/shared/anchoring'
import { foldForSearch, loadConverter } from '../../../src/shared/script'
import { parseFile } from '../../../src/main/services/formats'
import { SAMPLES } from '../../helpers/test-db'

const RAW = readFileSync(join(SAMPLES, 'hualong-article.txt'), 'utf8')
const CLEAN = parseFile('hualong-article.txt', readFileSync(join(SAMPLES, 'hualong-article.txt')))[0]!.text
const fold = foldForSearch
const words = (s: string) => normalizeText(s, { fold }).text

/** Random ranges in `text` whose normalised content has at least `min` characters. */
function rangeIn(text: string, min = 2, maxLength = 160) {
  return fc
    .tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: maxLength }))
    .map(([start, len]) => [start, Math.min(text.length, start + len)] as const)
    .filter(([s, e]) => words(text.slice(s, e)).length >= min)
}

describe('describeRange', () => {
  it('takes up to 32 characters of context and the exact text', () => {
    const sel = describeRange(CLEAN, 100, 110)
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start: 100, end: 110 })
    expect(sel.quote.exact).toBe(CLEAN.slice(100, 110))
    expect(sel.quote.prefix).toBe(CLEAN.slice(68, 100))
    expect(sel.quote.suffix).toBe(CLEAN.slice(110, 142))
  })

  it('never splits a surrogate pair', () => {
    const text = '甲𠀀乙𠀁丙'
    const sel = describeRange(text, 2, 4)
    expect(sel.quote.exact).toBe('𠀀乙')
    expect(sel.position).toMatchObject({ start: 1, end: 4 })
  })
})

describe('anchor', () => {
  const raw = new AnchorTarget(RAW, { fold })
  const clean = new AnchorTarget(CLEAN, { fold })

  it('uses the stored position when the quote is still there, also across paragraphs', () => {
    const nl = CLEAN.indexOf('\n')
    const sel = describeRange(CLEAN, nl - 10, nl + 10)
    expect(anchor(clean, sel)).toEqual({ start: nl - 10, end: nl + 10, method: 'position', score: 1 })
  })

  it('tells repeated quotes apart by their context', () => {
    const second = CLEAN.indexOf('華龍區', CLEAN.indexOf('華龍區') + 1)
    const sel = describeRange(CLEAN, second, second + 3)
    const found = anchor(clean, { quote: sel.quote })
    expect(found).toMatchObject({ start: second, end: second + 3, method: 'quote' })
  })

  it('finds a cleaned-text highlight in the original with glued pinyin, and returns', () => {
    const start = CLEAN.indexOf('華龍區作為我市主城區')
    const sel = describeRange(CLEAN, start, start + 10)
    const found = anchor(raw, { quote: sel.quote })
    expect(found?.method).toBe('normalized')
    expect(RAW.slice(found!.start, found!.end)).toBe('華龍區(qū)作為我市主城區')
    const back = anchor(clean, { quote: describeRange(RAW, found!.start, found!.end).quote })
    expect(back).toMatchObject({ start, end: start + 10 })
  })

  it('property: cleaned → original → cleaned lands on the same words', () => {
    fc.assert(
      fc.property(rangeIn(CLEAN), ([s, e]) => {
        const sel = describeRange(CLEAN, s, e)
        const hint = Math.round((s * RAW.length) / CLEAN.length)
        const there = anchor(raw, { quote: sel.quote }, { hint })
        expect(there, `range ${s}-${e}`).not.toBeNull()
        expect(words(RAW.slice(there!.start, there!.end))).toBe(words(CLEAN.slice(s, e)))
        const back = anchor(clean, { quote: describeRange(RAW, there!.start, there!.end).quote }, { hint: s })
        expect(back).not.toBeNull()
        expect(words(CLEAN.slice(back!.start, back!.end))).toBe(words(CLEAN.slice(s, e)))
        // Same place, not just the same words elsewhere: the ranges overlap.
        expect(back!.start < e && back!.end > s).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it('property: original → cleaned lands on the same words when the words are in the cleaned text', () => {
    const bodyStart = RAW.indexOf('近日')
    const bodyEnd = RAW.indexOf('全媒體記者')
    const body = RAW.slice(bodyStart, bodyEnd)
    const rawNorm = normalizeText(RAW, { fold })
    fc.assert(
      fc.property(rangeIn(body, 2), ([s0, e0]) => {
        const [s, e] = [s0 + bodyStart, e0 + bodyStart]
        // A range inside a glued gloss has no words of its own (it is an orphan in the cleaned text).
        fc.pre(toNormalized(rawNorm, e) - toNormalized(rawNorm, s) >= 2)
        const sel = describeRange(RAW, s, e)
        const found = anchor(clean, { quote: sel.quote })
        expect(found, `range ${s}-${e}`).not.toBeNull()
        // The words of a range are read in context: a range that cuts a glued gloss ("區(q") means "區".
        const expected = rawNorm.text.slice(toNormalized(rawNorm, s), toNormalized(rawNorm, e))
        expect(words(CLEAN.slice(found!.start, found!.end))).toBe(expected)
      }),
      { numRuns: 200 }
    )
  })

  it('property: a text with a few random small edits still anchors on the same words', () => {
    const edit = fc.record({
      at: fc.nat(CLEAN.length - 1),
      kind: fc.constantFrom('insert', 'delete', 'replace'),
      ch: fc.constantFrom('的', '了', '和', '在', '是', '新', 'x')
    })
    fc.assert(
      fc.property(rangeIn(CLEAN, 4, 200), fc.uniqueArray(edit, { minLength: 1, maxLength: 3, selector: (ed) => ed.at }), ([s, e], edits) => {
        // The promise is "a few small edits": no more than MAX_ERROR_RATE of the highlighted words changed.
        // (Two edits in a four-character highlight replace half of it; that is a different text, not an edit.)
        const inside = edits.filter((ed) => ed.at >= s && (ed.kind === 'insert' ? ed.at <= e : ed.at < e)).length
        fc.pre(inside <= Math.floor(words(CLEAN.slice(s, e)).length * MAX_ERROR_RATE))
        let text = CLEAN
        let [es, ee] = [s, e]
        for (const ed of [...edits].sort((a, b) => b.at - a.at)) {
          const at = Math.min(ed.at, text.length - 1)
          if (ed.kind === 'insert') {
            text = text.slice(0, at) + ed.ch + text.slice(at)
            if (at < es) es++
            if (at < ee) ee++
          } else {
            text = text.slice(0, at) + (ed.kind === 'replace' ? ed.ch : '') + text.slice(at + 1)
            if (ed.kind === 'delete') {
              if (at < es) es--
              if (at < ee) ee--
            }
          }
        }
        const sel = describeRange(CLEAN, s, e)
        const found = anchor(text, sel, { fold })
        expect(found, `range ${s}-${e} edits ${JSON.stringify(edits)}`).not.toBeNull()
        const tolerance = 3
        expect(Math.abs(found!.start - es), `start ${found!.start} vs ${es}`).toBeLessThanOrEqual(tolerance)
        expect(Math.abs(found!.end - ee), `end ${found!.end} vs ${ee}`).toBeLessThanOrEqual(tolerance)
      }),
      { numRuns: 300 }
    )
  })

  describe('across scripts', () => {
    let simplified: string
    let map: { toViewRange(s: number, e: number): [number, number] }
    beforeAll(async () => {
      const converted = (await loadConverter('cn', 't')).convertWithMap(CLEAN)
      simplified = converted.text
      map = converted.map
    })

    it('property: a Traditional highlight is found in the Simplified conversion', () => {
      const target = new AnchorTarget(simplified, { fold })
      fc.assert(
        fc.property(rangeIn(CLEAN, 2), ([s, e]) => {
          const [vs, ve] = map.toViewRange(s, e)
          const found = anchor(target, { quote: describeRange(CLEAN, s, e).quote }, { hint: vs })
          expect(found).not.toBeNull()
          expect(found!.start < ve && found!.end > vs).toBe(true)
          expect(words(simplified.slice(found!.start, found!.end))).toBe(words(simplified.slice(vs, ve)))
        }),
        { numRuns: 150 }
      )
    })
  })

  it('returns null for words that are not in the text', () => {
    expect(anchor(CLEAN, { quote: { exact: '完全無關的一句話,講的是太空探索和火星基地。', prefix: '', suffix: '' } }, { fold })).toBeNull()
    expect(anchor(CLEAN, { quote: { exact: '', prefix: '', suffix: '' } })).toBeNull()
  })

  it('stays bounded on a long text', () => {
    const long = CLEAN.repeat(200)
    const quote = '一個完全不在文本里的很長的句子,用來測試近似搜索的代價上限是否有效。'.repeat(4)
    const t0 = performance.now()
    expect(anchor(long, { quote: { exact: quote, prefix: '', suffix: '' } }, { maxCost: 2_000_000 })).toBeNull()
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})
