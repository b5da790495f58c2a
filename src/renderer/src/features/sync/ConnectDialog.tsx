// Joins this library to a team archive: server URL, member token and group id (what the desk's admin
// handed out). Enter connects, Escape cancels; a refusal stays in the dialog, in the UI language.
import { useId, useState, type FormEvent } from 'react'
import type { SyncStatusView } from '@shared/types'
import { call } from '../../api/client'
import { Dialog } from '../../components/Dialog'
import { useI18n } from '../../i18n'
import { callErrorWords } from './sync-words'
import './sync.css'

interface Props {
  open: boolean
  onClose: () => void
  onConnected: (status: SyncStatusView) => void
}

export function ConnectDialog({ open, onClose, onConnected }: Props) {
  const { t } = useI18n()
  return (
    <Dialog open={open} title={t('sync.connect.title')} onClose={onClose} className="sync-dialog">
      {open && <ConnectForm onClose={onClose} onConnected={onConnected} />}
    </Dialog>
  )
}

function ConnectForm({ onClose, onConnected }: Omit<Props, 'open'>) {
  const { t } = useI18n()
  const [fields, setFields] = useState({ server: '', token: '', group: '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ids = { server: useId(), token: useId(), group: useId(), error: useId() }
  const filled = fields.server.trim() !== '' && fields.token.trim() !== '' && fields.group.trim() !== ''

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy || !filled) return
    setBusy(true)
    setError(null)
    try {
      onConnected(await call('sync:connect', { server: fields.server.trim(), token: fields.token.trim(), group: fields.group.trim() }))
      onClose()
    } catch (err) {
      setError(callErrorWords(t, err))
    } finally {
      setBusy(false)
    }
  }

  const field = (name: keyof typeof fields, label: string, type: 'url' | 'password' | 'text', placeholder: string) => (
    <div className="form__row">
      <label htmlFor={ids[name]}>{label}</label>
      <input
        id={ids[name]}
        className="text-input"
        type={type}
        value={fields[name]}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? ids.error : undefined}
        onChange={(e) => setFields((f) => ({ ...f, [name]: e.target.value }))}
      />
    </div>
  )

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <p className="sync-dialog__hint">{t('sync.connect.hint')}</p>
      {field('server', t('sync.connect.server'), 'url', 'https://archive.example.org/')}
      {field('token', t('sync.connect.token'), 'password', '')}
      {field('group', t('sync.connect.group'), 'text', '00000000-0000-0000-0000-000000000000')}
      {error && (
        <p id={ids.error} className="sync-dialog__error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || !filled}>
          {busy ? t('sync.connect.busy') : t('sync.connect.submit')}
        </button>
      </div>
    </form>
  )
}
