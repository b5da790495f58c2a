// Geometry of the reading scroller in either writing mode. In vertical-rl text the article starts at the
// right edge and flows leftwards: Chromium reports scrollLeft 0 at the start and negative values after it,
// so "how far in" is -scrollLeft, and the first visible paragraph is the first one reaching left of the
// scroller's right edge (as, in horizontal text, it is the first one reaching below its top edge).

export function isVertical(el: Element): boolean {
  return getComputedStyle(el).writingMode.startsWith('vertical')
}

export interface ScrollAxis {
  vertical: boolean
  /** Distance scrolled from the start of the text, in px (never negative). */
  offset: number
  /** The visible length and the whole length along the reading flow. */
  viewport: number
  length: number
}

export function scrollAxis(scroller: HTMLElement): ScrollAxis {
  const vertical = isVertical(scroller)
  return vertical
    ? { vertical, offset: Math.abs(scroller.scrollLeft), viewport: scroller.clientWidth, length: scroller.scrollWidth }
    : { vertical, offset: scroller.scrollTop, viewport: scroller.clientHeight, length: scroller.scrollHeight }
}

/** Whether `rect` lies past the leading edge of the scroller's view (scrolled beyond), by the flow's axis. */
export function isBeforeView(rect: DOMRect, box: DOMRect, vertical: boolean, slack = 4): boolean {
  return vertical ? rect.left >= box.right - slack : rect.bottom <= box.top + slack
}

/** Scrolls so `rect`'s leading edge sits `inset` px inside the scroller's leading edge (top, or right in vertical-rl). */
export function scrollToLeadingEdge(scroller: HTMLElement, rect: DOMRect, inset: number, vertical = isVertical(scroller)): void {
  const box = scroller.getBoundingClientRect()
  if (vertical) scroller.scrollLeft = Math.min(0, scroller.scrollLeft + rect.right - box.right + inset)
  else scroller.scrollTop = Math.max(0, scroller.scrollTop + rect.top - box.top - inset)
}

/** Brings `rect` into view when it is within `margin` px of an edge, a third of the way in (find, in either mode). */
export function scrollRectIntoView(scroller: Element, rect: DOMRect, margin = 40): void {
  const box = scroller.getBoundingClientRect()
  if (isVertical(scroller)) {
    if (rect.left < box.left + margin || rect.right > box.right - margin) scroller.scrollLeft += rect.right - box.right + box.width / 3
  } else if (rect.top < box.top + margin || rect.bottom > box.bottom - margin) {
    scroller.scrollTop += rect.top - box.top - box.height / 3
  }
}

const LINE_PX = 16

/**
 * In vertical text the wheel scrolls the page sideways: a mostly vertical wheel turn moves the text along
 * its flow (down = onwards = leftwards), as a horizontal one already does. Returns the listener's remover.
 */
export function mapWheelToFlow(scroller: HTMLElement): () => void {
  const onWheel = (e: WheelEvent) => {
    if (e.ctrlKey || Math.abs(e.deltaY) <= Math.abs(e.deltaX) || !isVertical(scroller)) return
    const unit = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? LINE_PX : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? scroller.clientWidth : 1
    e.preventDefault()
    scroller.scrollLeft -= e.deltaY * unit
  }
  scroller.addEventListener('wheel', onWheel, { passive: false })
  return () => scroller.removeEventListener('wheel', onWheel)
}
