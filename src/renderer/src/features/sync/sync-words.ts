// The words for a team-archive failure in the UI language: by the kind main reports (details.kind of a
// failed sync:* call, lastErrorKind of the status); the server's own English only where no kind is known.
import type { SyncErrorKind, SyncStatusView } from '@shared/types'
import { ApiCallError, isReadOnlyError } from '../../api/client'
import type { MessageKey, Translate } from '../../i18n'

const KIND_KEY: Record<SyncErrorKind, MessageKey> = {
  unreachable: 'sync.error.unreachable',
  unauthorized: 'sync.error.unauthorized',
  'signed-out': 'sync.error.signedOut',
  forbidden: 'sync.error.forbidden',
  conflict: 'sync.error.conflict',
  refused: 'sync.error.refused'
}

export function syncErrorWords(t: Translate, kind: SyncErrorKind | undefined, message: string): string {
  return kind ? t(KIND_KEY[kind], { message }) : t('sync.error.refused', { message })
}

/** What a failed connect, "sync now" or any write main refused as read-only says. */
export function callErrorWords(t: Translate, error: unknown): string {
  if (error instanceof ApiCallError) {
    if (isReadOnlyError(error)) return t('sync.readOnly.refused')
    if (error.code === 'invalid-argument') return t('sync.error.invalid', { message: error.message.replace(/^sync:\w+: /, '') })
    const kind = (error.details as { kind?: SyncErrorKind } | undefined)?.kind
    return syncErrorWords(t, kind, error.message)
  }
  return t('sync.error.refused', { message: error instanceof Error ? error.message : String(error) })
}

/** The sidebar's one line: 已同步 / n 项更改待同步 / 正在同步…; the last error is shown beside it. */
export function stateWords(t: Translate, s: SyncStatusView): string {
  if (s.syncing) return t('sync.state.syncing')
  if (s.state === 'unbound') return t('sync.state.unbound')
  return s.state === 'synced' ? t('sync.state.synced') : t('sync.state.pending', { count: s.pending })
}
