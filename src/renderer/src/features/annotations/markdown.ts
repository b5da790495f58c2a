// Notes are Markdown. Rendered with marked (raw HTML and images shown as text, never interpreted) and then
// sanitised by DOMPurify with a small allow-list: no scripts, no event handlers, no images (a remote src
// would be a network request), links only http/https/mailto — and those open through shell:openExternal
// (see NoteMarkdown), never in the app window.
import DOMPurify, { type Config } from 'dompurify'
import { Marked } from 'marked'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text)
    },
    image({ text }) {
      return escapeHtml(text)
    }
  }
})

const CONFIG: Config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ALLOWED_ATTR: ['href', 'title', 'align'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  KEEP_CONTENT: true,
  FORBID_CONTENTS: ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'noscript']
}

let hooked = false

/** Safe HTML for a Markdown note. */
export function renderNote(markdown: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if ((node as Element).tagName === 'A') (node as Element).setAttribute('rel', 'noopener noreferrer')
    })
    hooked = true
  }
  const html = marked.parse(markdown) as string
  return DOMPurify.sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string
}

/** An external link target the shell may open, or null. */
export function externalHref(href: string | null): string | null {
  if (!href) return null
  return /^(?:https?:|mailto:)/i.test(href) ? href : null
}
