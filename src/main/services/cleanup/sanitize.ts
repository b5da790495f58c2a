// Allow-list sanitising (DOMPurify on a jsdom window) and HTML → plain text. Every HTML body from any
// format passes through here, after a depth and size check, so nothing unsanitised, unboundedly deep or
// too large to lay out reaches a DOM or storage.
import type { Config, DOMPurify } from 'dompurify'
import type { JSDOM } from 'jsdom'
import { createPurifier, newDom } from '../../lib/lazy-dom'
import { normalizeParagraphs } from './cleanup'
import { scanHtml, type HtmlShape } from './html-depth'
import { DEFAULT_LIMITS, ImportError } from '../reading/limits'

const ALLOWED_TAGS = [
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'a', 'br', 'hr', 'div', 'span',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'pre', 'code', 'figure', 'figcaption'
]
const ALLOWED_ATTR = ['href', 'title', 'alt', 'colspan', 'rowspan', 'rel']
// Contents of these are never article text. Not <noscript>: pages are parsed with scripting disabled,
// where its content is ordinary markup (an unclosed one holds the rest of the article). Not <form>:
// ASP.NET pages wrap the whole body in one.
const FORBID_CONTENTS = ['script', 'style', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'select', 'textarea', 'button', 'title', 'head']
// Text inside these is not shown by a browser either, so losing it is no loss.
const INVISIBLE = new Set(['script', 'style', 'template', 'title', 'head', 'iframe', 'object', 'embed'])
// Structural wrappers become <div>, so paragraph boundaries survive; other unknown elements are unwrapped.
const AS_DIV = new Set([
  'article', 'section', 'main', 'header', 'footer', 'aside', 'nav', 'address', 'hgroup', 'details', 'summary',
  'center', 'form', 'fieldset', 'legend', 'dialog', 'search', 'menu', 'dir', 'body', 'html'
])
const IMAGES = new Set(['img', 'picture', 'image'])
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'iframe'])

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
  FORBID_CONTENTS,
  WHOLE_DOCUMENT: false
}

class OverBudget extends Error {}

interface Purifier {
  purify: DOMPurify
  window: JSDOM['window']
  /** performance.now() after which sanitising gives up (checked every 1,024 nodes) */
  budget: { deadline: number; nodes: number }
}

let shared: Purifier | null = null

function purifier(): Purifier {
  if (shared) return shared
  const { purify, window } = createPurifier()
  const budget = { deadline: Number.POSITIVE_INFINITY, nodes: 0 }
  purify.addHook('uponSanitizeElement', () => {
    if ((++budget.nodes & 1023) === 0 && performance.now() > budget.deadline) throw new OverBudget()
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
  shared = { purify, window, budget }
  return shared
}

export function assertHtmlDepth(html: string, maxDepth: number): void {
  checkShape(html, maxDepth)
}

function checkShape(html: string, maxDepth: number): HtmlShape {
  const shape = scanHtml(html, maxDepth)
  if (shape.depth > maxDepth) {
    throw new ImportError('too-deep', `HTML nesting deeper than ${maxDepth} elements; refusing to parse it`)
  }
  return shape
}

export interface SanitizedHtml {
  html: string
  text: string
  images: number
  /** set when the body was imported as plain text, or when sanitising lost much of its visible text */
  warnings: string[]
}

export interface SanitizeBudget {
  maxElements: number
  maxMs: number
}

const DEFAULT_BUDGET: SanitizeBudget = { maxElements: DEFAULT_LIMITS.maxHtmlElements, maxMs: DEFAULT_LIMITS.maxHtmlMs }

/**
 * Sanitise a body fragment and derive its plain text, in time linear in its size. Throws `too-deep` before
 * any DOM is built; a body over the element or time budget comes back as escaped plain-text paragraphs
 * with a warning.
 */
export function sanitizeHtml(html: string, maxDepth: number, budget: SanitizeBudget = DEFAULT_BUDGET): SanitizedHtml {
  const shape = checkShape(html, maxDepth)
  if (shape.elements > budget.maxElements) {
    return plainFallback(html, `${shape.elements.toLocaleString('en')} HTML elements, more than the ${budget.maxElements.toLocaleString('en')} we lay out`)
  }
  const p = purifier()
  p.budget.deadline = performance.now() + budget.maxMs
  p.budget.nodes = 0
  try {
    const pre = prefilter(p, html)
    const clean = p.purify.sanitize(pre.fragment, CONFIG) as unknown as string
    const text = htmlToText(clean)
    const warnings: string[] = []
    const kept = visibleLength(text)
    if (kept < pre.visible / 2 && pre.visible - kept >= 200) {
      warnings.push(
        `only ${kept.toLocaleString('en')} of ${pre.visible.toLocaleString('en')} visible characters survived sanitising (the rest was inside form controls, SVG or MathML)`
      )
    }
    return { html: clean.trim(), text, images: pre.images, warnings }
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error
    return plainFallback(html, `sanitising took longer than ${budget.maxMs.toLocaleString('en')} ms`)
  } finally {
    p.budget.deadline = Number.POSITIVE_INFINITY
  }
}

function plainFallback(html: string, why: string): SanitizedHtml {
  const text = htmlToPlainText(html)
  const body = text
    .split('\n')
    .map((line) => `<p>${escapeText(line)}</p>`)
    .join('')
  return {
    html: body,
    text,
    images: (html.match(/<img\b/gi) ?? []).length,
    warnings: [`imported as plain text: ${why}`]
  }
}

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
}

function visibleLength(s: string): number {
  return s.replace(/\s+/g, '').length
}

/**
 * One pass that copies the parsed fragment into a new one holding only allow-listed elements (wrappers
 * renamed to <div> or unwrapped, dropped subtrees left out), appending only. DOMPurify then has nothing
 * to hoist or remove: with KEEP_CONTENT it moves an unknown element's children one at a time, and jsdom
 * makes every such move O(siblings), so 20,000 paragraphs in an <article> took 20 s instead of 1 s.
 * DOMPurify still checks every element and attribute that is copied.
 */
function prefilter(p: Purifier, html: string): { fragment: DocumentFragment; visible: number; images: number } {
  const doc = p.window.document
  // A detached element of the main document: its fragment parser has scripting disabled, like the page's.
  const holder = doc.createElement('div')
  holder.innerHTML = html
  const fragment = doc.createDocumentFragment()
  let visible = 0
  let images = 0
  const stack: Array<{ node: Node; into: Node }> = []
  const pushChildren = (from: Node, into: Node): void => {
    const kids = from.childNodes
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as Node, into })
  }
  pushChildren(holder, fragment)
  let n = 0
  while (stack.length > 0) {
    const { node, into } = stack.pop() as { node: Node; into: Node }
    if ((++n & 1023) === 0 && performance.now() > p.budget.deadline) throw new OverBudget()
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? ''
      visible += visibleLength(value)
      into.appendChild(doc.createTextNode(value))
      continue
    }
    if (node.nodeType !== 1) continue // comments, processing instructions
    const el = node as Element
    const name = el.localName
    if (IMAGES.has(name)) images++
    if (FORBID_CONTENTS.includes(name)) {
      if (!INVISIBLE.has(name)) visible += visibleLength(el.textContent ?? '')
      continue
    }
    const keep = ALLOWED_TAGS.includes(name) ? name : AS_DIV.has(name) ? 'div' : null
    if (keep === null) {
      pushChildren(el, into)
      continue
    }
    const copy = doc.createElement(keep)
    for (const attr of Array.from(el.attributes)) {
      if (ALLOWED_ATTR.includes(attr.name)) copy.setAttribute(attr.name, attr.value)
    }
    into.appendChild(copy)
    pushChildren(el, copy)
  }
  return { fragment, visible, images }
}

/**
 * Plain text of raw HTML without building a DOM (the fallback for pages too large for one): tags out,
 * block tags as line breaks, script/style/head-like elements left out, entities decoded. Linear.
 */
export function htmlToPlainText(html: string): string {
  const out: string[] = []
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?![a-zA-Z0-9:-])[^<>]{0,4096}>|<!--|<![^<>]{0,4096}>|<\?[^<>]{0,4096}>/g
  // Names with no end tag left: searching again for each of 100,000 unclosed <svg> would be quadratic.
  const unclosed = new Set<string>()
  let at = 0
  let m: RegExpExecArray | null
  // Source line breaks are not paragraphs: whitespace collapses as in a browser, block tags break lines.
  const text = (to: number): void => void out.push(collapseSpace(html.slice(at, to), false))
  while ((m = tag.exec(html)) !== null) {
    text(m.index)
    at = tag.lastIndex
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 2) // "<!-->" and "<!--->" are whole comments
      at = tag.lastIndex = end === -1 ? html.length : end + 3
      continue
    }
    const name = (m[2] ?? '').toLowerCase()
    if (!name) continue
    if (m[1] !== '/' && FORBID_CONTENTS.includes(name) && !unclosed.has(name)) {
      // Skip to the matching end tag.
      const close = new RegExp(`</${name}\\s*>`, 'gi')
      close.lastIndex = tag.lastIndex
      if (close.exec(html)) {
        at = tag.lastIndex = close.lastIndex
        continue
      }
      unclosed.add(name)
      // Raw text runs to the end of the input; any other unclosed element drops only its tag.
      if (RAW_TEXT.has(name)) at = tag.lastIndex = html.length
      continue
    }
    if (name === 'br' || BLOCK.has(name.toUpperCase()) || AS_DIV.has(name)) out.push('\n')
    else if (name === 'td' || name === 'th') out.push(' ')
  }
  text(html.length)
  return joinMarkupBreaks(decodeEntities(out.join('')).replace(/\u00a0+/g, ' '))
}

/**
 * Character references decoded one distinct reference at a time by the HTML parser itself (RCDATA in a
 * <textarea>, so legacy forms like "&ampx" decode as a browser does); parsing the whole text that way
 * cost 300 MB for a 16 MB page.
 */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  const decoder = purifier().window.document.createElement('textarea')
  const seen = new Map<string, string>()
  return s.replace(/&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[a-zA-Z][a-zA-Z0-9]{0,31};?)/g, (ref) => {
    let decoded = seen.get(ref)
    if (decoded === undefined) {
      decoder.innerHTML = ref
      decoded = decoder.value
      seen.set(ref, decoded)
    }
    return decoded
  })
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
      out.push(pre ? t : collapseSpace(t, true))
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
  return joinMarkupBreaks(out.join(''))
}

// A source line break between two CJK characters is not a space (CSS Text 3 segment-break transformation),
// and Chinese closing punctuation never follows a space or opens a line: when markup puts one there (an
// inline <u> closed before its 。, a WeChat <section> holding only the 。), the text joins up again.
const SEGMENT_BREAK = '\u0001'
const CJK = '\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef'
const CLOSING = '。，、；：？！）」』”'
const CJK_BREAK = new RegExp(`(?<=[${CJK}“‘])[ ${SEGMENT_BREAK}]*${SEGMENT_BREAK}[ ${SEGMENT_BREAK}]*(?=[${CJK}”’])`, 'g')
const SPACE_RUN = new RegExp(`[ ${SEGMENT_BREAK}]+`, 'g')
const SPACE_BEFORE_CLOSING = new RegExp(`[ \t]+(?=[${CLOSING}])`, 'g')
const LINE_BEFORE_CLOSING = new RegExp(`\n(?=[${CLOSING}])`, 'g')

/** Whitespace as a browser collapses it; `&nbsp;` (withNbsp) is layout, not content: an ordinary space. */
function collapseSpace(t: string, withNbsp: boolean): string {
  return t.replace(withNbsp ? /[ \t\r\n\f\u00a0]+/g : /[ \t\r\n\f]+/g, (run) => (/[\r\n]/.test(run) ? SEGMENT_BREAK : ' '))
}

function joinMarkupBreaks(text: string): string {
  const spaced = text.replace(CJK_BREAK, '').replace(SPACE_RUN, ' ').replace(SPACE_BEFORE_CLOSING, '')
  return normalizeParagraphs(spaced).replace(LINE_BEFORE_CLOSING, '')
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
  return newDom(html, opts).window.document
}
