// A tiny shared undo registry for Ctrl/Cmd+Z. Features that support undo (annotations, tag operations)
// register a source and call markChanged() after each undoable change. One window listener — installed
// while at least one source is registered — walks the shared change history back: each Ctrl+Z undoes the
// newest change of whichever source made it. The shortcut is ignored while focus is in a text field (where
// Ctrl+Z is the field's own undo) or a modal dialog is open, so it never steals a textarea's undo.
//
// Usage:
//   const off = registerUndoSource({ id: 'tags', undo: () => …, canUndo: () => … })
//   markChanged('tags')   // after each change
//   off()                 // on unmount
import { isTypingTarget } from '../hooks/use-shortcuts'

export interface UndoSource {
  /** Unique id, e.g. 'annotations' or 'tags'. */
  id: string
  /** Whether undo would do something now (a source can also just answer true and let the backend decide). */
  canUndo: () => boolean
  undo: () => unknown
}

const sources = new Map<string, { source: UndoSource; order: number }>()
/** Ids of the sources that made each undoable change, oldest first (Ctrl+Z walks it back). */
const history: string[] = []
const HISTORY_MAX = 500
let order = 0
let listening = false

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing || e.altKey || e.shiftKey) return
  if (!(e.ctrlKey || e.metaKey) || (e.key !== 'z' && e.key !== 'Z')) return
  if (isTypingTarget(e.target) || document.querySelector('dialog[open]')) return
  if (undoLatest()) e.preventDefault()
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

/** Records that `id` just made an undoable change (Ctrl+Z undoes changes newest first, across sources). */
export function markChanged(id: string): void {
  history.push(id)
  if (history.length > HISTORY_MAX) history.splice(0, history.length - HISTORY_MAX)
}

/** Undoes the most recent change of a registered source that can undo; with no recorded change left, the
 * most recently registered source that can undo (its own history may predate this session). False when none. */
export function undoLatest(): boolean {
  while (history.length > 0) {
    const id = history.pop() as string
    const entry = sources.get(id)
    if (entry?.source.canUndo()) {
      void entry.source.undo()
      return true
    }
  }
  let best: { source: UndoSource; order: number } | null = null
  for (const entry of sources.values()) {
    if (entry.source.canUndo() && (!best || entry.order > best.order)) best = entry
  }
  if (!best) return false
  void best.source.undo()
  return true
}
