// The team-archive status for the sidebar: read on mount, on every library change, and every few seconds
// (the background sync in main changes it without a library event when nothing was pulled).
import { useCallback, useEffect, useState } from 'react'
import type { SyncStatusView } from '@shared/types'
import { call } from '../../api/client'

const POLL_MS = 3000

export function useSyncStatus(reloadToken: number): { status: SyncStatusView | null; setStatus: (s: SyncStatusView) => void; reload: () => void } {
  const [status, setStatus] = useState<SyncStatusView | null>(null)
  const reload = useCallback(() => {
    call('sync:status', {}).then(setStatus, () => undefined)
  }, [])
  useEffect(reload, [reload, reloadToken])
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS)
    return () => clearInterval(timer)
  }, [reload])
  return { status, setStatus, reload }
}
