// Undo for tag operations: every edit (add, remove, rename, merge, delete) returns a token; the last ones are
// kept here so the Undo toast and Ctrl/Cmd+Z can pass them to tags:undo. A tiny external store, like the
// toast store, so dialogs, the reader and the list can all record operations without shared React state.
import type { TagOperationResult } from '@shared/types'
import { call } from '../../api/client'
import { createEmitter } from '../../app/emitter'
import { notify, reportError } from '../../app/toast-store'
import { markChanged } from '../../app/undo-registry'
import type { MessageKey } from '../../i18n'

/** This store's id in the shared Ctrl/Cmd+Z registry. */
export const TAG_UNDO_SOURCE = 'tags'

export interface UndoEntry {
  token: string
  key: MessageKey
  params: Record<string, string | number>
  /** Runs after a successful undo (e.g. point the tag filter back at a renamed tag). */
  onUndo?: () => void
}

const MAX = 20
let stack: UndoEntry[] = []
let latest: UndoEntry | null = null
const { subscribe, emit } = createEmitter()

export const tagUndoStore = {
  subscribe,
  /** The operation the toast offers to undo (null once dismissed or undone). */
  latest(): UndoEntry | null {
    return latest
  },
  canUndo(): boolean {
    return stack.length > 0
  },
  dismiss(): void {
    latest = null
    emit()
  }
}

/**
 * Runs a tag operation and records it for undo; failures become an error toast. Resolves to the result, or
 * null when it failed (the caller keeps its dialog open then).
 */
export async function runTagOperation(
  op: Promise<TagOperationResult>,
  describe: { key: MessageKey; params: Record<string, string | number> },
  hooks: { onDone?: (result: TagOperationResult) => void; onUndo?: () => void } = {}
): Promise<TagOperationResult | null> {
  let result: TagOperationResult
  try {
    result = await op
  } catch (e) {
    reportError(e, 'tags.error.edit')
    return null
  }
  const entry: UndoEntry = { token: result.token, key: describe.key, params: { count: result.articles, ...describe.params } }
  if (hooks.onUndo) entry.onUndo = hooks.onUndo
  stack = [...stack.slice(-(MAX - 1)), entry]
  latest = entry
  markChanged(TAG_UNDO_SOURCE)
  emit()
  hooks.onDone?.(result)
  return result
}

async function undoEntry(entry: UndoEntry): Promise<void> {
  stack = stack.filter((x) => x !== entry)
  if (latest === entry) latest = null
  emit()
  try {
    await call('tags:undo', { token: entry.token })
  } catch (e) {
    reportError(e, 'tags.error.undo')
    return
  }
  entry.onUndo?.()
  notify('tags.undone')
}

/** Undoes the most recent operation still on the stack (Ctrl/Cmd+Z). */
export function undoLastTagOperation(): boolean {
  const entry = stack[stack.length - 1]
  if (!entry) return false
  void undoEntry(entry)
  return true
}

/** Undoes the operation the toast shows. */
export function undoLatest(): void {
  if (latest) void undoEntry(latest)
}
