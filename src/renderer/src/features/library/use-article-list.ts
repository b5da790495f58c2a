// Paged article list for the virtualised view: pages of `articles:list` are fetched on demand (only the
// ones the viewport needs, after scrolling settles) and cached per query. A reload marks pages stale but
// keeps showing them until fresh ones arrive, so library:changed never flashes an empty list. A first page
// whose total is an estimate (a common search term) is shown at once; `articles:count` then brings the
// exact total.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ArticleSummary, ListQuery } from '@shared/types'
import { call } from '../../api/client'
import { reportError } from '../../app/toast-store'

export const PAGE_SIZE = 200

export type ListParams = Omit<ListQuery, 'offset' | 'limit'>

interface Page {
  items: ArticleSummary[]
  stale: boolean
}

interface Status {
  key: string
  total: number | null
  /** `total` is an estimate (the exact count was asked for). */
  approx: boolean
  error: unknown
}

export interface ArticleList {
  /** null until the first page answered. */
  total: number | null
  /** True while `total` is an estimate and the exact count is on its way (absent: exact). */
  totalApprox?: boolean
  error: unknown
  getItem(index: number): ArticleSummary | undefined
  /** Ask for the pages covering [start, end]; fetched after a short settle delay. */
  ensureRange(start: number, end: number): void
  /** Resolves the item at `index`, fetching its page now if needed. */
  loadItem(index: number): Promise<ArticleSummary | undefined>
  indexOfId(id: number): number
  /** Local optimistic change (e.g. read state) until the next reload. */
  patchItem(id: number, patch: Partial<ArticleSummary>): void
  /** Every row loaded so far (for the source suggestions and the selection's tags). */
  loadedItems(): ArticleSummary[]
  /** Bumps whenever items change, for memoised consumers. */
  version: number
}

export function useArticleList(params: ListParams, reloadToken: number): ArticleList {
  const [version, setVersion] = useState(0)
  const paramsKey = JSON.stringify(params)
  // Total and error belong to the query that produced them; a new query reads as "not loaded yet".
  const [status, setStatus] = useState<Status>({ key: paramsKey, total: null, approx: false, error: null })
  const current = status.key === paramsKey
  const total = current ? status.total : null
  const totalApprox = current && status.approx
  const error = current ? status.error : null
  const pages = useRef(new Map<number, Page>())
  const inflight = useRef(new Map<number, Promise<void>>())
  const generation = useRef(0)
  const wanted = useRef<[number, number]>([0, 0])
  const timer = useRef<number | undefined>(undefined)
  const paramsRef = useRef(params)
  // Updated before the passive effects below run, so a fetch always uses the current query.
  useLayoutEffect(() => {
    paramsRef.current = params
  }, [params])

  const bump = useCallback(() => setVersion((v) => v + 1), [])

  /** The exact total after an estimate; dropped when the query or the library changed meanwhile. */
  const fetchCount = useCallback((query: ListParams, key: string, gen: number) => {
    call('articles:count', query).then(
      ({ total: exact }) => {
        if (gen === generation.current) setStatus((s) => (s.key === key ? { ...s, total: exact, approx: false } : s))
      },
      (e: unknown) => {
        if (gen === generation.current) reportError(e, 'error.action.list')
      }
    )
  }, [])

  const fetchPage = useCallback(
    (page: number): Promise<void> => {
      const existing = inflight.current.get(page)
      if (existing) return existing
      const gen = generation.current
      const query = paramsRef.current
      const key = JSON.stringify(query)
      const p = call('articles:list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (result) => {
            if (gen !== generation.current) return
            pages.current.set(page, { items: result.items, stale: false })
            if (result.totalApprox) {
              // After a reload the exact total already shown stays until the new exact one arrives.
              setStatus((s) => (s.key === key && s.total !== null && !s.approx ? { ...s, error: null } : { key, total: result.total, approx: true, error: null }))
              fetchCount(query, key, gen)
            } else setStatus({ key, total: result.total, approx: false, error: null })
            bump()
          },
          (e: unknown) => {
            if (gen !== generation.current) return
            setStatus((s) => ({ key, total: s.key === key ? s.total : null, approx: s.key === key && s.approx, error: e }))
            reportError(e, 'error.action.list')
          }
        )
        .finally(() => {
          if (inflight.current.get(page) === p) inflight.current.delete(page)
        })
      inflight.current.set(page, p)
      return p
    },
    [bump, fetchCount]
  )

  const fetchWanted = useCallback(() => {
    const [start, end] = wanted.current
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE)
    const last = Math.floor(Math.max(0, end) / PAGE_SIZE)
    for (let page = first; page <= last; page++) {
      const cached = pages.current.get(page)
      if (!cached || cached.stale) void fetchPage(page)
    }
  }, [fetchPage])

  // New query: drop everything. Reload token: keep the pages, but mark them stale and refetch what is visible.
  useEffect(() => {
    generation.current++
    inflight.current.clear()
    pages.current.clear()
    // The view scrolls back to the top for a new query, so the first page is what it needs.
    wanted.current = [0, 60]
    fetchWanted()
  }, [paramsKey, fetchWanted])

  const firstReload = useRef(true)
  useEffect(() => {
    if (firstReload.current) {
      firstReload.current = false
      return
    }
    generation.current++
    inflight.current.clear()
    for (const page of pages.current.values()) page.stale = true
    fetchWanted()
  }, [reloadToken, fetchWanted])

  const ensureRange = useCallback(
    (start: number, end: number) => {
      wanted.current = [start, end]
      window.clearTimeout(timer.current)
      // Flinging through 100,000 rows would otherwise request every page it passes.
      timer.current = window.setTimeout(fetchWanted, 60)
    },
    [fetchWanted]
  )

  useEffect(() => () => window.clearTimeout(timer.current), [])

  const getItem = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE], [])

  const loadItem = useCallback(
    async (index: number) => {
      if (index < 0) return undefined
      const page = Math.floor(index / PAGE_SIZE)
      if (!pages.current.get(page)) await fetchPage(page)
      return pages.current.get(page)?.items[index % PAGE_SIZE]
    },
    [fetchPage]
  )

  const indexOfId = useCallback((id: number) => {
    for (const [page, { items }] of pages.current) {
      const i = items.findIndex((x) => x.id === id)
      if (i >= 0) return page * PAGE_SIZE + i
    }
    return -1
  }, [])

  const patchItem = useCallback(
    (id: number, patch: Partial<ArticleSummary>) => {
      let changed = false
      for (const page of pages.current.values()) {
        page.items = page.items.map((x) => {
          if (x.id !== id) return x
          changed = true
          return { ...x, ...patch }
        })
      }
      if (changed) bump()
    },
    [bump]
  )

  const loadedItems = useCallback(() => [...pages.current.values()].flatMap((p) => p.items), [])

  return useMemo(
    () => ({ total, totalApprox, error, getItem, ensureRange, loadItem, indexOfId, patchItem, loadedItems, version }),
    [total, totalApprox, error, getItem, ensureRange, loadItem, indexOfId, patchItem, loadedItems, version]
  )
}
