// Reader toolbar: cleaned/corrected/original switch, per-article script choice (with the global default shown),
// font size stepper, theme switch and focus mode. Every control is labelled for assistive tech and for the
// e2e tests. In a narrow reading pane the view, size and theme controls fold into a "more" menu so the
// toolbar stays one row.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { SCRIPT_IDS } from '@shared/script/types'
import type { ScriptId, Theme } from '@shared/types'
import { FONT_SIZE_MAX, FONT_SIZE_MIN } from '@shared/types'
import { SHORT_SCRIPT_LABELS } from '../../app/script-labels'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import { useSettings } from '../settings/settings-context'

const THEMES: readonly Theme[] = ['light', 'sepia', 'dark']
/**
 * Whether the toolbar must fold to stay one row: it folds when its unfolded controls overflow (the width
 * needed depends on the UI language), and unfolds only once it is wider than where that happened.
 */
function useFold(contentKey: unknown) {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(Number.POSITIVE_INFINITY)
  const [foldBelow, setFoldBelow] = useState(0)
  const folded = width < foldBelow
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  useLayoutEffect(() => {
    const el = ref.current
    if (el && !folded && el.scrollWidth > el.clientWidth + 1) setFoldBelow(el.scrollWidth + 1)
  }, [folded, width, contentKey])
  return { ref, folded }
}

/** The folded controls: a button and the panel it opens; Escape or a click elsewhere closes it. */
function FoldMenu({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        setOpen(false)
        ref.current?.querySelector('button')?.focus()
      }
    }
    document.addEventListener('pointerdown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])
  return (
    <div className="fold-menu" ref={ref}>
      <button type="button" className="icon-button" aria-label={label} title={label} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div className="fold-menu__panel" role="group" aria-label={label}>
          {children}
        </div>
      )}
    </div>
  )
}

/** Which text the reader shows: the cleaned text, it with the accepted proofreading fixes, or the original. */
export type ReaderView = 'cleaned' | 'corrected' | 'original'
const VIEWS: readonly ReaderView[] = ['cleaned', 'corrected', 'original']

interface Props {
  view: ReaderView
  onView: (value: ReaderView) => void
  /** Offer the corrected view: only once the article has accepted fixes (it would equal the cleaned text). */
  correctedAvailable: boolean
  scriptOverride: ScriptId | null
  onScriptOverride: (value: ScriptId | null) => void
  sourceScriptLabel: string
  busy: boolean
  annotationsOpen: boolean
  onAnnotationsOpen: (open: boolean) => void
  annotationCount: number
  onExport: () => void
  focusMode: boolean
  onFocusMode: () => void
}

export function ReaderToolbar({
  view: shown,
  onView,
  correctedAvailable,
  scriptOverride,
  onScriptOverride,
  sourceScriptLabel,
  busy,
  annotationsOpen,
  onAnnotationsOpen,
  annotationCount,
  onExport,
  focusMode,
  onFocusMode
}: Props) {
  const { t, scriptLabel } = useI18n()
  const { settings, update, changeFontSize } = useSettings()
  const { ref, folded: narrow } = useFold(t)

  const view = (
      <div className="segmented" role="group" aria-label={t('reader.view')}>
        {VIEWS.filter((v) => v !== 'corrected' || correctedAvailable || shown === v).map((v) => (
          <button key={v} type="button" className="segmented__item" aria-pressed={shown === v} onClick={() => onView(v)}>
            {t(`reader.view.${v}`)}
          </button>
        ))}
      </div>
  )

  const size = (
      <div className="stepper" role="group" aria-label={t('reader.fontSize', { size: settings.fontSize })}>
        <button
          type="button"
          className="icon-button"
          aria-label={t('reader.fontSmaller')}
          title={`${t('reader.fontSmaller')} (−)`}
          disabled={settings.fontSize <= FONT_SIZE_MIN}
          onClick={() => changeFontSize(-1)}
        >
          <span className="stepper__glyph stepper__glyph--small" aria-hidden="true">A</span>
          <Icon name="minus" size={10} />
        </button>
        <output className="stepper__value" aria-live="polite">
          {settings.fontSize}
        </output>
        <button
          type="button"
          className="icon-button"
          aria-label={t('reader.fontLarger')}
          title={`${t('reader.fontLarger')} (+)`}
          disabled={settings.fontSize >= FONT_SIZE_MAX}
          onClick={() => changeFontSize(1)}
        >
          <span className="stepper__glyph" aria-hidden="true">A</span>
          <Icon name="plus" size={10} />
        </button>
      </div>
  )

  const themes = (
      <div className="segmented segmented--themes" role="group" aria-label={t('reader.theme')}>
        {THEMES.map((theme) => (
          <button
            key={theme}
            type="button"
            className={`segmented__item theme-swatch theme-swatch--${theme}`}
            aria-pressed={settings.theme === theme}
            title={t(`theme.${theme}`)}
            onClick={() => update({ theme })}
          >
            {/* A swatch: the name is the tooltip and the accessible name. */}
            <span className="visually-hidden">{t(`theme.${theme}`)}</span>
          </button>
        ))}
      </div>
  )

  return (
    <div className="reader-toolbar" role="toolbar" aria-label={t('reader.toolbar')} ref={ref}>
      {!narrow && view}

      {/* The app's one script switch (list, tags and reader follow it), then this article's own choice,
          marked as an override while it differs. */}
      <select
        className="select select--compact reader-toolbar__script"
        aria-label={t('reader.script')}
        title={`${t('reader.script')}: ${scriptLabel(settings.script)}`}
        value={settings.script}
        onChange={(e) => update({ script: e.target.value as ScriptId })}
      >
        {SCRIPT_IDS.map((id) => (
          <option key={id} value={id}>
            {SHORT_SCRIPT_LABELS[id]}
          </option>
        ))}
      </select>
      <label className={`reader-toolbar__override${scriptOverride ? ' reader-toolbar__override--on' : ''}`}>
        <span aria-hidden="true">{t('reader.scriptOverride.short')}</span>
        <select
          className="select select--compact"
          aria-label={t('reader.scriptOverride')}
          title={scriptOverride ? `${t('reader.scriptOverride')}: ${scriptLabel(scriptOverride)}` : t('reader.scriptOverride')}
          value={scriptOverride ?? ''}
          onChange={(e) => onScriptOverride(e.target.value === '' ? null : (e.target.value as ScriptId))}
        >
          <option value="">{t('reader.scriptOverride.none')}</option>
          {SCRIPT_IDS.map((id) => (
            <option key={id} value={id}>
              {SHORT_SCRIPT_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <span className="reader-toolbar__note" title={sourceScriptLabel}>
        {busy ? t('reader.converting') : sourceScriptLabel}
      </span>

      <span className="reader-toolbar__spacer" />

      <button type="button" className="icon-button" aria-label={t('reader.focusMode')} title={`${t('reader.focusMode')} (F)`} aria-pressed={focusMode} onClick={onFocusMode}>
        <svg className="icon" width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
          <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
        </svg>
      </button>

      <button type="button" className="icon-button" aria-label={t('export.button')} title={t('export.button')} onClick={onExport}>
        {/* "Export": an arrow out of a tray (drawn here; the shared icon set has no export glyph). */}
        <svg className="icon" width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
          <path d="M12 15V4m0 0L7.5 8.5M12 4l4.5 4.5M5 14v5h14v-5" />
        </svg>
      </button>
      <button
        type="button"
        className="icon-button reader-toolbar__notes"
        aria-pressed={annotationsOpen}
        aria-label={t('anno.sidebarToggle')}
        title={t('anno.sidebarToggle')}
        onClick={() => onAnnotationsOpen(!annotationsOpen)}
      >
        <Icon name="note" size={14} />
        {annotationCount > 0 && <span className="reader-toolbar__badge">{annotationCount}</span>}
      </button>

      {narrow ? (
        <FoldMenu label={t('reader.more')}>
          {view}
          {size}
          {themes}
        </FoldMenu>
      ) : (
        <>
          {size}
          {themes}
        </>
      )}
    </div>
  )
}
