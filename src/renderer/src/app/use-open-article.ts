// Which article the reader shows (remembered across restarts) and, when it was opened from the notes view,
// the highlight to scroll to.
import { useCallback, useState } from 'react'

const LAST_OPEN_KEY = 'marginalia.lastOpenArticle'

function readLastOpen(): number | null {
  const n = Number(localStorage.getItem(LAST_OPEN_KEY))
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

export interface FocusRequest {
  annotationId: number
  /** Makes a repeated request for the same highlight count. */
  token: number
}

export function useOpenArticle() {
  const [openId, setOpenId] = useState<number | null>(readLastOpen)
  const [focus, setFocus] = useState<FocusRequest | null>(null)

  const openArticle = useCallback((id: number) => {
    // A highlight to scroll to applies only to the opening that asked for it.
    setFocus(null)
    setOpenId(id)
    localStorage.setItem(LAST_OPEN_KEY, String(id))
  }, [])

  const openAtHighlight = useCallback(
    (articleId: number, annotationId: number) => {
      openArticle(articleId)
      setFocus({ annotationId, token: Date.now() })
    },
    [openArticle]
  )

  return { openId, focus, openArticle, openAtHighlight }
}
