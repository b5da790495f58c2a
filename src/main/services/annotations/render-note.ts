// Notes are Markdown; this renders them to safe HTML for exports (main process): marked with raw HTML
// turned into visible text, then DOMPurify (on a jsdom window) with a small allow-list. No scripts, no
// event handlers, no images (a remote src would be a tracking request), links only http/https/mailto.
// The renderer sanitises again before display.
import type { Config, DOMPurify } from 'dompurify'
import { escapeHtml, NOTE_LINK, NOTE_PURIFY_CONFIG, parseNoteMarkdown } from '@shared/notes-markdown'
import { createPurifier } from '../../lib/lazy-dom'

export { escapeHtml }

// Exports also keep GFM task-list checkboxes (the hook below drops any other <input>).
const CONFIG: Config = {
  ...NOTE_PURIFY_CONFIG,
  ALLOWED_TAGS: [...(NOTE_PURIFY_CONFIG.ALLOWED_TAGS as string[]), 'input'],
  ALLOWED_ATTR: [...(NOTE_PURIFY_CONFIG.ALLOWED_ATTR as string[]), 'type', 'checked', 'disabled']
}

let purifier: DOMPurify | null = null

function getPurifier(): DOMPurify {
  if (purifier) return purifier
  const { purify } = createPurifier()
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element
    if (el.tagName === 'A') {
      el.setAttribute('rel', 'noopener noreferrer')
    } else if (el.tagName === 'INPUT' && el.getAttribute('type') !== 'checkbox') {
      el.remove()
    }
  })
  purifier = purify
  return purify
}

const FAST_TAGS = new Set(['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a'])
const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*(\/?)>/g
const ATTR = /\s+([a-z-]+)="([^"<>]*)"/g

/**
 * The fast path: marked's output for an ordinary note (our renderer escapes raw HTML and drops images)
 * is checked token by token — only allow-listed tags, no attribute but an http/https/mailto href on <a>,
 * and no '<' outside a tag. Output that passes is what DOMPurify would keep anyway (rel added to links);
 * anything else returns null and goes through DOMPurify. DOMPurify on jsdom costs about 1 ms per note,
 * which a 10,000-highlight HTML export cannot afford.
 */
function checkedHtml(html: string): string | null {
  let last = 0
  let out = ''
  TAG.lastIndex = 0
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (html.slice(last, m.index).includes('<')) return null
    const [whole, close, name, attrs] = m as unknown as [string, string, string, string]
    if (!FAST_TAGS.has(name)) return null
    let tag = whole
    if (attrs) {
      if (close || name !== 'a') return null
      ATTR.lastIndex = 0
      for (let a = ATTR.exec(attrs); a; a = ATTR.exec(attrs)) {
        // A literal scheme prefix cannot be changed by entities later in the value.
        if (a[1] !== 'href' || !NOTE_LINK.test(a[2] as string)) return null
      }
      tag = `<a${attrs} rel="noopener noreferrer">`
    }
    out += html.slice(last, m.index) + tag
    last = m.index + whole.length
  }
  if (html.slice(last).includes('<')) return null
  return out + html.slice(last)
}

/** Markdown note → sanitised HTML fragment ('' for an empty note). `purify` forces the DOMPurify path. */
export function renderNoteHtml(markdown: string | null | undefined, options: { purify?: boolean } = {}): string {
  if (!markdown || markdown.trim() === '') return ''
  const html = parseNoteMarkdown(markdown)
  const fast = options.purify ? null : checkedHtml(html)
  return (fast ?? String(getPurifier().sanitize(html, CONFIG))).trim()
}
