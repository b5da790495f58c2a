// Modal dialog on the native <dialog> element: focus trapping, Escape (cancels) and the top layer come for
// free. On opening, focus goes to the first field with its text selected (else the confirming button), not to
// the header's close button, so typing and Enter act on the dialog's form at once.
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useI18n } from '../i18n'
import { Icon } from './Icon'

/** In order of preference: a field marked for it, the first text field, any field, the confirming button. */
const FOCUS_ORDER = [
  '[data-autofocus]',
  'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="range"]):not([disabled]), textarea:not([disabled])',
  'input[type="radio"]:checked:not([disabled]), input:not([type="hidden"]):not([type="radio"]):not([disabled]), select:not([disabled])',
  'button[type="submit"]:not([disabled]), .button--primary:not([disabled])'
]

function focusFirstField(body: HTMLElement | null): void {
  for (const selector of FOCUS_ORDER) {
    const el = body?.querySelector<HTMLElement>(selector)
    if (!el) continue
    el.focus()
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select()
    return
  }
}

interface Props {
  open: boolean
  title: string
  onClose: () => void
  children: ReactNode
  className?: string
}

export function Dialog({ open, title, onClose, children, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const { t } = useI18n()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      focusFirstField(dialog.querySelector<HTMLElement>('.dialog__body'))
    }
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (e.target === ref.current) onClose()
      }}
    >
      {open && (
        <div className="dialog__frame">
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            <button type="button" className="icon-button" aria-label={t('action.close')} onClick={onClose}>
              <Icon name="close" />
            </button>
          </header>
          {/* Focusable so a long body (Help) scrolls from the keyboard. */}
          <div className="dialog__body" tabIndex={0}>
            {children}
          </div>
        </div>
      )}
    </dialog>
  )
}
