// "Search the library for this" from the look-up popover: the reader cannot reach the list's query (App
// owns it), so the request goes through this tiny channel and App runs it as the list search.
import { useEffect, useEffectEvent } from 'react'

const listeners = new Set<(text: string) => void>()

export function requestLibrarySearch(text: string): void {
  for (const l of listeners) l(text)
}

/** Runs `onSearch` for every request while mounted (App: set the list search, show the list). */
export function useLibrarySearchRequests(onSearch: (text: string) => void): void {
  const run = useEffectEvent(onSearch)
  useEffect(() => {
    const listener = (text: string) => run(text)
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [])
}
