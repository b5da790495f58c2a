// The corrected view (pure, no DOM): the cleaned text with the accepted fixes applied, paragraph by
// paragraph, each with an OffsetMap to the cleaned text. Corrected is a view over the cleaned text, not a
// stored TextKind: highlights stay stored against the cleaned text and show on the corrected words
// through the map (composed with the script conversion's map), and a selection made there is stored
// against the cleaned text like any other.
import { offsetMapFromAlignment } from '@shared/script/offset-map'
import type { OffsetMap } from '@shared/script/types'
import type { ProofreadItem } from '@shared/types'

export interface Fix {
  start: number
  end: number
  text: string
  suggestion: string
}

/**
 * Applies the fixes inside [0, text.length) of a paragraph (offsets local to it), in order of start; one
 * that overlaps a fix already applied or whose text no longer matches is skipped (as applyFindings does).
 * Unchanged characters are one segment each, every fix one atomic segment.
 */
export function correctWithMap(text: string, fixes: readonly Fix[]): { text: string; map: OffsetMap } {
  const sorted = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)
  const a: number[] = [0]
  const b: number[] = [0]
  const parts: string[] = []
  let at = 0
  let out = 0
  const keep = (to: number) => {
    for (let i = at + 1; i <= to; i++) {
      a.push(i)
      b.push(out + i - at)
    }
    parts.push(text.slice(at, to))
    out += to - at
    at = to
  }
  for (const f of sorted) {
    if (f.start < at || f.end > text.length || text.slice(f.start, f.end) !== f.text) continue
    keep(f.start)
    parts.push(f.suggestion)
    out += f.suggestion.length
    at = f.end
    // An insertion (empty text) still needs its own boundary pair after a kept character.
    if (a[a.length - 1] !== at || b[b.length - 1] !== out) {
      a.push(at)
      b.push(out)
    }
  }
  keep(text.length)
  return { text: parts.join(''), map: offsetMapFromAlignment({ a: Int32Array.from(a), b: Int32Array.from(b), n: a.length }) }
}

/** stored → middle → view, for a correction followed by a script conversion. */
class ComposedMap implements OffsetMap {
  constructor(
    private readonly inner: OffsetMap,
    private readonly outer: OffsetMap
  ) {}
  get storedLength(): number {
    return this.inner.storedLength
  }
  get viewLength(): number {
    return this.outer.viewLength
  }
  toView(o: number): number {
    return this.outer.toView(this.inner.toView(o))
  }
  toStored(o: number): number {
    return this.inner.toStored(this.outer.toStored(o))
  }
  toViewRange(s: number, e: number): [number, number] {
    const [x, y] = this.inner.toViewRange(s, e)
    return this.outer.toViewRange(x, y)
  }
  toStoredRange(s: number, e: number): [number, number] {
    const [x, y] = this.outer.toStoredRange(s, e)
    return this.inner.toStoredRange(x, y)
  }
}

export function composeMaps(inner: OffsetMap, outer: OffsetMap): OffsetMap {
  return new ComposedMap(inner, outer)
}

/** The accepted findings of each paragraph, in local offsets (paragraphs in text order). */
export function fixesByParagraph(paragraphs: readonly { start: number; text: string }[], items: readonly ProofreadItem[]): Fix[][] {
  const accepted = items.filter((i) => i.decision === 'accepted').sort((x, y) => x.start - y.start)
  const out: Fix[][] = paragraphs.map(() => [])
  let k = 0
  paragraphs.forEach((p, i) => {
    const end = p.start + p.text.length
    while (k < accepted.length && (accepted[k] as ProofreadItem).start < p.start) k++
    for (let j = k; j < accepted.length && (accepted[j] as ProofreadItem).start <= end; j++) {
      const f = accepted[j] as ProofreadItem
      if (f.end <= end) (out[i] as Fix[]).push({ start: f.start - p.start, end: f.end - p.start, text: f.text, suggestion: f.suggestion })
    }
  })
  return out
}
