// The corrected view's offset maps: a highlight stored on the cleaned text lands on the same words in the
// corrected text (also after a script conversion), and a selection there maps back to the cleaned text.
import { describe, expect, it } from 'vitest'
import { loadConverter } from '@shared/script'
import type { ProofreadItem } from '@shared/types'
import { composeMaps, correctWithMap, fixesByParagraph } from '../../src/renderer/src/features/proofread/corrected'

const clean = '近日,走進華龍區轄區,公園內不斷髮酵。\n第二段使用iPhone 15拍照'

function item(start: number, end: number, suggestion: string, decision: ProofreadItem['decision'] = 'accepted'): ProofreadItem {
  return { kind: 'punctuation', code: 'punctuation.half-width', start, end, text: clean.slice(start, end), suggestion, message: '', decision }
}

describe('corrected view', () => {
  const items = [item(2, 3, '，'), item(10, 11, '，'), item(16, 17, '發'), item(25, 25, ' '), item(31, 32, '', 'ignored')]
  const paragraphs = [
    { start: 0, text: clean.slice(0, 19) },
    { start: 20, text: clean.slice(20) }
  ]

  it('applies the accepted fixes per paragraph and maps highlights both ways', () => {
    const fixes = fixesByParagraph(paragraphs, items)
    expect(fixes.map((f) => f.length)).toEqual([3, 1])
    const first = correctWithMap(paragraphs[0]!.text, fixes[0]!)
    const second = correctWithMap(paragraphs[1]!.text, fixes[1]!)
    expect(first.text).toBe('近日，走進華龍區轄區，公園內不斷發酵。')
    expect(second.text).toBe('第二段使用 iPhone 15拍照')
    // 華龍區 (stored 5..8) is at the same place; 髮酵 (16..18) covers the fixed 發酵; iPhone moved by one.
    expect(first.map.toViewRange(5, 8)).toEqual([5, 8])
    expect(first.map.toViewRange(16, 18)).toEqual([16, 18])
    const [s, e] = second.map.toViewRange(5, 11)
    console.log(`iPhone: stored 5..11 → corrected ${s}..${e} (${second.text.slice(s, e)})`)
    expect(second.text.slice(s, e)).toBe('iPhone')
    expect(second.map.toStoredRange(6, 12)).toEqual([5, 11])
  })

  it('composes with the script conversion map', async () => {
    const toCn = await loadConverter('cn', 't')
    const fixed = correctWithMap(paragraphs[0]!.text, fixesByParagraph(paragraphs, items)[0]!)
    const shown = toCn.convertWithMap(fixed.text)
    const map = composeMaps(fixed.map, shown.map)
    const [s, e] = map.toViewRange(5, 8)
    console.log(`華龍區 stored 5..8 → shown ${s}..${e} (${shown.text.slice(s, e)}) in ${shown.text}`)
    expect(shown.text.slice(s, e)).toBe('华龙区')
    expect(map.toStoredRange(s, e)).toEqual([5, 8])
    expect(shown.text).toContain('不断发酵')
  })
})
