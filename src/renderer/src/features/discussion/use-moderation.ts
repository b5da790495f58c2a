// Moderation controls (team archive): whether this window's member is an admin, who may hide a
// colleague's comment or highlight from the whole group, and the hide itself with its Undo. The item
// leaves this library at once (main deletes it here and queues the hide); Undo queues the unhide, and
// the next pull brings it back. Main refuses anyone but an admin regardless.
import { call } from '../../api/client'
import { notify, reportError } from '../../app/toast-store'
import { useLibraryChanges } from '../../app/use-library-changes'
import { useApiCall } from '../../hooks/use-api-call'

export function useIsAdmin(): boolean {
  const changes = useLibraryChanges()
  const { data } = useApiCall(() => call('sync:status', {}), [changes], { quiet: true })
  return data?.member?.role === 'admin'
}

/** Hides a colleague's comment or highlight; resolves true when main took it. `after` runs after the hide and after its Undo. */
export async function hideForEveryone(kind: 'comment' | 'annotation', id: number, after: () => void): Promise<boolean> {
  try {
    const hidden = kind === 'comment' ? await call('comments:hide', { id }) : await call('annotations:hide', { id })
    notify('moderation.hidden', undefined, {
      label: 'tags.undo',
      run: () => {
        const unhide = kind === 'comment' ? call('comments:unhide', { key: hidden.key }) : call('annotations:unhide', { key: hidden.key })
        unhide.then(after, (e: unknown) => reportError(e, 'error.action.save'))
      }
    })
    return true
  } catch (e) {
    reportError(e, 'error.action.save')
    return false
  } finally {
    after()
  }
}
