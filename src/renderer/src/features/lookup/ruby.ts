// Pinyin for the reader's ruby, renderer side: per paragraph, one reading per UTF-16 unit of the shown text
// ('' where none), read by word with pinyin-pro (so 银行 is yínháng and 行走 xíngzǒu). pinyin-pro's words
// are Simplified, so any other script is read through its Simplified conversion (same length for nearly
// every text; otherwise through the offset map). pinyin-pro and the converter load on first use only, and
// results are memoised by paragraph text, so a re-render or a highlight never reads a paragraph again.
import { useEffect, useState, type RefObject } from 'react'
import { getConverter, type DisplayConverter } from '../../app/script-loader'
import { reportError } from '../../app/toast-store'

type Reader = (text: string) => string[]

const HAN = /\p{Script=Han}/u
const MEMO_LIMIT = 4000

let readerPromise: Promise<Reader> | null = null
const memo = new Map<string, string[]>()

function makeReader(pinyin: typeof import('pinyin-pro').pinyin, toSimplified: DisplayConverter): Reader {
  return (text) => {
    const hit = memo.get(text)
    if (hit) return hit
    const { text: simple, map } = toSimplified.convertWithMap(text)
    const perUnit: string[] = new Array<string>(simple.length).fill('')
    let at = 0
    for (const item of pinyin(simple, { type: 'all', toneType: 'symbol' })) {
      if (item.isZh && item.pinyin) perUnit[at] = item.pinyin
      at += item.origin.length
    }
    const aligned = simple.length === text.length
    const readings = new Array<string>(text.length)
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string
      readings[i] = HAN.test(ch) ? (perUnit[aligned ? i : map.toView(i)] ?? '') : ''
    }
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(text, readings)
    return readings
  }
}

/** Loads pinyin-pro and the Simplified converter once. */
export function loadPinyinReader(): Promise<Reader> {
  readerPromise ??= Promise.all([import('pinyin-pro'), getConverter('cn', 'auto')]).then(([m, conv]) => makeReader(m.pinyin, conv))
  readerPromise.catch(() => {
    readerPromise = null
  })
  return readerPromise
}

// One observer for every paragraph: a paragraph gets its ruby when it comes within a screen of the view
// (in either axis, so vertical reading works the same), and keeps it.
const NEAR_MARGIN = '100% 100% 100% 100%'
const waiting = new Map<Element, () => void>()
let observer: IntersectionObserver | null = null

function observe(el: Element, onNear: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    onNear()
    return () => undefined
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue
        const cb = waiting.get(e.target)
        observer?.unobserve(e.target)
        waiting.delete(e.target)
        cb?.()
      }
    },
    { rootMargin: NEAR_MARGIN }
  )
  waiting.set(el, onNear)
  observer.observe(el)
  return () => {
    waiting.delete(el)
    observer?.unobserve(el)
  }
}

/** The readings of `text` once ruby is on and the element is near the view; null until then (or when off). */
export function useRubyReadings(text: string, on: boolean, ref: RefObject<Element | null>): string[] | null {
  const [near, setNear] = useState(false)
  const [result, setResult] = useState<{ text: string; readings: string[] } | null>(null)

  useEffect(() => {
    const el = ref.current
    if (!on || near || !el) return
    return observe(el, () => setNear(true))
  }, [on, near, ref])

  useEffect(() => {
    if (!on || !near) return
    let alive = true
    loadPinyinReader().then(
      (read) => {
        if (alive) setResult({ text, readings: read(text) })
      },
      (e: unknown) => reportError(e, 'error.action.load')
    )
    return () => {
      alive = false
    }
  }, [on, near, text])

  return on && result?.text === text ? result.readings : null
}
