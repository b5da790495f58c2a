// Whether this library is read-only (its member is a viewer in the team archive), for every control that
// writes shared data: one value for the whole window. The sidebar's status polling publishes it; a
// component asking before the first status arrives loads it once. Main refuses the writes regardless.
import { useSyncExternalStore } from 'react'
import type { SyncStatusView } from '@shared/types'
import { call } from '../../api/client'

let readOnly = false
let requested = false
const listeners = new Set<() => void>()

export function publishSyncStatus(status: SyncStatusView): void {
  requested = true
  const next = status.member?.role === 'viewer'
  if (next === readOnly) return
  readOnly = next
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  if (!requested) {
    requested = true
    call('sync:status', {}).then(publishSyncStatus, () => undefined)
  }
  return () => listeners.delete(listener)
}

export function useReadOnly(): boolean {
  return useSyncExternalStore(subscribe, () => readOnly)
}
