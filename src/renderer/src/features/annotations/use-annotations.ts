// Highlights of the open article, anchored against the text kind being shown. Changes are optimistic: the
// list updates at once (a new highlight is painted before the backend answers) and is corrected from the
// answer — or rolled back with an error toast when the call fails. Undo goes through the shared registry to
// the backend's per-article stack (annotations:undo) after every in-flight change has settled, then reloads;
// its redo makes the undone change again (create, update or delete), which the backend records for undo.
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { AnnotationUndoResult, AnnotationView, HighlightColor, TextKind } from '@shared/anchoring/types'
import { call } from '../../api/client'
import { notify, notifyUndoable, reportError } from '../../app/toast-store'
import { markChanged, registerUndoSource, undoSource, type Redo } from '../../app/undo-registry'
import { useApiCall } from '../../hooks/use-api-call'

export const UNDO_SOURCE_ID = 'annotations'

function compare(a: AnnotationView, b: AnnotationView): number {
  if (a.orphan !== b.orphan) return a.orphan ? 1 : -1
  if (!a.orphan) return (a.start as number) - (b.start as number) || (a.end as number) - (b.end as number) || Math.abs(a.id) - Math.abs(b.id)
  return a.createdAt.localeCompare(b.createdAt) || a.id - b.id
}

let tempIds = 0

// Redoing an undone create makes a new highlight with a new id: later redos that name the old id follow it.
const renamedIds = new Map<number, number>()
function currentId(id: number): number {
  let at = id
  for (let next = renamedIds.get(at); next !== undefined; next = renamedIds.get(at)) at = next
  return at
}
// Reloads the open article's highlights after a redo (which may run after its article was closed).
let reloadShown: () => void = () => undefined
/** Reloads the open article's highlights (after a change made outside this hook: an admin's hide). */
export const reloadShownAnnotations = (): void => reloadShown()

/** The change that makes an undone one again, from the highlight as it was before the undo. */
function redoOf(result: AnnotationUndoResult, before: AnnotationView | undefined): Redo | null {
  const id = result.annotationId
  let apply: () => Promise<unknown>
  if (result.undone === 'delete') apply = () => call('annotations:delete', { id: currentId(id) })
  else if (!before) return null
  else if (result.undone === 'update') apply = () => call('annotations:update', { id: currentId(id), color: before.color, note: before.note })
  else
    apply = async () => {
      const { storedKind, storedStart, storedEnd, color, note } = before
      const created = await call('annotations:create', { articleId: before.articleId, textKind: storedKind, start: storedStart, end: storedEnd, color, note })
      renamedIds.set(id, created.id)
    }
  return async () => {
    try {
      await apply()
      notify('undo.redone')
    } catch (e) {
      reportError(e, 'error.action.save')
    }
    reloadShown()
  }
}

export interface Annotations {
  loaded: boolean
  items: AnnotationView[]
  anchored: AnnotationView[]
  orphans: AnnotationView[]
  create: (range: { start: number; end: number }, color: HighlightColor) => Promise<AnnotationView | null>
  update: (id: number, patch: { color?: HighlightColor; note?: string | null }) => Promise<void>
  remove: (id: number) => Promise<void>
  /** Undoes the article's newest highlight change (as Ctrl+Z does, so Ctrl+Shift+Z can redo it). */
  undo: () => Promise<boolean>
}

export function useAnnotations(articleId: number, textKind: TextKind, shownText: string): Annotations {
  // The answer carries the key it was asked for: a reload keeps showing the list, another article or text
  // kind shows none until its own answer arrives.
  const key = `${articleId}|${textKind}`
  const { data, reload, mutate } = useApiCall(
    () => call('annotations:list', { articleId, textKind }).then((list) => ({ key, items: list.items })),
    [key]
  )
  const inflight = useRef<Set<Promise<unknown>>>(new Set())

  const loaded = data?.key === key
  const items = useMemo(() => (data?.key === key ? data.items : []), [data, key])

  const edit = useCallback(
    (fn: (items: AnnotationView[]) => AnnotationView[]) => mutate((d) => (d.key === key ? { key, items: fn(d.items).sort(compare) } : d)),
    [key, mutate]
  )

  const track = useCallback(<T,>(p: Promise<T>): Promise<T> => {
    inflight.current.add(p)
    const done = () => inflight.current.delete(p)
    p.then(done, done)
    return p
  }, [])

  const create = useCallback(
    async (range: { start: number; end: number }, color: HighlightColor): Promise<AnnotationView | null> => {
      const now = new Date().toISOString()
      const temp: AnnotationView = {
        id: -++tempIds,
        articleId,
        color,
        note: null,
        quote: shownText.slice(range.start, range.end),
        storedKind: textKind,
        storedStart: range.start,
        storedEnd: range.end,
        textKind,
        start: range.start,
        end: range.end,
        orphan: false,
        anchoredBy: 'position',
        createdAt: now,
        updatedAt: now
      }
      edit((list) => [...list, temp])
      markChanged(UNDO_SOURCE_ID)
      try {
        const created = await track(call('annotations:create', { articleId, textKind, start: range.start, end: range.end, color }))
        edit((list) => list.map((a) => (a.id === temp.id ? created : a)))
        return created
      } catch (e) {
        edit((list) => list.filter((a) => a.id !== temp.id))
        reportError(e, 'error.action.save')
        return null
      }
    },
    [articleId, textKind, shownText, edit, track]
  )

  const update = useCallback(
    async (id: number, patch: { color?: HighlightColor; note?: string | null }) => {
      const hadNote = patch.note === null && items.some((a) => a.id === id && a.note !== null)
      edit((list) => list.map((a) => (a.id === id ? { ...a, ...patch } : a)))
      markChanged(UNDO_SOURCE_ID)
      try {
        const updated = await track(call('annotations:update', { id, ...patch }))
        if (hadNote) notifyUndoable('anno.noteDeleted', undefined, UNDO_SOURCE_ID, () => void undoSource(UNDO_SOURCE_ID))
        // The answer is anchored against the article's current kind; keep our range, take the fields.
        edit((list) => list.map((a) => (a.id === id ? { ...a, color: updated.color, note: updated.note, updatedAt: updated.updatedAt } : a)))
      } catch (e) {
        reportError(e, 'error.action.save')
        reload()
      }
    },
    [items, edit, track, reload]
  )

  const remove = useCallback(
    async (id: number) => {
      edit((list) => list.filter((a) => a.id !== id))
      markChanged(UNDO_SOURCE_ID)
      try {
        await track(call('annotations:delete', { id }))
        notifyUndoable('anno.deleted', undefined, UNDO_SOURCE_ID, () => void undoSource(UNDO_SOURCE_ID))
      } catch (e) {
        reportError(e, 'error.action.save')
        reload()
      }
    },
    [edit, track, reload]
  )

  // Undo (through the registry) answers with the redo, built from the highlight as the backend had it
  // just before the undo.
  const undoNewest = useCallback(async (): Promise<Redo | null> => {
    await Promise.allSettled([...inflight.current])
    try {
      const before = await call('annotations:list', { articleId, textKind })
      const result = await call('annotations:undo', { articleId })
      notify(result ? 'anno.undone' : 'anno.nothingToUndo')
      if (!result) return null
      reload()
      return redoOf(result, before.items.find((a) => a.id === result.annotationId))
    } catch (e) {
      reportError(e, 'error.action.save')
      return null
    }
  }, [articleId, textKind, reload])

  useEffect(() => {
    reloadShown = reload
  }, [reload])
  useEffect(() => registerUndoSource({ id: UNDO_SOURCE_ID, canUndo: () => true, undo: undoNewest }), [undoNewest])
  const undo = useCallback(() => undoSource(UNDO_SOURCE_ID), [])

  const anchored = useMemo(() => items.filter((a) => !a.orphan), [items])
  const orphans = useMemo(() => items.filter((a) => a.orphan), [items])
  return { loaded, items, anchored, orphans, create, update, remove, undo }
}
