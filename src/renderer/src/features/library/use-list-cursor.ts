// The list's active row (the listbox's aria-activedescendant) and next/previous article (J/K, Alt+↓/↑),
// which open the article they land on. A new query starts with no active row.
import { useCallback, useState } from 'react'
import type { ArticleList } from './use-article-list'

export interface ListCursor {
  activeIndex: number
  setActiveIndex: (index: number) => void
  /** Moves to the next or previous article and opens it. */
  step: (direction: 1 | -1) => Promise<void>
}

export function useListCursor(list: ArticleList, queryKey: string, openId: number | null, open: (id: number) => void): ListCursor {
  const [activeIndex, setActiveIndex] = useState(-1)
  // Adjusting state while rendering, as React recommends over an effect.
  const [cursorQuery, setCursorQuery] = useState(queryKey)
  if (cursorQuery !== queryKey) {
    setCursorQuery(queryKey)
    setActiveIndex(-1)
  }

  const step = useCallback(
    async (direction: 1 | -1) => {
      const current = activeIndex >= 0 ? list.getItem(activeIndex) : undefined
      // The cursor is elsewhere when the open article was opened from the import report or restored after a
      // reload: continue from the open article when its row is loaded, else from the top of the list.
      const from = current && (openId === null || current.id === openId) ? activeIndex : openId === null ? -1 : list.indexOfId(openId)
      const index = from >= 0 ? from + direction : 0
      const item = await list.loadItem(index)
      if (item) {
        setActiveIndex(index)
        open(item.id)
      }
    },
    [activeIndex, list, openId, open]
  )

  return { activeIndex, setActiveIndex, step }
}
