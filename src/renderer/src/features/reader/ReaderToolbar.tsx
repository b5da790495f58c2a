// Reader toolbar: cleaned/original toggle, per-article script choice (with the global default shown),
// font size stepper and theme switch. Every control is labelled for assistive tech and for the e2e tests.
import { SCRIPT_IDS } from '@shared/script/types'
import type { ScriptId, Theme } from '@shared/types'
import { FONT_SIZE_MAX, FONT_SIZE_MIN } from '@shared/types'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import { useSettings } from '../settings/settings-context'

const THEMES: readonly Theme[] = ['light', 'sepia', 'dark']

interface Props {
  useOriginal: boolean
  onUseOriginal: (value: boolean) => void
  scriptOverride: ScriptId | null
  onScriptOverride: (value: ScriptId | null) => void
  sourceScriptLabel: string
  busy: boolean
  annotationsOpen: boolean
  onAnnotationsOpen: (open: boolean) => void
  annotationCount: number
  onExport: () => void
}

export function ReaderToolbar({
  useOriginal,
  onUseOriginal,
  scriptOverride,
  onScriptOverride,
  sourceScriptLabel,
  busy,
  annotationsOpen,
  onAnnotationsOpen,
  annotationCount,
  onExport
}: Props) {
  const { t, scriptLabel } = useI18n()
  const { settings, update, changeFontSize } = useSettings()
  return (
    <div className="reader-toolbar" role="toolbar" aria-label={t('reader.toolbar')}>
      <div className="segmented" role="group" aria-label={t('reader.view')}>
        <button type="button" className="segmented__item" aria-pressed={!useOriginal} onClick={() => onUseOriginal(false)}>
          {t('reader.view.cleaned')}
        </button>
        <button type="button" className="segmented__item" aria-pressed={useOriginal} onClick={() => onUseOriginal(true)}>
          {t('reader.view.original')}
        </button>
      </div>

      <label className="reader-toolbar__script">
        <span className="visually-hidden">{t('reader.script')}</span>
        <select
          className="select select--compact"
          aria-label={t('reader.script')}
          value={scriptOverride ?? ''}
          onChange={(e) => onScriptOverride(e.target.value === '' ? null : (e.target.value as ScriptId))}
        >
          <option value="">{t('reader.script.followDefault', { label: scriptLabel(settings.script) })}</option>
          {SCRIPT_IDS.map((id) => (
            <option key={id} value={id}>
              {scriptLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <span className="reader-toolbar__note" title={sourceScriptLabel}>
        {busy ? t('reader.converting') : sourceScriptLabel}
      </span>

      <span className="reader-toolbar__spacer" />

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

      <div className="segmented segmented--themes" role="group" aria-label={t('reader.theme')}>
        {THEMES.map((theme) => (
          <button
            key={theme}
            type="button"
            className={`segmented__item theme-swatch theme-swatch--${theme}`}
            aria-pressed={settings.theme === theme}
            onClick={() => update({ theme })}
          >
            {t(`theme.${theme}`)}
          </button>
        ))}
      </div>
    </div>
  )
}
