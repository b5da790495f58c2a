// Toast stack (bottom-right), the one toast component: errors stay until dismissed or 8 s pass, info fades
// after 4 s, a toast with a button (the Undo of a destructive change) after 10 s, time to reach it. Errors
// use role="alert" so screen readers announce them; the app behind stays fully usable.
import { useEffect, useSyncExternalStore } from 'react'
import { useI18n } from '../i18n'
import { toastStore, type Toast } from './toast-store'

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useI18n()
  useEffect(() => {
    const timer = window.setTimeout(() => toastStore.dismiss(toast.id), toast.kind === 'error' ? 8000 : toast.action ? 10_000 : 4000)
    return () => window.clearTimeout(timer)
  }, [toast])
  const params: Record<string, string | number> = { ...toast.params }
  for (const [name, key] of Object.entries(toast.paramKeys ?? {})) params[name] = t(key)
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast__text">{t(toast.key, params)}</span>
      {toast.action && (
        <button
          type="button"
          className="button button--small"
          title={toast.action.hint ? t(toast.action.hint) : undefined}
          onClick={() => {
            toastStore.dismiss(toast.id)
            toast.action?.run()
          }}
        >
          {t(toast.action.label)}
        </button>
      )}
      <button type="button" className="icon-button toast__close" aria-label={t('toast.close')} onClick={() => toastStore.dismiss(toast.id)}>
        ×
      </button>
    </div>
  )
}

export function Toasts() {
  const toasts = useSyncExternalStore(toastStore.subscribe, toastStore.snapshot)
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  )
}
