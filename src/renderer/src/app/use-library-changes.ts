// A token that bumps on every library:changed event from main: the list, tag counts and import history
// reload on it.
import { useEffect, useState } from 'react'
import { subscribe } from '../api/client'

export function useLibraryChanges(): number {
  const [token, setToken] = useState(0)
  useEffect(() => subscribe('library:changed', () => setToken((n) => n + 1)), [])
  return token
}
