// The open article's discussion thread. Reloads on every library change (a sync round that pulled a
// colleague's comment announces one), and every few seconds while one of ours still waits to go out,
// since a round that only pushed announces nothing.
import { useCallback, useEffect } from 'react'
import type { CommentThread } from '@shared/types'
import { call } from '../../api/client'
import { reportError } from '../../app/toast-store'
import { useLibraryChanges } from '../../app/use-library-changes'
import { useApiCall } from '../../hooks/use-api-call'

const PENDING_POLL_MS = 3000

export interface Discussion {
  thread: CommentThread | undefined
  add: (text: string) => Promise<boolean>
  edit: (id: number, text: string) => Promise<boolean>
  remove: (id: number) => Promise<void>
  /** Loads the thread again (after an admin's hide or its Undo). */
  reload: () => void
}

export function useDiscussion(articleId: number): Discussion {
  const changes = useLibraryChanges()
  // The answer carries the article it is for: another article's thread is never shown for this one.
  const { data: answer, reload } = useApiCall(() => call('comments:list', { articleId }).then((t) => ({ articleId, ...t })), [articleId, changes])
  const data = answer?.articleId === articleId ? answer : undefined
  const waiting = data?.items.some((c) => c.pending) ?? false
  useEffect(() => {
    if (!waiting) return
    const timer = setInterval(reload, PENDING_POLL_MS)
    return () => clearInterval(timer)
  }, [waiting, reload])

  // Each write reloads the thread (its order and pending marks are main's); a refusal is a toast.
  const write = useCallback(
    async (request: () => Promise<unknown>): Promise<boolean> => {
      try {
        await request()
        return true
      } catch (e) {
        reportError(e, 'error.action.save')
        return false
      } finally {
        reload()
      }
    },
    [reload]
  )
  return {
    thread: data,
    add: (text) => write(() => call('comments:add', { articleId, text })),
    edit: (id, text) => write(() => call('comments:edit', { id, text })),
    remove: async (id) => void (await write(() => call('comments:delete', { id }))),
    reload
  }
}
