// Undo and redo for tag operations: every edit (add, remove, rename, merge, delete) returns a token; the
// last ones are kept here so the toast's Undo and Ctrl/Cmd+Z can pass them to tags:undo. Redo runs the same
// operation again (it answers with a new token, so it can be undone in turn). Module state, like the toast
// store, so dialogs, the reader and the list can all record operations without shared React state.
import { useEffect } from 'react'
import type { TagOperationResult } from '@shared/types'
import { call } from '../../api/client'
import { notify, notifyUndoable, reportError } from '../../app/toast-store'
import { markChanged, registerUndoSource, undoSource, type Redo } from '../../app/undo-registry'
import type { MessageKey } from '../../i18n'

/** This store's id in the shared undo registry. */
export const TAG_UNDO_SOURCE = 'tags'

interface Operation {
  run: () => Promise<TagOperationResult>
  describe: { key: MessageKey; params: Record<string, string | number> }
  /** onDone runs after the operation (and after each redo); onUndo after a successful undo (e.g. point the
   * tag filter back at a renamed tag). */
  hooks: { onDone?: (result: TagOperationResult) => void; onUndo?: () => void }
}

const MAX = 20
let stack: { token: string; op: Operation }[] = []

/**
 * Runs a tag operation and records it for undo, with a toast that offers Undo; failures become an error
 * toast. Resolves to the result, or null when it failed (the caller keeps its dialog open then).
 */
export async function runTagOperation(
  run: () => Promise<TagOperationResult>,
  describe: Operation['describe'],
  hooks: Operation['hooks'] = {}
): Promise<TagOperationResult | null> {
  const op = { run, describe, hooks }
  const result = await perform(op)
  if (!result) return null
  markChanged(TAG_UNDO_SOURCE)
  notifyUndoable(describe.key, { count: result.articles, ...describe.params }, TAG_UNDO_SOURCE, () => void undoSource(TAG_UNDO_SOURCE))
  return result
}

async function perform(op: Operation): Promise<TagOperationResult | null> {
  let result: TagOperationResult
  try {
    result = await op.run()
  } catch (e) {
    reportError(e, 'tags.error.edit')
    return null
  }
  stack = [...stack.slice(-(MAX - 1)), { token: result.token, op }]
  op.hooks.onDone?.(result)
  return result
}

/** Undoes the newest operation on the stack; resolves to its redo (null when nothing was undone). */
async function undoNewest(): Promise<Redo | null> {
  const entry = stack.pop()
  if (!entry) return null
  try {
    await call('tags:undo', { token: entry.token })
  } catch (e) {
    reportError(e, 'tags.error.undo')
    return null
  }
  entry.op.hooks.onUndo?.()
  notify('tags.undone')
  return async () => {
    if (await perform(entry.op)) notify('undo.redone')
  }
}

/** Puts the tag operations into the shared Ctrl/Cmd+Z history while the app is mounted. */
export function useTagUndoSource(): void {
  useEffect(() => registerUndoSource({ id: TAG_UNDO_SOURCE, canUndo: () => stack.length > 0, undo: undoNewest }), [])
}
