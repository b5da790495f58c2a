// Reading position per article: restores the scroll to the paragraph holding the saved character offset,
// and while reading records the first visible paragraph's offset (plus progress) with a debounced
// articles:setReading; reaching the end marks the article read. Pending saves flush on article switch.
// Works in both writing modes (features/settings/writing-mode.ts): in vertical-rl the flow is scrollLeft,
// the wheel scrolls sideways, and switching the mode keeps the paragraph being read in view.
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef, type RefObject } from 'react'
import { call } from '../../api/client'
import { reportError } from '../../app/toast-store'
import { useSettings } from '../settings/settings-context'
import { isBeforeView, mapWheelToFlow, scrollAxis, scrollToLeadingEdge } from '../settings/writing-mode'

const SAVE_DELAY_MS = 500
const END_SLACK_PX = 24

interface Options {
  scrollRef: RefObject<HTMLElement | null>
  bodyRef: RefObject<HTMLElement | null>
  articleId: number
  /** Identifies what text is shown (cleaned/original): a different text restarts from the top. */
  viewKey: string
  initialPosition: number
  alreadyRead: boolean
  /** True once the final text is in the DOM (after script conversion). */
  ready: boolean
  onSaved: (patch: { progress: number; readState?: 'read' }) => void
}

interface Snapshot {
  position: number
  progress: number
  atEnd: boolean
}

/** First paragraph (by DOM order) not yet scrolled past: its bottom edge below the top (right edge left of the right, vertical). */
function firstVisibleOffset(container: HTMLElement, body: HTMLElement, vertical: boolean): number {
  const paragraphs = body.querySelectorAll<HTMLElement>('[data-offset]')
  if (paragraphs.length === 0) return 0
  const box = container.getBoundingClientRect()
  let lo = 0
  let hi = paragraphs.length - 1
  let found = paragraphs.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const el = paragraphs[mid]
    if (!el) break
    if (!isBeforeView(el.getBoundingClientRect(), box, vertical)) {
      found = mid
      hi = mid - 1
    } else {
      lo = mid + 1
    }
  }
  return Number(paragraphs[found]?.dataset.offset ?? 0)
}

export function useReadingPosition(o: Options): void {
  const { scrollRef, bodyRef, articleId, viewKey, ready } = o
  const onSaved = useEffectEvent(o.onSaved)
  const initialPosition = useEffectEvent(() => o.initialPosition)
  const pending = useRef<Snapshot | null>(null)
  const timer = useRef<number | undefined>(undefined)
  const read = useRef(o.alreadyRead)
  const restored = useRef('')
  // The last position measured, so a switch of writing mode can bring the same paragraph back into view.
  const lastPosition = useRef<number | null>(null)
  const { writing } = useSettings().settings

  useEffect(() => {
    read.current = o.alreadyRead
  }, [articleId, o.alreadyRead])

  // An effect event: called from the scroll listener's timer and from effect cleanup (flush on switch).
  const flush = useEffectEvent((id: number) => {
    window.clearTimeout(timer.current)
    timer.current = undefined
    const snap = pending.current
    pending.current = null
    if (!snap) return
    const markRead = snap.atEnd && !read.current
    if (markRead) read.current = true
    const patch = markRead ? { progress: snap.progress, readState: 'read' as const } : { progress: snap.progress }
    call('articles:setReading', { id, position: snap.position, ...patch }).then(
      () => onSaved(patch),
      (e: unknown) => reportError(e, 'error.action.save')
    )
  })

  const measure = useCallback((): Snapshot | null => {
    const container = scrollRef.current
    const body = bodyRef.current
    if (!container || !body) return null
    const axis = scrollAxis(container)
    const reached = axis.offset + axis.viewport
    const position = firstVisibleOffset(container, body, axis.vertical)
    lastPosition.current = position
    return {
      position,
      progress: Math.min(1, Math.max(0, axis.length > 0 ? reached / axis.length : 1)),
      atEnd: reached >= axis.length - END_SLACK_PX
    }
  }, [scrollRef, bodyRef])

  // Restore once per (article, shown text, writing mode) when the final text is laid out; after a switch
  // of writing mode, to the paragraph that was being read.
  useLayoutEffect(() => {
    const key = `${articleId}|${viewKey}|${writing}`
    const container = scrollRef.current
    const body = bodyRef.current
    if (!ready || !container || !body || restored.current === key) return
    const sameText = restored.current.startsWith(`${articleId}|${viewKey}|`)
    restored.current = key
    const position = sameText && lastPosition.current !== null ? lastPosition.current : initialPosition()
    const vertical = writing === 'vertical'
    let best: HTMLElement | undefined
    if (position > 0) {
      for (const el of body.querySelectorAll<HTMLElement>('[data-offset]')) {
        if (Number(el.dataset.offset) <= position) best = el
        else break
      }
    }
    if (best) scrollToLeadingEdge(container, best.getBoundingClientRect(), 16, vertical)
    else if (vertical) container.scrollLeft = 0
    else container.scrollTop = 0
  }, [ready, articleId, viewKey, writing, scrollRef, bodyRef])

  // Track scrolling; an article that fits on one screen counts as read after a short look.
  useEffect(() => {
    const container = scrollRef.current
    if (!ready || !container) return
    const onScroll = () => {
      const snap = measure()
      if (!snap) return
      pending.current = snap
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(() => flush(articleId), SAVE_DELAY_MS)
    }
    container.addEventListener('scroll', onScroll, { passive: true })
    const unmapWheel = mapWheelToFlow(container)
    const glance = window.setTimeout(() => {
      const snap = measure()
      const axis = scrollAxis(container)
      if (snap?.atEnd && !read.current && axis.length <= axis.viewport + END_SLACK_PX) {
        pending.current = snap
        flush(articleId)
      }
    }, 1500)
    return () => {
      container.removeEventListener('scroll', onScroll)
      unmapWheel()
      window.clearTimeout(glance)
      flush(articleId)
    }
  }, [ready, articleId, viewKey, scrollRef, measure])
}
