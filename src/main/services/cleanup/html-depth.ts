// Cheap pre-pass over raw HTML that measures open-element depth and counts elements without building a
// DOM, so a 100 000-deep document is rejected, and a 200 000-element one falls back to plain text, in
// linear time before jsdom/parse5 (recursive, ~4 KB per element) ever sees it.

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'basefont', 'bgsound', 'frame', 'keygen', 'command', 'image'
])
// Not <noscript>: we parse with scripting disabled (jsdom's default), so its content is markup like any other.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext'])
// Start tags that implicitly close an open element of the same name, up to the given scope
// (a rough version of the HTML tree-construction rules, enough not to overcount real pages).
const IMPLIED_END: Record<string, string[]> = {
  li: ['ul', 'ol', 'menu'],
  dt: ['dl'],
  dd: ['dl'],
  option: ['select', 'datalist'],
  optgroup: ['select'],
  tr: ['table', 'tbody', 'thead', 'tfoot'],
  td: ['tr', 'table'],
  th: ['tr', 'table'],
  rt: ['ruby'],
  rp: ['ruby'],
  p: ['div', 'li', 'td', 'th', 'blockquote', 'section', 'article', 'table', 'button', 'dd', 'dt', 'figure', 'main', 'aside']
}
// Block start tags close an open <p> first.
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul'
])

function closeImplied(stack: string[], name: string, scope: string[]): void {
  const at = stack.lastIndexOf(name)
  if (at === -1) return
  for (let i = stack.length - 1; i > at; i--) if (scope.includes(stack[i] ?? '')) return
  stack.length = at
}

export interface HtmlShape {
  /** maximum open-element depth reached (the scan stops once it exceeds `stopAtDepth`) */
  depth: number
  /** start tags seen */
  elements: number
}

/** Maximum open-element depth reached, stopping early once `stopAt` is exceeded. */
export function maxHtmlDepth(html: string, stopAt = Number.POSITIVE_INFINITY): number {
  return scanHtml(html, stopAt).depth
}

/** Depth and element count of raw HTML in one linear scan. */
export function scanHtml(html: string, stopAtDepth = Number.POSITIVE_INFINITY): HtmlShape {
  const stack: string[] = []
  let max = 0
  let elements = 0
  // Attributes are bounded so a stray "<b" without ">" cannot make the scan quadratic, and the name never
  // gives characters back (a long name without ">" retried the attribute part once per character).
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?![a-zA-Z0-9:-])([^<>]{0,4096})>|<!--|<!\[CDATA\[/g
  let m: RegExpExecArray | null
  while ((m = tag.exec(html)) !== null) {
    // Read these as the HTML parser does, or markup after them is hidden from the guard: "<!-->" and
    // "<!--->" are whole (empty) comments, and outside SVG/MathML "<![CDATA[" is a bogus comment that ends
    // at the next ">".
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 2)
      if (end === -1) break
      tag.lastIndex = end + 3
      continue
    }
    if (m[0] === '<![CDATA[') {
      const foreign = stack.includes('svg') || stack.includes('math')
      const end = foreign ? html.indexOf(']]>', tag.lastIndex) : html.indexOf('>', m.index)
      if (end === -1) break
      tag.lastIndex = end + (foreign ? 3 : 1)
      continue
    }
    const closing = m[1] === '/'
    const name = (m[2] ?? '').toLowerCase()
    const attrs = m[3] ?? ''
    if (closing) {
      const at = stack.lastIndexOf(name)
      if (at !== -1) stack.length = at
      continue
    }
    elements++
    if (VOID.has(name)) continue
    // "<x/>" closes itself only in SVG and MathML; in HTML the slash is ignored and the element stays open
    // (an EPUB package document's 5,000 "<itemref/>" are 5,000 levels deep to parse5).
    if (attrs.trimEnd().endsWith('/') && (name === 'svg' || name === 'math' || stack.includes('svg') || stack.includes('math'))) continue
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'gi')
      close.lastIndex = tag.lastIndex
      const found = close.exec(html)
      if (!found) break
      tag.lastIndex = found.index
      continue
    }
    if (CLOSES_P.has(name)) closeImplied(stack, 'p', IMPLIED_END.p ?? [])
    const scope = IMPLIED_END[name]
    if (scope && name !== 'p') closeImplied(stack, name, scope)
    stack.push(name)
    if (stack.length > max) {
      max = stack.length
      if (max > stopAtDepth) return { depth: max, elements }
    }
  }
  return { depth: max, elements }
}
