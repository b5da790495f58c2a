// The sidebar's "Team archive" section: the state in plain words (已同步 / n 项更改待同步 / the last
// error), "Sync now" and "Activity…" while joined, "Connect…" otherwise, and a 只读 / Read-only badge when
// this member is a viewer. Main syncs in the background; this only shows it.
import { useState } from 'react'
import { call } from '../../api/client'
import { useI18n } from '../../i18n'
import { ActivityDialog } from './ActivityDialog'
import { ConnectDialog } from './ConnectDialog'
import { callErrorWords, stateWords, syncErrorWords } from './sync-words'
import { useSyncStatus } from './use-sync-status'
import './sync.css'

export function SyncSection({ reloadToken }: { reloadToken: number }) {
  const { t } = useI18n()
  const { status, setStatus, reload } = useSyncStatus(reloadToken)
  const [connecting, setConnecting] = useState(false)
  const [activityOpen, setActivityOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [callError, setCallError] = useState<string | null>(null)
  if (!status) return null

  const syncNow = async () => {
    setBusy(true)
    setCallError(null)
    try {
      setStatus(await call('sync:now', {}))
    } catch (error) {
      setCallError(callErrorWords(t, error))
      reload()
    } finally {
      setBusy(false)
    }
  }

  const bound = status.state !== 'unbound'
  const error = callError ?? (status.lastError ? syncErrorWords(t, status.lastErrorKind, status.lastError) : null)
  return (
    <section className="sync-section" aria-labelledby="sync-heading">
      <h2 id="sync-heading" className="sidebar__heading">
        {t('sync.heading')}
        {status.member?.role === 'viewer' && (
          <span className="sync-section__badge" title={t('sync.readOnly.hint')}>
            {t('sync.readOnly')}
          </span>
        )}
      </h2>
      <p className={`sync-section__state sync-section__state--${busy ? 'syncing' : status.state}`} role="status">
        {stateWords(t, busy ? { ...status, syncing: true } : status)}
      </p>
      {status.member && (
        <p className="sync-section__member">
          {t(status.member.role === 'viewer' ? 'sync.member.viewer' : 'sync.member', { name: status.member.name })}
        </p>
      )}
      {bound && error && (
        <p className="sync-section__error" title={status.lastError}>
          {error}
        </p>
      )}
      {bound ? (
        <div className="sync-section__actions">
          <button type="button" className="button sync-section__button" disabled={busy} onClick={() => void syncNow()}>
            {t('sync.action.now')}
          </button>
          <button type="button" className="button sync-section__button" onClick={() => setActivityOpen(true)}>
            {t('sync.activity.open')}
          </button>
        </div>
      ) : (
        <button type="button" className="button sync-section__button" onClick={() => setConnecting(true)}>
          {t('sync.action.connect')}
        </button>
      )}
      <ActivityDialog open={activityOpen} onClose={() => setActivityOpen(false)} />
      <ConnectDialog open={connecting} onClose={() => setConnecting(false)} onConnected={setStatus} />
    </section>
  )
}
