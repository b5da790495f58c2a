// Search snippets arrive with matches wrapped in U+E000 … U+E001 (private-use marks chosen by main so they can
// never collide with article text); this splits them into plain and highlighted runs for <mark>.
export const MARK_START = '\uE000'
export const MARK_END = '\uE001'

export interface SnippetPart {
  text: string
  mark: boolean
}

export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let mark = false
  let buffer = ''
  const flush = (): void => {
    if (buffer) {
      const last = parts[parts.length - 1]
      if (last && last.mark === mark) last.text += buffer
      else parts.push({ text: buffer, mark })
    }
    buffer = ''
  }
  for (const ch of snippet) {
    if (ch === MARK_START || ch === MARK_END) {
      flush()
      // An unbalanced marker simply toggles back; stray end markers never produce empty marks.
      mark = ch === MARK_START
    } else {
      buffer += ch
    }
  }
  flush()
  return parts
}
