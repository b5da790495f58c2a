// Highlights of the open article, anchored against the text kind being shown. Changes are optimistic: the
// list updates at once (a new highlight is painted before the backend answers) and is corrected from the
// answer — or rolled back with an error toast when the call fails. Undo goes to the backend's per-article
// stack (annotations:undo) after every in-flight change has settled, then reloads.
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { AnnotationUndoResult, AnnotationView, HighlightColor, TextKind } from '@shared/anchoring/types'
import { call } from '../../api/client'
import { notify, reportError } from '../../app/toast-store'
import { markChanged, registerUndoSource } from '../../app/undo-registry'
import { useApiCall } from '../../hooks/use-api-call'

export const UNDO_SOURCE_ID = 'annotations'

function compare(a: AnnotationView, b: AnnotationView): number {
  if (a.orphan !== b.orphan) return a.orphan ? 1 : -1
  if (!a.orphan) return (a.start as number) - (b.start as number) || (a.end as number) - (b.end as number) || Math.abs(a.id) - Math.abs(b.id)
  return a.createdAt.localeCompare(b.createdAt) || a.id - b.id
}

let tempIds = 0

export interface Annotations {
  loaded: boolean
  items: AnnotationView[]
  anchored: AnnotationView[]
  orphans: AnnotationView[]
  create: (range: { start: number; end: number }, color: HighlightColor) => Promise<AnnotationView | null>
  update: (id: number, patch: { color?: HighlightColor; note?: string | null }) => Promise<void>
  remove: (id: number) => Promise<void>
  undo: () => Promise<AnnotationUndoResult | null>
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
      edit((list) => list.map((a) => (a.id === id ? { ...a, ...patch } : a)))
      markChanged(UNDO_SOURCE_ID)
      try {
        const updated = await track(call('annotations:update', { id, ...patch }))
        // The answer is anchored against the article's current kind; keep our range, take the fields.
        edit((list) => list.map((a) => (a.id === id ? { ...a, color: updated.color, note: updated.note, updatedAt: updated.updatedAt } : a)))
      } catch (e) {
        reportError(e, 'error.action.save')
        reload()
      }
    },
    [edit, track, reload]
  )

  // The delete toast's Undo button runs the undo defined below.
  const undoRef = useRef<() => Promise<unknown>>(async () => null)
  const remove = useCallback(
    async (id: number) => {
      edit((list) => list.filter((a) => a.id !== id))
      markChanged(UNDO_SOURCE_ID)
      try {
        await track(call('annotations:delete', { id }))
        notify('anno.deleted', undefined, { label: 'tags.undo', run: () => void undoRef.current() })
      } catch (e) {
        reportError(e, 'error.action.save')
        reload()
      }
    },
    [edit, track, reload]
  )

  const undo = useCallback(async () => {
    await Promise.allSettled([...inflight.current])
    try {
      const result = await call('annotations:undo', { articleId })
      notify(result ? 'anno.undone' : 'anno.nothingToUndo')
      if (result) reload()
      return result
    } catch (e) {
      reportError(e, 'error.action.save')
      return null
    }
  }, [articleId, reload])

  useEffect(() => {
    undoRef.current = undo
  }, [undo])
  useEffect(() => registerUndoSource({ id: UNDO_SOURCE_ID, canUndo: () => true, undo }), [undo])

  const anchored = useMemo(() => items.filter((a) => !a.orphan), [items])
  const orphans = useMemo(() => items.filter((a) => a.orphan), [items])
  return { loaded, items, anchored, orphans, create, update, remove, undo }
}
