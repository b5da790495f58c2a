// Splits the shown text into paragraphs that remember their character offset in that text, and maps a saved
// reading position (a character offset) back to the paragraph that contains it.
export interface Paragraph {
  /** Offset of the paragraph's first character in the stored text. */
  start: number
  text: string
}

/** One paragraph per '\n'-separated line; blank lines are dropped (unless kept, for the verbatim original
 * shown as preformatted text) but offsets stay exact. */
export function splitParagraphs(text: string, keepBlank = false): Paragraph[] {
  const out: Paragraph[] = []
  let start = 0
  for (const line of text.split('\n')) {
    // Windows line endings would leave a stray '\r'; the offset still counts it.
    const body = line.endsWith('\r') ? line.slice(0, -1) : line
    if (keepBlank || body.trim() !== '') out.push({ start, text: body })
    start += line.length + 1
  }
  return out
}

/** Index of the paragraph containing `position` (the last one starting at or before it); 0 when before all. */
export function paragraphIndexAt(paragraphs: readonly Paragraph[], position: number): number {
  let lo = 0
  let hi = paragraphs.length - 1
  let found = 0
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const p = paragraphs[mid]
    if (p === undefined) break
    if (p.start <= position) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}
