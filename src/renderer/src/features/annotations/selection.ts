// DOM side of the highlight layer: turns the browser selection inside the reading body into paragraph-local
// view offsets. Every paragraph element carries data-index (its index in the shown paragraphs) and
// data-offset (its stored start); a boundary's local offset is the length of the text from the paragraph's
// start to the boundary (marks split text nodes, so counting through a Range is what stays robust).
import { viewSelectionToStored, type ViewParagraph } from './ranges'

const PARAGRAPH = '[data-index]'

function localOffset(el: Element, node: Node, offset: number): number {
  const r = document.createRange()
  r.selectNodeContents(el)
  r.setEnd(node, offset)
  return r.toString().length
}

function paragraphElements(body: HTMLElement): HTMLElement[] {
  return Array.from(body.querySelectorAll<HTMLElement>(PARAGRAPH))
}

/** The current selection as a stored range over the shown text, or null when it is empty or outside the body. */
export function selectionToStored(body: HTMLElement, paragraphs: readonly ViewParagraph[]): { start: number; end: number } | null {
  const sel = window.getSelection()
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null
  const range = sel.getRangeAt(0)
  if (!range.intersectsNode(body)) return null
  const touched = paragraphElements(body).filter((el) => range.intersectsNode(el))
  const first = touched[0]
  const last = touched[touched.length - 1]
  if (!first || !last) return null
  const firstIndex = Number(first.dataset.index)
  const lastIndex = Number(last.dataset.index)
  const startOffset = first.contains(range.startContainer) ? localOffset(first, range.startContainer, range.startOffset) : 0
  const endOffset = last.contains(range.endContainer)
    ? localOffset(last, range.endContainer, range.endOffset)
    : (paragraphs[lastIndex]?.text.length ?? 0)
  return viewSelectionToStored(paragraphs, { index: firstIndex, offset: startOffset }, { index: lastIndex, offset: endOffset })
}

/** Where to place a popover for the selection: its bounding box in viewport coordinates. */
export function selectionRect(): DOMRect | null {
  const sel = window.getSelection()
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null
  const rects = sel.getRangeAt(0).getClientRects()
  const first = rects[0]
  if (!first) return sel.getRangeAt(0).getBoundingClientRect()
  return first
}
