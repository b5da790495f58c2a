// The bit-parallel approximate search against a plain dynamic-programming reference, on random strings
// over small alphabets (many near matches) and patterns longer than one 32-bit block.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { approxSearch, editDistance } from '../../../src/shared/anchoring'

/** Sellers' semi-global DP: the smallest edit distance of `pattern` to any substring ending at each j. */
function sellers(text: string, pattern: string): number[] {
  const m = pattern.length
  let col = Array.from({ length: m + 1 }, (_, i) => i)
  const out: number[] = []
  for (let j = 1; j <= text.length; j++) {
    const next = [0]
    for (let i = 1; i <= m; i++) {
      const cost = pattern[i - 1] === text[j - 1] ? 0 : 1
      next[i] = Math.min((col[i - 1] as number) + cost, (col[i] as number) + 1, (next[i - 1] as number) + 1)
    }
    col = next
    out.push(col[m] as number)
  }
  return out
}

const alphabet = (chars: string) => fc.string({ unit: fc.constantFrom(...chars.split('')), maxLength: 200 })

describe('approxSearch', () => {
  it('finds the best match with the same error count as the reference DP (1–3 blocks)', () => {
    fc.assert(
      fc.property(alphabet('ab華龍區'), fc.string({ unit: fc.constantFrom('a', 'b', '華', '龍', '區'), minLength: 1, maxLength: 80 }), fc.nat(20), (text, pattern, k) => {
        const ref = sellers(text, pattern)
        const best = ref.length ? Math.min(...ref) : Infinity
        const found = approxSearch(text, pattern, k)
        if (best > k) {
          expect(found).toEqual([])
          return
        }
        expect(found.length).toBeGreaterThan(0)
        expect(found[0]!.errors).toBe(best)
        for (const m of found) {
          expect(m.errors).toBe(ref[m.end - 1])
          expect(editDistance(pattern, text.slice(m.start, m.end))).toBe(m.errors)
        }
      }),
      { numRuns: 400 }
    )
  })

  it('finds a long Chinese quote with a few edits', () => {
    const text = '近日,走進華龍區轄區,公園內孩童歡樂地嬉笑玩耍,老人悠閑地下棋打牌;夜幕降臨后,人們愜意地逛街、吃宵夜……平靜安逸的生活環境,折射出群眾對社會治安環境的放心和滿意。'.repeat(3)
    const quote = '公園內孩童歡樂地嬉笑玩耍,老人悠閑地下棋打牌;夜幕降臨后,人們愜意地逛街'
    const edited = text.replaceAll('歡樂地嬉笑', '快樂地嬉戲')
    const [m] = approxSearch(edited, quote, 5)
    expect(m).toBeDefined()
    expect(m!.errors).toBe(2)
    expect(edited.slice(m!.start, m!.end)).toBe('公園內孩童快樂地嬉戲玩耍,老人悠閑地下棋打牌;夜幕降臨后,人們愜意地逛街')
  })
})
