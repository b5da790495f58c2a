// The shared undo/redo history for Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (Ctrl+Y off the Mac). Features that
// support undo (annotations, tag operations) register a source and call markChanged() after each change the
// user makes. Ctrl+Z undoes the newest change of whichever source made it; the source answers with the
// function that redoes it, kept on the redo branch until a new change clears it. Undo and redo run one at a
// time, in key order, so a fast Ctrl+Z Ctrl+Z Ctrl+Shift+Z never reorders the backend calls. The keys are
// ignored while focus is in a text field (where they are the field's own undo) or a modal dialog is open.
//
// Usage:
//   const off = registerUndoSource({ id: 'tags', canUndo: () => …, undo: async () => redoFunctionOrNull })
//   markChanged('tags')   // after each change (not when redoing: the registry records that itself)
//   off()                 // on unmount
import { isTypingTarget } from '../hooks/use-shortcuts'
import { notify, toastStore } from './toast-store'

/** Re-applies one undone change. It must not call markChanged (that would clear the rest of the redo branch). */
export type Redo = () => unknown

export interface UndoSource {
  /** Unique id, e.g. 'annotations' or 'tags'. */
  id: string
  /** Whether undo would do something now (a source can also just answer true and let the backend decide). */
  canUndo: () => boolean
  /** Undoes the source's newest change; resolves to its redo, or null when nothing was undone. */
  undo: () => Promise<Redo | null> | Redo | null
}

const sources = new Map<string, { source: UndoSource; order: number }>()
/** Ids of the sources that made each undoable change, oldest first (Ctrl+Z walks it back). */
const history: string[] = []
/** Undone changes, most recently undone last (Ctrl+Shift+Z walks it forward). */
const redoBranch: { id: string; redo: Redo }[] = []
const HISTORY_MAX = 500
let order = 0
let listening = false
let queue: Promise<unknown> = Promise.resolve()

function serially<T>(op: () => Promise<T>): Promise<T> {
  const run = queue.then(op)
  queue = run.catch(() => undefined)
  return run
}

const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform)

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing || e.altKey || !(e.ctrlKey || e.metaKey)) return
  const key = e.key.toLowerCase()
  const redo = (key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.shiftKey && !isMac())
  if (!redo && (key !== 'z' || e.shiftKey)) return
  if (isTypingTarget(e.target) || document.querySelector('dialog[open]')) return
  e.preventDefault()
  if (!redo) void undoLatest()
  else
    void redoLatest().then((done) => {
      if (!done) notify('undo.nothingToRedo')
    })
}

/** Registers a source (replacing one with the same id); returns the unregister function. */
export function registerUndoSource(source: UndoSource): () => void {
  const entry = { source, order: ++order }
  sources.set(source.id, entry)
  if (!listening) {
    window.addEventListener('keydown', onKeyDown)
    listening = true
  }
  return () => {
    if (sources.get(source.id) === entry) sources.delete(source.id)
    if (sources.size === 0 && listening) {
      window.removeEventListener('keydown', onKeyDown)
      listening = false
    }
  }
}

/** Records that `id` just made an undoable change: it joins the history and the redo branch is dropped.
 * The source's Undo toasts are put away too, since their Undo would now undo this newer change. */
export function markChanged(id: string): void {
  history.push(id)
  if (history.length > HISTORY_MAX) history.splice(0, history.length - HISTORY_MAX)
  redoBranch.length = 0
  toastStore.dismissGroup(id)
}

async function undoWith(entry: { source: UndoSource } | undefined): Promise<boolean> {
  if (!entry) return false
  toastStore.dismissGroup(entry.source.id)
  const redo = await entry.source.undo()
  if (redo) redoBranch.push({ id: entry.source.id, redo })
  return redo !== null
}

function pickLatest(): { source: UndoSource } | undefined {
  while (history.length > 0) {
    const entry = sources.get(history.pop() as string)
    if (entry?.source.canUndo()) return entry
  }
  // No recorded change left: the most recently registered source that can undo (its own history, e.g. the
  // backend's per-article highlight stack, may predate this session).
  let best: { source: UndoSource; order: number } | undefined
  for (const entry of sources.values()) {
    if (entry.source.canUndo() && (!best || entry.order > best.order)) best = entry
  }
  return best
}

/** Undoes the most recent change of a registered source that can undo. Resolves to false when none did. */
export function undoLatest(): Promise<boolean> {
  return serially(() => undoWith(pickLatest()))
}

/** Undoes the newest change of one source (an Undo button that belongs to it). */
export function undoSource(id: string): Promise<boolean> {
  return serially(() => {
    const at = history.lastIndexOf(id)
    if (at >= 0) history.splice(at, 1)
    return undoWith(sources.get(id))
  })
}

/** Redoes the most recently undone change; false when the redo branch is empty. */
export function redoLatest(): Promise<boolean> {
  return serially(async () => {
    const entry = redoBranch.pop()
    if (!entry) return false
    history.push(entry.id)
    await entry.redo()
    return true
  })
}

/** Whether Ctrl+Shift+Z would redo something now. */
export function canRedo(): boolean {
  return redoBranch.length > 0
}
