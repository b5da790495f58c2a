// Notes are Markdown, rendered the same way in main (exports) and in the renderer (display): marked with
// raw HTML and images turned into visible text, then DOMPurify with this allow-list. Each side brings its
// own DOMPurify (a jsdom window in main, the page's window in the renderer). Pure: no DOM here.
import type { Config } from 'dompurify'
import { Marked } from 'marked'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

export const noteMarked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
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
