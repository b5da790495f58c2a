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

/** Whether a reader sees the element: neither it nor any ancestor is hidden. */
export function isShown(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (isHidden(e)) return false
  return true
}

// Where an <h1> wraps: nothing between two Chinese characters, a space elsewhere.
const WRAP = '\u0001'
const HAN_WRAP = /(?<=[\p{Script=Han}，。、：；！？“”])\s*\u0001\s*(?=[\p{Script=Han}“”])/gu

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
  // A <br> inside an <h1> wraps the headline; it does not end it.
  let inH1 = 0
  const flush = (): void => {
    const t = cur.replace(HAN_WRAP, '').replace(/[\s\u00a0\u3000\u0001]+/g, ' ').trim()
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
      if (el.tagName === 'H1') inH1--
      if (block) flush()
      continue
    }
    if (isHidden(el)) continue
    if (el.tagName === 'BR' && inH1 > 0) {
      cur += WRAP
      continue
    }
    if (block) flush()
    if (el.tagName === 'H1') {
      curH1 = true
      inH1++
    }
    stack.push([el, false])
    const kids = el.childNodes
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as Node, true])
  }
  flush()
  return lines
}

// "sel, sel { … display:none … }" at the top level of a stylesheet (not inside @media: a rule there hides
// something only at some widths). Selectors with pseudo-classes (":hover") are states, not hiding.
const HIDING_RULE = /(?:^|})\s*([^{}@]+?)\s*\{([^{}]*)\}/g
const MAX_HIDDEN_TEXT = 300

/**
 * Marks `hidden` the elements a page's own <style> rules hide (popups, templates kept for scripts), so
 * visibleLines, Readability and the body cleanup all skip them. Only short ones: a rule that hides a long
 * text hides it until a script shows it (a folded article), which a reader does see.
 */
export function markCssHidden(doc: Document): void {
  for (const style of Array.from(doc.querySelectorAll('style'))) {
    const css = (style.textContent ?? '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/@[^{;]+\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '')
    for (const m of css.matchAll(HIDING_RULE)) {
      if (!HIDDEN_STYLE.test(`;${m[2] ?? ''}`)) continue
      for (const selector of (m[1] ?? '').split(',')) {
        const sel = selector.trim()
        if (!sel || sel.includes(':')) continue
        let found: Element[]
        try {
          found = Array.from(doc.querySelectorAll(sel))
        } catch {
          continue
        }
        for (const el of found) {
          if ((el.textContent ?? '').trim().length <= MAX_HIDDEN_TEXT && el !== doc.body) el.setAttribute('hidden', '')
        }
      }
    }
  }
}
