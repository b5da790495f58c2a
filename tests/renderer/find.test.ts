// Find in the article: query terms, hits in any script (folded, length-preserving) and title marks.
import { describe, expect, it } from 'vitest'
import { findHits, findTerms, markParts } from '@renderer/features/reader/find'

describe('find in the article', () => {
  it('splits a query into terms, dropping quotes, operators and excluded words', () => {
    expect(findTerms(' "华龙区"  治理 -广告 OR 治理 ')).toEqual(['华龙区', '治理'])
  })

  it('finds a Simplified query in Traditional text at the shown offsets', () => {
    const text = '華龍區扎實推進市域社會治理，華龍區堅持問題導向'
    const hits = findHits(text, ['华龙区'])
    console.log(`[find] 华龙区 in Traditional text: ${hits.length} hits at ${hits.map((h) => h.start).join(', ')}`)
    expect(hits).toEqual([
      { start: 0, end: 3 },
      { start: 14, end: 17 }
    ])
    expect(text.slice(hits[1]!.start, hits[1]!.end)).toBe('華龍區')
  })

  it('marks a title, Latin case-insensitive', () => {
    expect(markParts('XBB.1.16 新毒株', ['xbb'])).toEqual([
      { text: 'XBB', mark: true },
      { text: '.1.16 新毒株', mark: false }
    ])
  })
})
