// The text of a page as a reader sees it, line by line: block elements and <br> end a line, and
// nothing hidden (display:none, [hidden], aria-hidden, templates, popups' placeholders) is ever read.
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SELECT', 'TEXTAREA', 'BUTTON', 'IFRAME', 'SVG', 'HEAD', 'TITLE', 'OPTION'])
const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'MAIN', 'FORM', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR', 'TD', 'TH', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'PRE', 'BR', 'HR', 'CENTER', 'ADDRESS'
])
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i

export function isHidden(el: Element): boolean {
  if (SKIP.has(el.tagName.toUpperCase())) return true
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true
  return HIDDEN_STYLE.test(el.getAttribute('style') ?? '')
}

export interface VisibleLine {
  text: string
  /** the line is (part of) an <h1> */
  h1: boolean
}

/** Visible lines of the body, whitespace collapsed, empty lines dropped. Iterative: pages nest deeply. */
export function visibleLines(doc: Document): VisibleLine[] {
  const lines: VisibleLine[] = []
  let cur = ''
  let curH1 = false
  const flush = (): void => {
    const t = cur.replace(/[\s\u00a0\u3000]+/g, ' ').trim()
    if (t) lines.push({ text: t, h1: curH1 })
    cur = ''
    curH1 = false
  }
  const root = doc.body
  if (!root) return lines
  // Explicit stack of [node, entering] so closing a block element can end its line.
  const stack: Array<[Node, boolean]> = [[root, true]]
  while (stack.length > 0) {
    const [node, entering] = stack.pop() as [Node, boolean]
    if (node.nodeType === 3) {
      cur += node.nodeValue ?? ''
      continue
    }
    if (node.nodeType !== 1) continue
    const el = node as Element
    const block = BLOCK.has(el.tagName.toUpperCase())
    if (!entering) {
      if (block) flush()
      continue
    }
    if (isHidden(el)) continue
    if (block) flush()
    if (el.tagName === 'H1') curH1 = true
    stack.push([el, false])
    const kids = el.childNodes
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as Node, true])
  }
  flush()
  return lines
}
