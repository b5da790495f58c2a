// The articles checked in the list for the bulk actions (Ctrl/Cmd-click and X toggle one, Shift-click and
// Shift+↑/↓ check a range from the anchor). The selection belongs to one query: a new query starts with none.
import { useState } from 'react'
import { PAGE_SIZE, type ArticleList } from './use-article-list'

const NONE: ReadonlySet<number> = new Set()

interface Selection {
  key: string
  ids: ReadonlySet<number>
  /** Row index Shift-click and Shift+↑/↓ extend from (-1: none yet). */
  anchor: number
}

export interface ListSelection {
  /** Ids of the checked articles. */
  selected: ReadonlySet<number>
  /** Where a range extends from: the last toggled row, else the active one. */
  anchor: number
  toggle: (index: number) => void
  /** Checks rows from..to, fetching rows not loaded yet (a Shift-click far down the list) first. */
  checkRange: (from: number, to: number) => Promise<void>
  clear: () => void
}

export function useListSelection(list: ArticleList, queryKey: string, activeIndex: number): ListSelection {
  const [selection, setSelection] = useState<Selection>({ key: queryKey, ids: NONE, anchor: -1 })
  const current = selection.key === queryKey
  const selected = current ? selection.ids : NONE
  const anchor = current && selection.anchor >= 0 ? selection.anchor : activeIndex

  const toggle = (index: number) => {
    const item = list.getItem(index)
    if (!item) return
    const ids = new Set(selected)
    if (ids.has(item.id)) ids.delete(item.id)
    else ids.add(item.id)
    setSelection({ key: queryKey, ids, anchor: index })
  }

  const checkRange = async (from: number, to: number) => {
    const total = list.total ?? 0
    const start = Math.max(0, Math.min(from, to))
    const end = Math.min(total - 1, Math.max(from, to))
    // One fetch per missing page, not per row.
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
      const index = Math.max(start, page * PAGE_SIZE)
      if (!list.getItem(index)) await list.loadItem(index)
    }
    const ids = new Set<number>()
    for (let i = start; i <= end; i++) {
      const item = list.getItem(i)
      if (item) ids.add(item.id)
    }
    setSelection({ key: queryKey, ids, anchor: from < 0 ? start : from })
  }

  const clear = () => setSelection({ key: queryKey, ids: NONE, anchor: -1 })

  return { selected, anchor, toggle, checkRange, clear }
}
