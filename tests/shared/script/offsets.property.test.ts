// Property-based tests of the offset maps (fast-check) over real text: every position maps
// monotonically and round-trips on segment boundaries, and ranges land on the same words in every view.
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { foldForSearch, loadConverter, type OffsetMap, type ScriptConverter } from '@shared/script/index'
import { offsetMapBoundaries } from '@shared/script/offset-map'
import type { SourceScript, TargetScript } from '@shared/script/types'
import { corpusArticles, hualong, inScript, PAIRS } from './helpers'

// Phrases whose conversion changes length or shape in some target (方便面 → 泡麵 in twp? 软件 → 軟體,
// 鼠标 → 滑鼠, 打印机 → 印表機 …), plus surrogate pairs, an ideographic description sequence, a CJK
// compatibility ideograph, our patched Extension-B conversions and plain ASCII.
const PHRASES = [
  '方便面', '软件', '鼠标', '打印机', '信息', '网络', '内存', '硬盘', '数据库', '头发', '干燥', '公元',
  '互联网', '人工智能', '算法', '老挝', '的', '了', '，', '。', '\n', ' ', 'A', 'ｂ', '2024', '𠮷', '𣨼',
  '殢', '圞', '⿰氵青', '\uF900', '英伟达', '出租车', '自行车', '台湾', '着', '里面', '发展'
]

function mixedCn(): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...PHRASES), { minLength: 0, maxLength: 40 }).map((a) => a.join(''))
}

/** Random slices of hualong and of corpus articles, plus phrase soup, rendered in `from`'s script. */
function sourceText(from: SourceScript): fc.Arbitrary<string> {
  const h = hualong()
  const arts = corpusArticles().articles.slice(0, 200)
  const hualongSlice = fc
    .tuple(fc.nat(h.length), fc.integer({ min: 0, max: 400 }))
    .map(([s, l]) => h.slice(s, s + l))
  const corpusSlice = fc
    .tuple(fc.nat(arts.length - 1), fc.nat(5000), fc.integer({ min: 0, max: 400 }))
    .map(([i, s, l]) => {
      const a = arts[i] as string
      const start = s % (a.length + 1)
      return inScript(a.slice(start, start + l), from)
    })
  const soup = mixedCn().map((t) => inScript(t, from))
  // hualong is Traditional: feed it as-is to Traditional sources, converted to the others.
  const hual = from === 't' || from === 'tw' || from === 'hk' ? hualongSlice : hualongSlice.map((t) => inScript(t, 'cn')).map((t) => inScript(t, from))
  return fc.oneof(hual, corpusSlice, soup)
}

function checkPositions(map: OffsetMap, len: number, viewLen: number): void {
  expect(map.toView(0)).toBe(0)
  expect(map.toView(len)).toBe(viewLen)
  expect(map.toStored(0)).toBe(0)
  expect(map.toStored(viewLen)).toBe(len)
  const bounds = offsetMapBoundaries(map)
  const storedB = new Set(bounds.map((b) => b[0]))
  const viewB = bounds.map((b) => b[1])
  let prev = 0
  for (let i = 0; i <= len; i++) {
    const v = map.toView(i)
    expect(v).toBeGreaterThanOrEqual(prev)
    prev = v
    const back = map.toStored(v)
    expect(back).toBeLessThanOrEqual(i)
    if (storedB.has(i)) expect(back).toBe(i)
  }
  prev = 0
  for (let j = 0; j <= viewLen; j++) {
    const s = map.toStored(j)
    expect(s).toBeGreaterThanOrEqual(prev)
    prev = s
    const p = map.toView(s)
    // Back in the same segment: at or before j, with no segment boundary in (p, j].
    expect(p).toBeLessThanOrEqual(j)
    expect(viewB.some((b) => b > p && b <= j)).toBe(false)
  }
}

// Converting a slice on its own can pick another variant than converting it in context (泰斗 keeps 斗
// in jp, a lone 斗 becomes 闘; 数据库 → 資料庫 in twp, a lone 数 → 數). The words still agree when the
// two conversions are equal after folding, or, for same-length slices, are aligned character by
// character with every difference explained by that stored character: the view shows it unconverted,
// or as the conversion of the stored text around it (up to a phrase's length either side) renders it.
const PHRASE_REACH = 8
function sameWords(conv: ScriptConverter, stored: string, ss: number, se: number, viewSlice: string): void {
  const storedSlice = stored.slice(ss, se)
  const isolated = conv.convert(storedSlice)
  if (foldForSearch(isolated) === foldForSearch(viewSlice)) return
  const st = Array.from(storedSlice)
  const iso = Array.from(isolated)
  const vw = Array.from(viewSlice)
  if (vw.length !== st.length || iso.length !== st.length) {
    // A length-changing phrase (方便面 → 泡麵) in the view or in the lone conversion: opencc-js's
    // segmentation depends on the text before (鼠标出租车 stays 鼠標出租車 in twp, 出租车 alone becomes
    // 計程車; 算法台湾 stays 算法臺灣, 算法 alone becomes 演算法), so the view slice must be what the
    // stored text around the range converts to, with or without a phrase's length of context.
    expect(viewSlice.length).toBeGreaterThan(0)
    const windows = [0, PHRASE_REACH].flatMap((l) =>
      [0, PHRASE_REACH].map((r) => conv.convert(stored.slice(Math.max(0, ss - l), Math.min(stored.length, se + r))))
    )
    expect(windows.some((w) => w.includes(viewSlice)), `view ${viewSlice} for stored ${storedSlice} in ${windows.join(' | ')}`).toBe(true)
    return
  }
  let at = ss
  vw.forEach((v, k) => {
    const ch = st[k] as string
    const here = at
    at += ch.length
    if (foldForSearch(v) === foldForSearch(iso[k] as string)) return
    if (v === ch || v === conv.convert(ch)) return
    const local = conv.convert(stored.slice(Math.max(0, here - PHRASE_REACH), Math.min(stored.length, here + ch.length + PHRASE_REACH)))
    expect(local, `view shows ${v} for stored ${ch} at ${here}`).toContain(v)
  })
}

const RUNS = 25

describe.each(PAIRS)('offset map %s → %s', (from: SourceScript, to: TargetScript) => {
  let conv: ScriptConverter
  beforeAll(async () => {
    conv = await loadConverter(to, from)
  })

  it('maps every position monotonically and round-trips on boundaries', () => {
    fc.assert(
      fc.property(sourceText(from), (stored) => {
        const { text, map } = conv.convertWithMap(stored)
        expect(text).toBe(conv.convert(stored))
        checkPositions(map, stored.length, text.length)
      }),
      { numRuns: RUNS }
    )
  })

  it('a stored range shows on the same words in the view (and covers them after a round trip)', () => {
    fc.assert(
      fc.property(sourceText(from), fc.nat(), fc.nat(), (stored, x, y) => {
        const { text: view, map } = conv.convertWithMap(stored)
        const a = x % (stored.length + 1)
        const b = y % (stored.length + 1)
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const [vs, ve] = map.toViewRange(lo, hi)
        const [ss, se] = map.toStoredRange(vs, ve)
        if (lo === hi) {
          // A caret stays a caret, at (or before, when inside a phrase) its position.
          expect(vs).toBe(ve)
          expect(ss).toBe(se)
          expect(ss).toBeLessThanOrEqual(lo)
          return
        }
        // The widened stored range covers the original one and is stable under another round trip.
        expect(ss).toBeLessThanOrEqual(lo)
        expect(se).toBeGreaterThanOrEqual(hi)
        expect(map.toViewRange(ss, se)).toEqual([vs, ve])
        // Highlight lands on the same words: converting the stored words gives the view slice (up to
        // script variants, for character-for-character phrases split into single characters).
        sameWords(conv, stored, ss, se, view.slice(vs, ve))
      }),
      { numRuns: RUNS }
    )
  })

  it('a view range maps to stored text and back without losing words', () => {
    fc.assert(
      fc.property(sourceText(from), fc.nat(), fc.nat(), (stored, x, y) => {
        const { text: view, map } = conv.convertWithMap(stored)
        const a = x % (view.length + 1)
        const b = y % (view.length + 1)
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const [ss, se] = map.toStoredRange(lo, hi)
        const [vs, ve] = map.toViewRange(ss, se)
        if (lo === hi) {
          expect(ss).toBe(se)
          expect(vs).toBe(ve)
          expect(vs).toBeLessThanOrEqual(lo)
          return
        }
        expect(vs).toBeLessThanOrEqual(lo)
        expect(ve).toBeGreaterThanOrEqual(hi)
        expect(map.toStoredRange(vs, ve)).toEqual([ss, se])
        // The stored words, converted, are what the view shows there.
        sameWords(conv, stored, ss, se, view.slice(vs, ve))
      }),
      { numRuns: RUNS }
    )
  })
})

describe('highlights agree across every view of the same stored text', () => {
  it('a stored range maps to the same words in all targets', async () => {
    const targets: TargetScript[] = ['cn', 't', 'tw', 'twp', 'hk', 'jp']
    const convs = await Promise.all(targets.map((t) => loadConverter(t, 'cn')))
    fc.assert(
      fc.property(sourceText('cn'), fc.nat(), fc.nat(), (stored, x, y) => {
        const a = x % (stored.length + 1)
        const b = y % (stored.length + 1)
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        for (const c of convs) {
          const { text: view, map } = c.convertWithMap(stored)
          const [vs, ve] = map.toViewRange(lo, hi)
          const [ss, se] = map.toStoredRange(vs, ve)
          if (lo === hi) {
            expect(ss).toBe(se)
            continue
          }
          expect(ss).toBeLessThanOrEqual(lo)
          expect(se).toBeGreaterThanOrEqual(hi)
          sameWords(c, stored, ss, se, view.slice(vs, ve))
        }
      }),
      { numRuns: 60 }
    )
  })
})

describe('offsets inside length-changing phrases (documented behaviour)', () => {
  it('clamps points to the phrase start and widens ranges to the whole phrase', async () => {
    const c = await loadConverter('twp', 'cn')
    const stored = '我的软件和打印机'
    const { text, map } = c.convertWithMap(stored)
    expect(text).toBe('我的軟體和印表機')
    // 打印机 (3) → 印表機 (3) is a lexical replacement, not character for character: atomic.
    const s = stored.indexOf('打印机')
    const v = text.indexOf('印表機')
    expect(map.toView(s + 1)).toBe(v)
    expect(map.toView(s + 2)).toBe(v)
    expect(map.toViewRange(s + 1, s + 2)).toEqual([v, v + 3])
    expect(map.toStoredRange(v + 1, v + 2)).toEqual([s, s + 3])
    // An empty range (caret) inside stays empty, at the phrase start.
    expect(map.toViewRange(s + 1, s + 1)).toEqual([v, v])
  })

  it('handles phrases whose length changes', async () => {
    const c = await loadConverter('twp', 'cn')
    const stored = '用互联网看'
    const { text, map } = c.convertWithMap(stored)
    expect(text).toBe('用網際網路看')
    expect(map.toView(1)).toBe(1)
    expect(map.toView(2)).toBe(1)
    expect(map.toView(4)).toBe(5)
    expect(map.toStored(3)).toBe(1)
    expect(map.toStored(5)).toBe(4)
    expect(map.toViewRange(2, 3)).toEqual([1, 5])
    expect(map.toStoredRange(2, 3)).toEqual([1, 4])
  })

  it('keeps single characters of a character-for-character phrase addressable', async () => {
    const c = await loadConverter('t', 'cn')
    const stored = '太后的头发很干燥'
    const { text, map } = c.convertWithMap(stored)
    expect(text).toBe('太后的頭髮很乾燥')
    const i = stored.indexOf('发')
    expect(map.toViewRange(i, i + 1)).toEqual([i, i + 1])
  })

  it('maps a BMP character that becomes a surrogate pair as one unit', async () => {
    const c = await loadConverter('cn', 't')
    const { text, map } = c.convertWithMap('殢云')
    expect(text).toBe('𣨼云')
    expect(map.toView(1)).toBe(2)
    expect(map.toStored(1)).toBe(0)
    expect(map.toStoredRange(0, 1)).toEqual([0, 1])
  })
})

describe('a range starting inside a character-for-character phrase (regression: 泰斗 in jp)', () => {
  it('shows the same words even though the lone character would convert differently', async () => {
    const c = await loadConverter('jp', 'cn')
    const stored = '武侠小说泰斗金庸逝世'
    const { text: view, map } = c.convertWithMap(stored)
    const lo = stored.indexOf('斗')
    const [vs, ve] = map.toViewRange(lo, lo + 3)
    expect(view.slice(vs, ve)).toBe('斗金庸')
    expect(c.convert('斗')).not.toBe('斗')
    sameWords(c, stored, lo, lo + 3, view.slice(vs, ve))
  })

  it('a range cutting a phrase shows the phrase rendering, which a lone conversion would not give (数据库 → 資料庫)', async () => {
    const c = await loadConverter('twp', 'cn')
    // Counterexamples found by the property above; converted alone, the widened slice segments differently.
    const stored = '方便面里面数据库公元'
    const { text: view, map } = c.convertWithMap(stored)
    const [vs, ve] = map.toViewRange(4, 6)
    expect(view.slice(vs, ve)).toBe('面資料庫')
    expect(map.toStoredRange(vs, ve)).toEqual([4, 8])
    expect(c.convert('面数据库')).toBe('面數據庫')
    sameWords(c, stored, 4, 8, view.slice(vs, ve))
    const hd = '头发硬盘'
    const r = c.convertWithMap(hd)
    const [hs, he] = r.map.toViewRange(1, 3)
    expect(r.text.slice(hs, he)).toBe('髮硬碟')
    const [ss, se] = r.map.toStoredRange(hs, he)
    sameWords(c, hd, ss, se, r.text.slice(hs, he))
    // The oracle still rejects a view that shows other words.
    expect(() => sameWords(c, hd, ss, se, '髮軟碟')).toThrow()
  })

  it('a range over a length-changing phrase follows the segmentation of the whole text (鼠标出租车方便面 in twp)', async () => {
    const c = await loadConverter('twp', 'cn')
    const stored = '鼠标出租车方便面'
    const { text: view, map } = c.convertWithMap(stored)
    expect(view).toBe('鼠標出租車泡麵')
    const [vs, ve] = map.toViewRange(2, 6)
    expect(view.slice(vs, ve)).toBe('出租車泡麵')
    const [ss, se] = map.toStoredRange(vs, ve)
    expect([ss, se]).toEqual([2, 8])
    expect(c.convert(stored.slice(ss, se))).toBe('計程車泡麵')
    sameWords(c, stored, ss, se, view.slice(vs, ve))
    expect(() => sameWords(c, stored, ss, se, '出租車方便麵')).toThrow()
    // And where only the lone conversion changes length: 算法 alone is 演算法, in 算法台湾 it stays.
    const algo = '算法台湾的'
    const r = c.convertWithMap(algo)
    expect(r.text).toBe('算法臺灣的')
    expect(c.convert('算法')).toBe('演算法')
    const [as, ae] = r.map.toViewRange(0, 2)
    sameWords(c, algo, ...r.map.toStoredRange(as, ae), r.text.slice(as, ae))
  })
})
