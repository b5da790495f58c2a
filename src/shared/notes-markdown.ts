// Notes are Markdown, rendered the same way in main (exports) and in the renderer (display): marked with
// raw HTML and images turned into visible text, then DOMPurify with this allow-list. Each side brings its
// own DOMPurify (a jsdom window in main, the page's window in the renderer). Pure: no DOM here.
import type { Config } from 'dompurify'
import { Marked } from 'marked'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

/** Emphasis delimiters one block may hold before they are taken literally. */
export const MAX_EMPHASIS_DELIMITERS = 2000

/**
 * marked matches emphasis delimiters pairwise within a block, quadratic in their number: 0.4 MB of "*a"
 * took 26 s and 1.4 GB. A block (text between blank lines) with more than `max` of them has them escaped,
 * so they show literally: such a block is not prose anyone wrote by hand.
 */
export function boundEmphasis(markdown: string, max = MAX_EMPHASIS_DELIMITERS): string {
  if (countDelimiters(markdown) <= max) return markdown
  return markdown
    .split(/(\n[ \t]*\n)/)
    .map((block) => (countDelimiters(block) > max ? block.replace(/(?<!\\)([*_~])/g, '\\$1') : block))
    .join('')
}

function countDelimiters(s: string): number {
  let n = 0
  for (let i = s.indexOf('*'); i !== -1; i = s.indexOf('*', i + 1)) n++
  for (let i = s.indexOf('_'); i !== -1; i = s.indexOf('_', i + 1)) n++
  for (let i = s.indexOf('~'); i !== -1; i = s.indexOf('~', i + 1)) n++
  return n
}

export const noteMarked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  hooks: {
    preprocess: (markdown) => boundEmphasis(markdown)
  },
  renderer: {
    // Raw HTML in a note is shown as text, never interpreted; an image would be a network request.
    html({ text }) {
      return escapeHtml(text)
    },
    image({ text }) {
      return escapeHtml(text)
    }
  }
})

/**
 * A note's Markdown as HTML (still to be sanitised). marked recurses on nested lists and quotes: a note of
 * 10,000 "- " in a row overflowed the stack ("report this to markedjs"); such a note is shown as its text.
 */
export function parseNoteMarkdown(markdown: string): string {
  try {
    return noteMarked.parse(markdown) as string
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return `<p>${escapeHtml(markdown).replace(/\n/g, '<br>')}</p>`
  }
}

/** Links a note may carry (and the shell may open). */
export const NOTE_LINK = /^(?:https?:|mailto:)/i

/** No scripts, no event handlers, no images, links only http/https/mailto. */
export const NOTE_PURIFY_CONFIG: Config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ALLOWED_ATTR: ['href', 'title', 'align'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: NOTE_LINK,
  KEEP_CONTENT: true,
  FORBID_CONTENTS: ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'noscript']
}
