// Search snippets (main process, pure): a short window of the stored text around the first matches, with
// each match wrapped in U+E000 … U+E001. Matching runs on the folded text; because folding is length-
// preserving the same offsets cut the original, so the snippet shows the article's own script.

export const MARK_START = '\uE000'
export const MARK_END = '\uE001'

interface Hit {
  start: number
  end: number
}

function findHits(folded: string, marks: readonly string[], limit: number): Hit[] {
  const hits: Hit[] = []
  for (const mark of marks) {
    if (!mark) continue
    let from = 0
    for (let n = 0; n < limit; n++) {
      const at = folded.indexOf(mark, from)
      if (at < 0) break
      hits.push({ start: at, end: at + mark.length })
      from = at + mark.length
    }
  }
  hits.sort((x, y) => x.start - y.start || y.end - x.end)
  // Drop overlaps so the marks never nest.
  const out: Hit[] = []
  for (const h of hits) {
    const last = out[out.length - 1]
    if (last && h.start < last.end) continue
    out.push(h)
  }
  return out
}

/**
 * A snippet of `text` about `width` characters long. `folded` is foldForSearch(text); `marks` are folded
 * strings to highlight. Without a match the snippet is the start of the text, unmarked.
 */
export function makeSnippet(text: string, folded: string, marks: readonly string[], width = 90): string {
  const clean = (s: string) => s.replace(/\s+/gu, ' ')
  if (folded.length !== text.length) folded = '' // not length-preserving: show the start unmarked
  const hits = folded ? findHits(folded, marks, 64) : []
  const first = hits[0]
  if (!first) return clean(text.slice(0, width)).trim() + (text.length > width ? '…' : '')
  let start = Math.max(0, first.start - Math.floor(width / 4))
  // Do not cut a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/u.test(text[start] ?? '')) start--
  let end = Math.min(text.length, start + width)
  if (end < text.length && /[\udc00-\udfff]/u.test(text[end] ?? '')) end++
  let out = start > 0 ? '…' : ''
  let pos = start
  for (const h of hits) {
    if (h.start < start) continue
    if (h.start >= end) break
    const hEnd = Math.min(h.end, end)
    out += clean(text.slice(pos, h.start)) + MARK_START + clean(text.slice(h.start, hEnd)) + MARK_END
    pos = hEnd
  }
  out += clean(text.slice(pos, end))
  if (end < text.length) out += '…'
  return out
}
