// The list's active row (the listbox's aria-activedescendant) and next/previous article (J/K, Alt+↓/↑),
// which open the article they land on. The active row is held by article id, not row number, and follows the
// open article wherever it was opened from (the list, a reload, the import report, search, notes), so rows
// inserted above it by an import or a reordered reload never move the mark onto another article.
import { useCallback, useState } from 'react'
import type { ArticleList } from './use-article-list'

export interface ListCursor {
  /** Row of the active article in the current list, -1 when none is active or its row is not loaded. */
  activeIndex: number
  setActiveIndex: (index: number) => void
  /** Moves to the next or previous article and opens it. */
  step: (direction: 1 | -1) => Promise<void>
}

interface Active {
  /** The active article; null for a row whose page is not loaded yet (PageDown far ahead). */
  id: number | null
  /** Where it was last seen: checked first, so the lookup by id runs only after the list changed. */
  index: number
}

function resolveIndex(list: ArticleList, active: Active): number {
  if (active.id === null) return active.index
  if (list.getItem(active.index)?.id === active.id) return active.index
  return list.indexOfId(active.id)
}

export function useListCursor(list: ArticleList, queryKey: string, openId: number | null, open: (id: number) => void): ListCursor {
  const [active, setActive] = useState<Active>({ id: openId, index: -1 })
  // Adjusting state while rendering, as React recommends over an effect: a newly opened article, or a new
  // query, puts the cursor on the open article.
  const [followed, setFollowed] = useState({ openId, queryKey })
  if (followed.openId !== openId || followed.queryKey !== queryKey) {
    setFollowed({ openId, queryKey })
    setActive({ id: openId, index: -1 })
  }

  const activeIndex = resolveIndex(list, active)

  const setActiveIndex = useCallback((index: number) => setActive({ id: list.getItem(index)?.id ?? null, index }), [list])

  const step = useCallback(
    async (direction: 1 | -1) => {
      const index = activeIndex >= 0 ? activeIndex + direction : 0
      const item = await list.loadItem(index)
      if (item) {
        setActive({ id: item.id, index })
        open(item.id)
      }
    },
    [activeIndex, list, open]
  )

  return { activeIndex, setActiveIndex, step }
}
