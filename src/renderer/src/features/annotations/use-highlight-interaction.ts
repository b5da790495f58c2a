// How the reader's highlights are made and changed: a mouse or keyboard selection in the body opens the
// "new" popover (or H / 1–5 / N highlight it at once), a click on a highlight opens the "existing" popover
// (colour, note, delete), and a highlight can be flashed into view (from the panel or the notes view).
// Also owns the annotation panel's open state and which note is being edited. The reader only renders.
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type RefObject } from 'react'
import type { HighlightColor } from '@shared/anchoring/types'
import { isTypingTarget } from '../../hooks/use-shortcuts'
import { COLORS } from './colors'
import { spansByParagraph, type LayerHighlight, type LocalSpan, type ViewParagraph } from './ranges'
import { selectionRect, selectionToStored } from './selection'
import type { PopoverState } from './SelectionPopover'
import type { Annotations } from './use-annotations'
import { shownLayers } from '../sync/colleague-layers'

const PANEL_KEY = 'marginalia.annotationsPanel'
const FLASH_MS = 1600

function readPanelOpen(): boolean {
  return localStorage.getItem(PANEL_KEY) === '1'
}

export interface HighlightInteractionOptions {
  annotations: Annotations
  /** The shown paragraphs with their offset maps (empty until the converter is ready). */
  paragraphs: readonly ViewParagraph[]
  /** The reading body (holds the painted paragraphs) and the scroller around it. */
  bodyRef: RefObject<HTMLElement | null>
  scrollRef: RefObject<HTMLElement | null>
  /** The text is painted (converter ready): a highlight to focus waits for it. */
  ready: boolean
  /** A highlight to scroll to and flash once painted; a new token asks again. */
  focus: { annotationId: number; token: number } | null
  /** Paint colleagues' highlights too (the colleagueLayers setting); one's own always paint. Default true. */
  showColleagues?: boolean
}

export interface HighlightInteraction {
  /** The highlights to paint, per paragraph index. */
  spans: Map<number, LocalSpan[]>
  panelOpen: boolean
  togglePanel: (open: boolean) => void
  editingId: number | null
  setEditingId: (id: number | null) => void
  popover: PopoverState | null
  closePopover: () => void
  /** The popover's buttons. */
  onPopoverColor: (color: HighlightColor) => void
  onPopoverNote: () => void
  onPopoverDelete: () => void
  /** Handlers for the reading body. */
  onBodyMouseUp: () => void
  onBodyClick: (e: ReactMouseEvent) => void
  /** Scrolls a highlight into view and flashes it. */
  flash: (id: number) => void
}

export function useHighlightInteraction({ annotations, paragraphs, bodyRef, scrollRef, ready, focus, showColleagues = true }: HighlightInteractionOptions): HighlightInteraction {
  const [panelOpen, setPanelOpen] = useState(readPanelOpen)
  const [editingId, setEditingId] = useState<number | null>(null)
  const [popover, setPopover] = useState<PopoverState | null>(null)
  const togglePanel = useCallback((open: boolean) => {
    setPanelOpen(open)
    localStorage.setItem(PANEL_KEY, open ? '1' : '0')
  }, [])
  const closePopover = useCallback(() => setPopover(null), [])

  const layer = useMemo<LayerHighlight[]>(
    () =>
      shownLayers(annotations.anchored, showColleagues).map((a) => ({
        id: a.id,
        color: a.color,
        start: a.start as number,
        end: a.end as number,
        note: a.note,
        // Pending highlights (negative temporary ids) are the newest, so they paint on top.
        order: a.id > 0 ? a.id : Number.MAX_SAFE_INTEGER + a.id,
        pending: a.id < 0
      })),
    [annotations.anchored, showColleagues]
  )
  const spans = useMemo(() => spansByParagraph(paragraphs, layer), [paragraphs, layer])

  const highlightSelection = useCallback(
    async (color: HighlightColor, withNote: boolean, range?: { start: number; end: number }) => {
      const body = bodyRef.current
      const r = range ?? (body ? selectionToStored(body, paragraphs) : null)
      if (!r) return
      window.getSelection()?.removeAllRanges()
      setPopover(null)
      const created = annotations.create(r, color)
      if (withNote) {
        togglePanel(true)
        const a = await created
        if (a) setEditingId(a.id)
      }
    },
    [annotations, paragraphs, togglePanel, bodyRef]
  )

  const flash = useCallback(
    (id: number) => {
      const marks = bodyRef.current?.querySelectorAll<HTMLElement>(`mark[data-ids~="${id}"]`) ?? []
      const first = marks[0]
      if (!first) return
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches
      first.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' })
      for (const m of marks) m.classList.add('hl--flash')
      window.setTimeout(() => {
        for (const m of marks) m.classList.remove('hl--flash')
      }, FLASH_MS)
    },
    [bodyRef]
  )

  // Opened from the notes view: scroll to the highlight once it is painted.
  const focused = useRef<number | null>(null)
  useEffect(() => {
    if (!focus || !annotations.loaded || !ready || focused.current === focus.token) return
    if (!annotations.anchored.some((a) => a.id === focus.annotationId)) return
    focused.current = focus.token
    // Let the reading-position restore settle first, then bring the highlight into view.
    const timer = window.setTimeout(() => flash(focus.annotationId), 50)
    return () => window.clearTimeout(timer)
  }, [focus, annotations.loaded, annotations.anchored, ready, flash])

  const openPopoverForSelection = useCallback(() => {
    const body = bodyRef.current
    if (!body) return
    const range = selectionToStored(body, paragraphs)
    const rect = range ? selectionRect() : null
    if (!range || !rect) return
    setPopover({ mode: 'new', range, x: rect.left + rect.width / 2, top: rect.top, bottom: rect.bottom })
  }, [paragraphs, bodyRef])

  // Hide the "new" popover when the selection goes away; show it after a keyboard selection (Shift+arrows
  // — key events go to the focused scroller, not the body, hence the document listener); close on scroll.
  useEffect(() => {
    const onSelection = () => {
      const sel = window.getSelection()
      if (!sel || sel.isCollapsed) setPopover((p) => (p?.mode === 'new' ? null : p))
    }
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === 'Shift' || (e.shiftKey && e.key.startsWith('Arrow'))) {
        if (!isTypingTarget(e.target)) openPopoverForSelection()
      }
    }
    document.addEventListener('selectionchange', onSelection)
    document.addEventListener('keyup', onKeyUp)
    const scroller = scrollRef.current
    scroller?.addEventListener('scroll', closePopover, { passive: true })
    return () => {
      document.removeEventListener('selectionchange', onSelection)
      document.removeEventListener('keyup', onKeyUp)
      scroller?.removeEventListener('scroll', closePopover)
    }
  }, [scrollRef, openPopoverForSelection, closePopover])

  // Keyboard: with text selected in the body, H highlights yellow, 1–5 pick a colour, N highlights and
  // opens the note editor. Escape closes the popover.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return
      if (document.querySelector('dialog[open]') || isTypingTarget(e.target)) return
      if (e.key === 'Escape') {
        setPopover(null)
        return
      }
      const key = e.key.toLowerCase()
      const index = key === 'h' || key === 'n' ? 0 : ['1', '2', '3', '4', '5'].indexOf(key)
      if (index < 0) return
      const body = bodyRef.current
      const sel = window.getSelection()
      if (!body || !sel || sel.isCollapsed || sel.rangeCount === 0 || !sel.getRangeAt(0).intersectsNode(body)) return
      e.preventDefault()
      e.stopImmediatePropagation()
      void highlightSelection(COLORS[index] ?? 'yellow', key === 'n')
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [highlightSelection, bodyRef])

  const onBodyClick = (e: ReactMouseEvent) => {
    const sel = window.getSelection()
    if (sel && !sel.isCollapsed) return
    const mark = (e.target as HTMLElement).closest<HTMLElement>('mark[data-ids]')
    if (!mark) return
    // Where highlights overlap, the click edits the top one (the last id).
    const ids = (mark.dataset.ids ?? '').split(' ').map(Number)
    const id = ids[ids.length - 1]
    const a = annotations.anchored.find((x) => x.id === id)
    if (!a || a.id < 0) return
    const rect = mark.getBoundingClientRect()
    setPopover({ mode: 'existing', id: a.id, color: a.color, x: rect.left + rect.width / 2, top: rect.top, bottom: rect.bottom })
  }

  const onPopoverColor = (color: HighlightColor) => {
    if (!popover) return
    if (popover.mode === 'new') void highlightSelection(color, false, popover.range)
    else {
      setPopover(null)
      if (color !== popover.color) void annotations.update(popover.id, { color })
    }
  }

  const onPopoverNote = () => {
    if (!popover) return
    if (popover.mode === 'new') void highlightSelection('yellow', true, popover.range)
    else {
      setPopover(null)
      togglePanel(true)
      setEditingId(popover.id)
    }
  }

  const onPopoverDelete = () => {
    if (popover?.mode === 'existing') void annotations.remove(popover.id)
    setPopover(null)
  }

  return {
    spans,
    panelOpen,
    togglePanel,
    editingId,
    setEditingId,
    popover,
    closePopover,
    onPopoverColor,
    onPopoverNote,
    onPopoverDelete,
    // The selection is final only after the mouseup has been handled.
    onBodyMouseUp: () => window.setTimeout(openPopoverForSelection, 0),
    onBodyClick,
    flash
  }
}
