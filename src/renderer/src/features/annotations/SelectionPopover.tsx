// The small floating toolbar over a selection (colour buttons, "add note", "look up") or over a clicked
// highlight (change colour, edit note, delete). It never takes focus on mouse down, so the text selection
// survives. "Look up" turns it into the look-up panel (features/lookup) for the selected text. A viewer's
// read-only library offers only "look up" (main would refuse any highlight change).
import { useLayoutEffect, useRef, useState } from 'react'
import type { HighlightColor } from '@shared/anchoring/types'
import { useI18n } from '../../i18n'
import { LookupPanel } from '../lookup/LookupPanel'
import { useReadOnly } from '../sync/read-only'
import { COLOR_LABEL, COLORS } from './colors'

export type PopoverState =
  | { mode: 'new'; range: { start: number; end: number }; x: number; top: number; bottom: number }
  | { mode: 'existing'; id: number; color: HighlightColor; x: number; top: number; bottom: number }

interface Props {
  state: PopoverState
  onColor: (color: HighlightColor) => void
  onNote: () => void
  onDelete: () => void
}

const GAP = 8
/** The longest selection sent to the dictionary (dictionary:lookup's limit). */
const LOOKUP_MAX = 200

export function SelectionPopover({ state, onColor, onNote, onDelete }: Props) {
  const { t } = useI18n()
  const readOnly = useReadOnly()
  const ref = useRef<HTMLDivElement>(null)
  // The looked-up text belongs to the selection it was asked for: a new selection shows the toolbar again.
  const [asked, setAsked] = useState<{ for: PopoverState; text: string } | null>(null)
  const lookup = asked?.for === state ? asked.text : null
  // Place above the selection when there is room, else below; keep inside the window horizontally.
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const w = el.offsetWidth
    const h = el.offsetHeight
    const left = Math.max(8, Math.min(window.innerWidth - w - 8, state.x - w / 2))
    const top = state.top - h - GAP >= 8 ? state.top - h - GAP : state.bottom + GAP
    // Measured after layout and written straight to the element (no second render).
    el.style.left = `${left}px`
    el.style.top = `${top}px`
    el.style.visibility = 'visible'
  }, [state, lookup])

  if (lookup !== null) {
    return (
      <div ref={ref} className="hl-popover hl-popover--lookup" style={{ left: 0, top: 0, visibility: 'hidden' }} onMouseDown={(e) => e.preventDefault()}>
        {/* Done: the selection goes, and with it this popover. */}
        <LookupPanel text={lookup} onDone={() => window.getSelection()?.removeAllRanges()} />
      </div>
    )
  }

  const existing = state.mode === 'existing'
  // Nothing to offer on a highlight in a read-only library.
  if (readOnly && existing) return null
  return (
    <div
      ref={ref}
      className="hl-popover"
      role="toolbar"
      aria-label={t('anno.popover')}
      style={{ left: 0, top: 0, visibility: 'hidden' }}
      onMouseDown={(e) => e.preventDefault()}
    >
      {!readOnly && COLORS.map((color, i) => {
        const colorName = t(COLOR_LABEL[color])
        const label = existing ? t('anno.changeColor', { color: colorName }) : t('anno.highlight', { color: colorName })
        return (
          <button
            key={color}
            type="button"
            className={`hl-swatch hl-swatch--${color}`}
            aria-label={label}
            aria-pressed={existing ? state.color === color : undefined}
            title={`${label} (${i + 1}${!existing && i === 0 ? ' / H' : ''})`}
            onClick={() => onColor(color)}
          />
        )
      })}
      {!readOnly && (
        <>
          <span className="hl-popover__sep" aria-hidden="true" />
          <button type="button" className="hl-popover__action" onClick={onNote} title={existing ? undefined : `${t('anno.addNote')} (N)`}>
            {existing ? t('anno.editNote') : t('anno.addNote')}
          </button>
        </>
      )}
      {!existing && (
        <button
          type="button"
          className="hl-popover__action"
          onClick={() => {
            // The selection as shown (ruby readings are generated content, never part of it).
            const text = (window.getSelection()?.toString() ?? '').trim().slice(0, LOOKUP_MAX)
            if (text) setAsked({ for: state, text })
          }}
        >
          {t('anno.lookUp')}
        </button>
      )}
      {existing && (
        <button type="button" className="hl-popover__action hl-popover__action--danger" onClick={onDelete}>
          {t('anno.delete')}
        </button>
      )}
    </div>
  )
}
