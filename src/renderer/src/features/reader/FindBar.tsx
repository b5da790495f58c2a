// Find in the article (Ctrl/Cmd+F): every hit of the query in the shown script is painted with the CSS
// Custom Highlight API (no DOM change, so highlights and selections are untouched), Enter / Shift+Enter step
// through them with the current one scrolled into view, and the count is announced. An article opened from
// search results opens with the search terms found and its first hit in view.
import { useEffect, useEffectEvent, useMemo, useRef, useState, type RefObject } from 'react'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import type { ViewParagraph } from '../annotations/ranges'
import { findHits, findTerms, type Hit } from './find'
import { scrollRectIntoView } from '../settings/writing-mode'

interface ParagraphHit extends Hit {
  paragraph: number
}

/** A DOM range over characters [start, end) of an element's text, across the text nodes highlights split it into. */
export function rangeIn(el: Element, hit: Hit): Range | null {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  const range = document.createRange()
  let at = 0
  let started = false
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const len = node.textContent?.length ?? 0
    if (!started && hit.start < at + len) {
      range.setStart(node, hit.start - at)
      started = true
    }
    if (started && hit.end <= at + len) {
      range.setEnd(node, hit.end - at)
      return range
    }
    at += len
  }
  return null
}

export interface FindInArticle {
  open: boolean
  query: string
  setQuery: (query: string) => void
  count: number
  current: number
  step: (direction: 1 | -1) => void
  show: () => void
  close: () => void
  /** Bumps when the bar asks for focus (Ctrl/Cmd+F again while open). */
  focusToken: number
}

export function useFindInArticle({
  paragraphs,
  bodyRef,
  initialQuery
}: {
  paragraphs: ViewParagraph[]
  bodyRef: RefObject<HTMLElement | null>
  /** The list search the article was opened from, if any. */
  initialQuery: string | null
}): FindInArticle {
  const [open, setOpen] = useState(initialQuery !== null && initialQuery.trim() !== '')
  const [query, setQueryState] = useState(initialQuery ?? '')
  const [current, setCurrent] = useState(0)
  const [focusToken, setFocusToken] = useState(0)

  const hits = useMemo<ParagraphHit[]>(() => {
    if (!open) return []
    const terms = findTerms(query)
    return paragraphs.flatMap((p, paragraph) => findHits(p.text, terms).map((h) => ({ ...h, paragraph })))
  }, [open, query, paragraphs])

  const index = hits.length === 0 ? 0 : Math.min(current, hits.length - 1)

  const show = () => {
    setOpen(true)
    setFocusToken((n) => n + 1)
  }
  // Ctrl/Cmd+F opens the bar (or returns to it) instead of the browser's own find.
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'f' || document.querySelector('dialog[open]')) return
    e.preventDefault()
    show()
  })
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])

  // Paint every hit and the current one; scroll the current one into view.
  useEffect(() => {
    const body = bodyRef.current
    const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined
    if (!body || !registry) return
    const elements = body.querySelectorAll('[data-index]')
    const ranges = hits.map((h) => (elements[h.paragraph] ? rangeIn(elements[h.paragraph] as Element, h) : null))
    registry.set('find', new Highlight(...ranges.filter((r): r is Range => r !== null)))
    const currentRange = ranges[index]
    if (currentRange) {
      registry.set('find-current', new Highlight(currentRange))
      const scroller = body.closest('.reader-scroll')
      // By the flow's axis: sideways in vertical reading.
      if (scroller) scrollRectIntoView(scroller, currentRange.getBoundingClientRect())
    } else registry.delete('find-current')
    return () => {
      registry.delete('find')
      registry.delete('find-current')
    }
  }, [hits, index, bodyRef])

  return {
    open,
    query,
    setQuery: (q) => {
      setQueryState(q)
      setCurrent(0)
    },
    count: hits.length,
    current: index,
    step: (direction) => {
      if (hits.length > 0) setCurrent((index + direction + hits.length) % hits.length)
    },
    show,
    close: () => setOpen(false),
    focusToken
  }
}

export function FindBar({ find, onClosed }: { find: FindInArticle; onClosed: () => void }) {
  const { t } = useI18n()
  const inputRef = useRef<HTMLInputElement>(null)
  const { open, focusToken } = find
  useEffect(() => {
    // Opened by the keyboard: take focus with the query selected. Opened with a search's terms: leave focus.
    if (!open || focusToken === 0) return
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [open, focusToken])
  if (!find.open) return null
  const status = find.query.trim() === '' ? '' : find.count === 0 ? t('find.none') : t('find.count', { current: find.current + 1, count: find.count })
  return (
    <div className="find-bar" role="search" aria-label={t('find.label')}>
      <Icon name="search" size={14} />
      <input
        ref={inputRef}
        className="find-bar__input"
        type="text"
        aria-label={t('find.label')}
        placeholder={t('find.placeholder')}
        value={find.query}
        onChange={(e) => find.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            find.step(e.shiftKey ? -1 : 1)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            find.close()
            onClosed()
          }
        }}
      />
      <span className="find-bar__count" aria-live="polite">
        {status}
      </span>
      <button type="button" className="icon-button" aria-label={t('find.previous')} title={`${t('find.previous')} (Shift+Enter)`} disabled={find.count === 0} onClick={() => find.step(-1)}>
        <Icon name="arrowUp" size={14} />
      </button>
      <button type="button" className="icon-button" aria-label={t('find.next')} title={`${t('find.next')} (Enter)`} disabled={find.count === 0} onClick={() => find.step(1)}>
        <Icon name="arrowDown" size={14} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={t('find.close')}
        onClick={() => {
          find.close()
          onClosed()
        }}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  )
}
