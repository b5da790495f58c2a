// The team-archive status for the sidebar: read on mount, on every library change, and every few seconds
// (the background sync in main changes it without a library event when nothing was pulled). Each status
// also tells the window whether the library is read-only (read-only.ts).
import { useCallback, useEffect, useState } from 'react'
import type { SyncStatusView } from '@shared/types'
import { call } from '../../api/client'
import { publishSyncStatus } from './read-only'

const POLL_MS = 3000

export function useSyncStatus(reloadToken: number): { status: SyncStatusView | null; setStatus: (s: SyncStatusView) => void; reload: () => void } {
  const [status, setShown] = useState<SyncStatusView | null>(null)
  const setStatus = useCallback((s: SyncStatusView) => {
    publishSyncStatus(s)
    setShown(s)
  }, [])
  const reload = useCallback(() => {
    call('sync:status', {}).then(setStatus, () => undefined)
  }, [setStatus])
  useEffect(reload, [reload, reloadToken])
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS)
    return () => clearInterval(timer)
  }, [reload])
  return { status, setStatus, reload }
}
