// The Undo toast for tag operations (bottom centre, so it never hides the error toasts) and the Ctrl/Cmd+Z
// shortcut, which undoes the last tag operation when focus is not in a text field and no dialog is open.
import { useEffect, useSyncExternalStore } from 'react'
import { useI18n } from '../../i18n'
import { registerUndoSource } from '../../app/undo-registry'
import { TAG_UNDO_SOURCE, tagUndoStore, undoLastTagOperation, undoLatest } from './undo-store'
import './tags.css'

const VISIBLE_MS = 10_000

export function TagUndoToast() {
  const { t } = useI18n()
  const entry = useSyncExternalStore(tagUndoStore.subscribe, tagUndoStore.latest)

  useEffect(() => {
    if (!entry) return
    const timer = window.setTimeout(() => tagUndoStore.dismiss(), VISIBLE_MS)
    return () => window.clearTimeout(timer)
  }, [entry])

  // Ctrl/Cmd+Z goes through the shared undo registry, which picks whichever feature (tags, annotations)
  // changed most recently and ignores the shortcut in text fields and dialogs.
  useEffect(
    () =>
      registerUndoSource({
        id: TAG_UNDO_SOURCE,
        canUndo: () => tagUndoStore.canUndo(),
        undo: () => {
          undoLastTagOperation()
        }
      }),
    []
  )

  if (!entry) return null
  return (
    <div className="undo-toast" role="status">
      <span className="undo-toast__text">{t(entry.key, entry.params)}</span>
      <button type="button" className="button button--small undo-toast__undo" onClick={undoLatest} title={t('tags.undo.hint')}>
        {t('tags.undo')}
      </button>
      <button type="button" className="icon-button undo-toast__close" aria-label={t('toast.close')} onClick={() => tagUndoStore.dismiss()}>
        ×
      </button>
    </div>
  )
}
