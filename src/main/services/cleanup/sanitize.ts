// Allow-list sanitising (DOMPurify on a jsdom window) and HTML → plain text. Every HTML body from any
// format passes through here, after a depth check, so nothing unsanitised or unboundedly deep is stored.
import type { Config, DOMPurify } from 'dompurify'
import type { JSDOM } from 'jsdom'
import { loadDomPurify, loadJsdom } from '../../lib/lazy-dom'
import { normalizeParagraphs } from './cleanup'
import { maxHtmlDepth } from './html-depth'
import { ImportError } from '../formats/types'

const ALLOWED_TAGS = [
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'a', 'br', 'hr', 'div', 'span',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'pre', 'code', 'figure', 'figcaption'
]
const ALLOWED_ATTR = ['href', 'title', 'alt', 'colspan', 'rowspan', 'rel']

// Images are dropped: remote src would be a tracking request at display time, data: URLs are a
// smuggling channel, and there is no local asset store yet. The count is kept as metadata.
const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  // DOMPurify applies the URI pattern to every attribute not listed as URI-safe; these hold numbers.
  ADD_URI_SAFE_ATTR: ['colspan', 'rowspan'],
  KEEP_CONTENT: true,
  // Contents of these are never article text.
  FORBID_CONTENTS: ['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'select', 'textarea', 'button', 'form', 'title', 'head'],
  WHOLE_DOCUMENT: false
}

interface Purifier {
  purify: DOMPurify
  window: JSDOM['window']
  stats: { images: number }
}

let shared: Purifier | null = null

function purifier(): Purifier {
  if (shared) return shared
  const { window } = new (loadJsdom().JSDOM)('<!DOCTYPE html><html><body></body></html>')
  const createDOMPurify = loadDomPurify()
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
  const stats = { images: 0 }
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'img' || data.tagName === 'picture' || data.tagName === 'image') stats.images++
  })
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element
    if (el.tagName !== 'A') return
    const href = el.getAttribute('href')
    if (href !== null) {
      let ok = false
      try {
        const u = new URL(href)
        ok = u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:'
      } catch {
        ok = false // relative links would resolve against the app's own origin
      }
      if (!ok) el.removeAttribute('href')
    }
    if (el.hasAttribute('href')) el.setAttribute('rel', 'noopener noreferrer nofollow')
    else el.removeAttribute('rel')
  })
  shared = { purify, window, stats }
  return shared
}

export function assertHtmlDepth(html: string, maxDepth: number): void {
  const depth = maxHtmlDepth(html, maxDepth)
  if (depth > maxDepth) {
    throw new ImportError('too-deep', `HTML nesting deeper than ${maxDepth} elements; refusing to parse it`)
  }
}

export interface SanitizedHtml {
  html: string
  text: string
  images: number
}

/** Sanitise a body fragment and derive its plain text. Throws `too-deep` before any DOM is built. */
export function sanitizeHtml(html: string, maxDepth: number): SanitizedHtml {
  assertHtmlDepth(html, maxDepth)
  const p = purifier()
  p.stats.images = 0
  const clean = p.purify.sanitize(html, CONFIG) as unknown as string
  return { html: clean.trim(), text: htmlToText(clean), images: p.stats.images }
}

const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'TABLE',
  'THEAD', 'TBODY', 'TFOOT', 'TR', 'CAPTION', 'PRE', 'FIGURE', 'FIGCAPTION', 'HR', 'SECTION', 'ARTICLE',
  'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'MAIN', 'ADDRESS'
])

/** Plain text with one paragraph per block element; iterative walk so depth can never overflow the stack. */
export function htmlToText(html: string): string {
  const { window } = purifier()
  const tpl = window.document.createElement('template')
  tpl.innerHTML = html
  const out: string[] = []
  const stack: Array<{ node: Node; exit: boolean; pre: boolean }> = [{ node: tpl.content, exit: false, pre: false }]
  while (stack.length > 0) {
    const frame = stack.pop()
    if (!frame) break
    const { node, exit, pre } = frame
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? ''
      // &nbsp; is layout, not content: plain text gets ordinary spaces.
      out.push(pre ? t : t.replace(/[ \t\r\n\f\u00a0]+/g, ' '))
      continue
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) continue
    const name = node.nodeType === 1 ? (node as Element).tagName : ''
    if (exit) {
      if (BLOCK.has(name)) out.push('\n')
      continue
    }
    if (name === 'BR') {
      out.push('\n')
      continue
    }
    if (name === 'TD' || name === 'TH') out.push(' ')
    if (BLOCK.has(name)) out.push('\n')
    stack.push({ node, exit: true, pre })
    const kids = node.childNodes
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]
      if (k) stack.push({ node: k, exit: false, pre: pre || name === 'PRE' })
    }
  }
  return normalizeParagraphs(out.join(''))
}

/** A throwaway jsdom document for parsing untrusted pages: no scripts, no subresource loading. */
export function parseDocument(html: string, url?: string | null): Document {
  const opts: ConstructorParameters<typeof JSDOM>[1] = { contentType: 'text/html' }
  if (url && /^https?:\/\//i.test(url)) {
    try {
      opts.url = new URL(url).href
    } catch {
      // ignore malformed URLs; relative links just stay unresolved
    }
  }
  // runScripts and resources are deliberately left at their safe defaults (off).
  return new (loadJsdom().JSDOM)(html, opts).window.document
}
