// @vitest-environment jsdom
// useHighlightInteraction in a small reading body: H over a selection highlights it, a click on a highlight
// opens the "existing" popover whose buttons recolour or delete it, and the panel state is remembered.
import { act, useRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AnnotationView, HighlightColor } from '@shared/anchoring/types'
import { identityMap, type ViewParagraph } from '@renderer/features/annotations/ranges'
import type { Annotations } from '@renderer/features/annotations/use-annotations'
import { useHighlightInteraction } from '@renderer/features/annotations/use-highlight-interaction'
import { renderHook, run, settle } from './helpers/render-hook'

const TEXT = '北京时间昨日，法国多地再次罢工。'
const PARAGRAPHS: ViewParagraph[] = [{ start: 0, storedText: TEXT, text: TEXT, map: identityMap(TEXT.length) }]

function anchored(id: number, start: number, end: number, color: HighlightColor = 'yellow'): AnnotationView {
  return {
    id,
    articleId: 1,
    color,
    note: null,
    quote: TEXT.slice(start, end),
    storedKind: 'clean',
    storedStart: start,
    storedEnd: end,
    textKind: 'clean',
    start,
    end,
    orphan: false,
    anchoredBy: 'position',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z'
  }
}

function fakeAnnotations(items: AnnotationView[]): Annotations {
  return {
    loaded: true,
    items,
    anchored: items,
    orphans: [],
    create: vi.fn(async () => null),
    update: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
    undo: vi.fn(async () => false)
  }
}

/** The hook wired to a body that holds one painted paragraph, as the reader renders it. */
function useHarness({ annotations }: { annotations: Annotations }) {
  const bodyRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const highlights = useHighlightInteraction({ annotations, paragraphs: PARAGRAPHS, bodyRef, scrollRef, ready: true, focus: null })
  return { highlights, bodyRef, scrollRef }
}

function mount(annotations: Annotations) {
  return renderHook(useHarness, { annotations }, {
    markup: ({ highlights, bodyRef, scrollRef }) => (
      <div ref={scrollRef}>
        <div ref={bodyRef} onClick={highlights.onBodyClick}>
          <p data-index={0} data-offset={0}>
            北京时间<mark data-ids="3">昨日</mark>，法国多地再次罢工。
          </p>
        </div>
      </div>
    )
  })
}

afterEach(() => {
  localStorage.clear()
  window.getSelection()?.removeAllRanges()
})

describe('useHighlightInteraction', () => {
  it('highlights the selected text in yellow when H is pressed', async () => {
    const annotations = fakeAnnotations([])
    const hook = mount(annotations)
    const p = hook.container.querySelector('p') as HTMLElement
    const range = document.createRange()
    // "法国" follows the first text node (4 chars), the mark (2) and "，" (1): stored offsets 7..9.
    const tail = p.childNodes[2] as Text
    range.setStart(tail, 1)
    range.setEnd(tail, 3)
    window.getSelection()?.addRange(range)

    run(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', bubbles: true }))
    })
    await settle()
    expect(annotations.create).toHaveBeenCalledWith({ start: 7, end: 9 }, 'yellow')
    expect(window.getSelection()?.isCollapsed).toBe(true)
    hook.unmount()
  })

  it('opens the popover for a clicked highlight; its buttons recolour or delete that highlight', async () => {
    const annotations = fakeAnnotations([anchored(3, 4, 6, 'blue')])
    const hook = mount(annotations)
    const mark = hook.container.querySelector('mark') as HTMLElement
    run(() => mark.click())
    expect(hook.current.highlights.popover).toMatchObject({ mode: 'existing', id: 3, color: 'blue' })

    // Picking the colour it already has changes nothing but closes the popover.
    run(() => hook.current.highlights.onPopoverColor('blue'))
    expect(annotations.update).not.toHaveBeenCalled()
    expect(hook.current.highlights.popover).toBeNull()

    run(() => mark.click())
    run(() => hook.current.highlights.onPopoverColor('green'))
    expect(annotations.update).toHaveBeenCalledWith(3, { color: 'green' })

    run(() => mark.click())
    run(() => hook.current.highlights.onPopoverDelete())
    expect(annotations.remove).toHaveBeenCalledWith(3)
    expect(hook.current.highlights.popover).toBeNull()
    hook.unmount()
  })

  it('"edit note" on a highlight opens the panel on its editor, and the panel state is remembered', () => {
    const hook = mount(fakeAnnotations([anchored(3, 4, 6)]))
    expect(hook.current.highlights.panelOpen).toBe(false)
    run(() => (hook.container.querySelector('mark') as HTMLElement).click())
    run(() => hook.current.highlights.onPopoverNote())
    expect(hook.current.highlights).toMatchObject({ panelOpen: true, editingId: 3, popover: null })
    expect(localStorage.getItem('marginalia.annotationsPanel')).toBe('1')
    hook.unmount()

    const again = mount(fakeAnnotations([]))
    expect(again.current.highlights.panelOpen).toBe(true)
    act(() => again.current.highlights.togglePanel(false))
    expect(localStorage.getItem('marginalia.annotationsPanel')).toBe('0')
    again.unmount()
  })

  it('paints pending highlights above saved ones', () => {
    const hook = mount(fakeAnnotations([anchored(3, 4, 6), anchored(-1, 5, 8)]))
    const layers = (hook.current.highlights.spans.get(0) ?? []).map((s) => s.highlight)
    const saved = layers.find((h) => h.id === 3)
    const pending = layers.find((h) => h.id === -1)
    expect(saved).toMatchObject({ start: 4, end: 6, pending: false })
    expect(pending).toMatchObject({ start: 5, end: 8, pending: true })
    expect((pending?.order ?? 0) > (saved?.order ?? 0)).toBe(true)
    hook.unmount()
  })
})
