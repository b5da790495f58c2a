// Pure offset arithmetic for the highlight layer (no DOM): per-paragraph views of the shown text with their
// local OffsetMaps, stored ↔ view range mapping across paragraphs, and splitting a paragraph's view text
// into runs at every highlight boundary so overlapping highlights render as non-nested <mark> pieces.
import type { OffsetMap } from '@shared/script/types'
import type { HighlightColor } from '@shared/anchoring/types'

/** One shown paragraph: `start`/`storedText` are in the stored text; `text` is the converted view of it,
 * and `map` maps offsets local to this paragraph (0 = paragraph start) between the two. */
export interface ViewParagraph {
  start: number
  storedText: string
  text: string
  map: OffsetMap
}

class IdentityMap implements OffsetMap {
  constructor(readonly storedLength: number) {}
  get viewLength(): number {
    return this.storedLength
  }
  private clamp(x: number): number {
    return !(x > 0) ? 0 : x > this.storedLength ? this.storedLength : Math.floor(x)
  }
  toView(o: number): number {
    return this.clamp(o)
  }
  toStored(o: number): number {
    return this.clamp(o)
  }
  toViewRange(a: number, b: number): [number, number] {
    const x = this.clamp(a)
    const y = this.clamp(b)
    return x <= y ? [x, y] : [y, x]
  }
  toStoredRange(a: number, b: number): [number, number] {
    return this.toViewRange(a, b)
  }
}

export function identityMap(length: number): OffsetMap {
  return new IdentityMap(length)
}

/** A highlight as the layer needs it: a stored range in the shown text kind. */
export interface LayerHighlight {
  id: number
  color: HighlightColor
  start: number
  end: number
  note: string | null
  /** Creation order: a later highlight paints over an earlier one. */
  order: number
  pending?: boolean
}

/** Index of the last paragraph starting at or before `offset` (0 when before all). */
export function paragraphAt(paragraphs: readonly ViewParagraph[], offset: number): number {
  let lo = 0
  let hi = paragraphs.length - 1
  let found = 0
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((paragraphs[mid] as ViewParagraph).start <= offset) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** A highlight's part inside one paragraph, in that paragraph's local VIEW offsets. */
export interface LocalSpan {
  start: number
  end: number
  highlight: LayerHighlight
}

/** For every paragraph touched by a highlight, the highlight's local view spans (paragraph index → spans). */
export function spansByParagraph(paragraphs: readonly ViewParagraph[], highlights: readonly LayerHighlight[]): Map<number, LocalSpan[]> {
  const out = new Map<number, LocalSpan[]>()
  if (paragraphs.length === 0) return out
  for (const h of highlights) {
    if (!(h.end > h.start)) continue
    for (let i = paragraphAt(paragraphs, h.start); i < paragraphs.length; i++) {
      const p = paragraphs[i] as ViewParagraph
      if (p.start >= h.end) break
      const pEnd = p.start + p.storedText.length
      const a = Math.max(h.start, p.start) - p.start
      const b = Math.min(h.end, pEnd) - p.start
      if (b <= a) continue
      const [vs, ve] = p.map.toViewRange(a, b)
      if (ve <= vs) continue
      let list = out.get(i)
      if (!list) out.set(i, (list = []))
      list.push({ start: vs, end: ve, highlight: h })
    }
  }
  return out
}

/** A run of a paragraph's view text and the highlights covering it (in the order given: later = on top). */
export interface Run {
  start: number
  end: number
  text: string
  highlights: LayerHighlight[]
}

/** Splits `text` at every span boundary; runs no span covers have an empty `highlights`. */
export function splitRuns(text: string, spans: readonly LocalSpan[]): Run[] {
  if (spans.length === 0) return [{ start: 0, end: text.length, text, highlights: [] }]
  const cuts = new Set<number>([0, text.length])
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)))
    cuts.add(Math.max(0, Math.min(text.length, s.end)))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const runs: Run[] = []
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k] as number
    const b = points[k + 1] as number
    if (b <= a) continue
    const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.highlight)
    runs.push({ start: a, end: b, text: text.slice(a, b), highlights: covering })
  }
  return runs
}

/** Maps a selection given as (paragraph index, local view offset) endpoints to a stored range; the start
 * floors and the end ceils to whole conversion segments. Null when the range is empty. */
export function viewSelectionToStored(
  paragraphs: readonly ViewParagraph[],
  from: { index: number; offset: number },
  to: { index: number; offset: number }
): { start: number; end: number } | null {
  let a = from
  let b = to
  if (b.index < a.index || (b.index === a.index && b.offset < a.offset)) [a, b] = [b, a]
  // A selection that ends at the very start of a paragraph (triple click, drag past the end of a line)
  // means "through the end of the previous one"; one that starts at a paragraph's end starts at the next.
  while (b.index > a.index && b.offset <= 0) {
    const prev = paragraphs[b.index - 1] as ViewParagraph
    b = { index: b.index - 1, offset: prev.text.length }
  }
  while (a.index < b.index && a.offset >= (paragraphs[a.index] as ViewParagraph).text.length) {
    a = { index: a.index + 1, offset: 0 }
  }
  const pa = paragraphs[a.index]
  const pb = paragraphs[b.index]
  if (!pa || !pb) return null
  let start: number
  let end: number
  if (a.index === b.index) {
    const [s, e] = pa.map.toStoredRange(a.offset, b.offset)
    start = pa.start + s
    end = pa.start + e
  } else {
    start = pa.start + pa.map.toStoredRange(a.offset, pa.text.length)[0]
    end = pb.start + pb.map.toStoredRange(0, b.offset)[1]
  }
  return end > start ? { start, end } : null
}
