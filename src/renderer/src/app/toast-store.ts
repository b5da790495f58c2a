// Non-blocking notifications: a tiny external store any module can push to (API errors, menu feedback),
// rendered by <Toasts/>. Kept outside React state so hooks and plain async code can report without context.
import type { MessageKey } from '../i18n'
import { ApiCallError, isReadOnlyError } from '../api/client'
import { createEmitter } from './emitter'

export interface Toast {
  id: number
  kind: 'error' | 'info'
  key: MessageKey
  params?: Record<string, string | number>
  /** Extra translation keys resolved at render time and merged into params (e.g. the failed action). */
  paramKeys?: Record<string, MessageKey>
  /** A button in the toast (Undo for a destructive change); it dismisses the toast. */
  action?: { label: MessageKey; run: () => void; hint?: MessageKey }
  /** Who the toast speaks for (an undo source id): dismissGroup() puts its toasts away when they go stale. */
  group?: string
}

let toasts: Toast[] = []
let nextId = 1
const { subscribe, emit } = createEmitter()

export const toastStore = {
  subscribe,
  snapshot(): Toast[] {
    return toasts
  },
  push(toast: Omit<Toast, 'id'>): number {
    const id = nextId++
    // Identical messages repeated quickly (a failing poll, say) collapse into one toast; one with a button
    // replaces its twin instead, so the button acts on the newest change.
    const same = toasts.find((x) => x.key === toast.key && JSON.stringify(x.params) === JSON.stringify(toast.params))
    if (same && !toast.action) return same.id
    toasts = [...toasts.filter((x) => x !== same).slice(-3), { ...toast, id }]
    emit()
    return id
  },
  dismiss(id: number): void {
    toasts = toasts.filter((x) => x.id !== id)
    emit()
  },
  dismissGroup(group: string): void {
    if (!toasts.some((x) => x.group === group)) return
    toasts = toasts.filter((x) => x.group !== group)
    emit()
  }
}

/** Reports a failed operation as an error toast naming the action and the API's message. */
export function reportError(error: unknown, action: MessageKey = 'error.action.load'): void {
  if (error instanceof ApiCallError && error.code === 'no-bridge') {
    toastStore.push({ kind: 'error', key: 'error.noBridge' })
    return
  }
  // A viewer's write refused by main: say so in the UI language, not as an English error.
  if (isReadOnlyError(error)) {
    toastStore.push({ kind: 'error', key: 'sync.readOnly.refused' })
    return
  }
  const message = error instanceof Error ? error.message : String(error)
  console.error(error)
  toastStore.push({ kind: 'error', key: 'error.api', params: { message }, paramKeys: { action } })
}

export function notify(key: MessageKey, params?: Record<string, string | number>, action?: Toast['action']): void {
  toastStore.push({ kind: 'info', key, ...(params ? { params } : {}), ...(action ? { action } : {}) })
}

/** The toast of a destructive change: its Undo button undoes the newest change of `source` (as Ctrl+Z would),
 * and a newer change by that source puts it away. */
export function notifyUndoable(key: MessageKey, params: Record<string, string | number> | undefined, source: string, undo: () => void): void {
  toastStore.push({ kind: 'info', key, ...(params ? { params } : {}), group: source, action: { label: 'tags.undo', hint: 'undo.hint', run: undo } })
}
