// How the window is laid out: at 1100 px and below the sidebar shrinks to a rail of icons and the article
// list becomes a drawer over the reader (shown while no article is open, or on demand); focus mode (F) hides
// sidebar and list at any width. The panes themselves only read the classes this puts on the app.
import { useCallback, useState, useSyncExternalStore } from 'react'

export const NARROW_QUERY = '(max-width: 1100px)'

function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    [query]
  )
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches)
}

export type Drawer = 'list' | 'sidebar' | null

export interface WindowLayout {
  narrow: boolean
  focusMode: boolean
  toggleFocusMode: () => void
  /** The drawer open over the reader in a narrow window. */
  drawer: Drawer
  setDrawer: (drawer: Drawer) => void
  /** Class names and data attributes for the app's root element. */
  rootProps: { className: string; 'data-drawer'?: string }
}

export function useWindowLayout(articleOpen: boolean): WindowLayout {
  const narrow = useMediaQuery(NARROW_QUERY)
  const [focusMode, setFocusMode] = useState(false)
  const [chosen, setDrawer] = useState<Drawer>(null)
  // With nothing to read, the list is what a narrow window shows.
  const drawer: Drawer = !narrow || focusMode ? null : (chosen ?? (articleOpen ? null : 'list'))
  const toggleFocusMode = useCallback(() => setFocusMode((on) => !on), [])
  const className = ['app', narrow ? 'app--narrow' : '', focusMode ? 'app--focus' : ''].filter(Boolean).join(' ')
  return { narrow, focusMode, toggleFocusMode, drawer, setDrawer, rootProps: { className, 'data-drawer': drawer ?? undefined } }
}
