// Find in the article: the terms of a find (or list search) query and where they occur in a text. Both
// sides are folded the way the search index folds them (length-preserving, script-insensitive), so 华龙 finds
// 華龍 in whichever script is on screen, and offsets in the folded text are offsets in the shown text.
import { foldForSearch } from '@shared/script/fold'

/** Folded and lower-cased, keeping the length (a lower-case form that would change it is not used). */
function fold(text: string): string {
  const folded = foldForSearch(text)
  const lower = folded.toLowerCase()
  return lower.length === folded.length ? lower : folded
}

/** Words of a query: split on spaces, quotes and search operators dropped, excluded (-word) terms left out. */
export function findTerms(query: string): string[] {
  const terms = query
    .split(/\s+/)
    .filter((w) => w !== '' && !w.startsWith('-') && !/^(AND|OR|NOT)$/.test(w))
    .map((w) => w.replace(/^["'“”「『]+|["'“”」』]+$/g, ''))
    .filter((w) => w !== '')
  return [...new Set(terms)]
}

export interface Hit {
  start: number
  end: number
}

/** Non-overlapping occurrences of any term in `text` (in any script, Latin case-insensitive), in reading order. */
export function findHits(text: string, terms: readonly string[]): Hit[] {
  const hay = fold(text)
  const hits: Hit[] = []
  let from = 0
  const needles = terms.map(fold).filter((t) => t !== '')
  if (needles.length === 0) return hits
  for (;;) {
    let best: Hit | null = null
    for (const n of needles) {
      const i = hay.indexOf(n, from)
      if (i >= 0 && (!best || i < best.start || (i === best.start && i + n.length > best.end))) best = { start: i, end: i + n.length }
    }
    if (!best) return hits
    hits.push(best)
    from = best.end
  }
}

/** Splits `text` into plain and marked parts at the hits of `terms` (for titles in search results). */
export function markParts(text: string, terms: readonly string[]): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = []
  let at = 0
  for (const h of findHits(text, terms)) {
    if (h.start > at) parts.push({ text: text.slice(at, h.start), mark: false })
    parts.push({ text: text.slice(h.start, h.end), mark: true })
    at = h.end
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false })
  return parts
}
