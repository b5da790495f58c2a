// Settings dialog: UI language (following the OS when 'system'), theme, reading font size, the global
// default script and the reading options (vertical text, pinyin). Changes apply immediately and persist
// through settings:set.
import type { ScriptId, Settings, Theme, WritingMode } from '@shared/types'
import { FONT_SIZE_MAX, FONT_SIZE_MIN } from '@shared/types'
import { Dialog } from '../../components/Dialog'
import { useI18n } from '../../i18n'
import { SCRIPT_IDS } from '@shared/script/types'
import { useSettings } from './settings-context'

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, scriptLabel } = useI18n()
  const { settings, info, update } = useSettings()
  const systemLabel = t(`lang.${info?.systemLanguage ?? 'zh-Hans'}`)
  return (
    <Dialog open={open} title={t('settings.title')} onClose={onClose} className="settings-dialog">
      <form className="form" onSubmit={(e) => e.preventDefault()}>
        <div className="form__row">
          <label htmlFor="settings-language">{t('settings.uiLanguage')}</label>
          <select
            id="settings-language"
            className="select"
            value={settings.uiLanguage}
            onChange={(e) => update({ uiLanguage: e.target.value as Settings['uiLanguage'] })}
          >
            <option value="system">{t('settings.uiLanguage.system', { label: systemLabel })}</option>
            <option value="zh-Hans">{t('lang.zh-Hans')}</option>
            <option value="zh-Hant">{t('lang.zh-Hant')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </div>
        <div className="form__row">
          <label htmlFor="settings-theme">{t('settings.theme')}</label>
          <select id="settings-theme" className="select" value={settings.theme} onChange={(e) => update({ theme: e.target.value as Theme })}>
            <option value="light">{t('theme.light')}</option>
            <option value="sepia">{t('theme.sepia')}</option>
            <option value="dark">{t('theme.dark')}</option>
          </select>
        </div>
        <div className="form__row">
          <label htmlFor="settings-font">{t('settings.fontSize')}</label>
          <div className="form__range">
            <input
              id="settings-font"
              type="range"
              min={FONT_SIZE_MIN}
              max={FONT_SIZE_MAX}
              step={1}
              value={settings.fontSize}
              onChange={(e) => update({ fontSize: Number(e.target.value) })}
            />
            <output htmlFor="settings-font">{settings.fontSize}</output>
          </div>
        </div>
        <div className="form__row">
          <label htmlFor="settings-script">{t('settings.script')}</label>
          <select id="settings-script" className="select" value={settings.script} onChange={(e) => update({ script: e.target.value as ScriptId })}>
            {SCRIPT_IDS.map((id) => (
              <option key={id} value={id}>
                {scriptLabel(id)}
              </option>
            ))}
          </select>
          <p className="form__hint">{t('settings.scriptHint')}</p>
        </div>
        <div className="form__row">
          <label htmlFor="settings-writing">{t('settings.writing')}</label>
          <select
            id="settings-writing"
            className="select"
            value={settings.writing}
            onChange={(e) => update({ writing: e.target.value as WritingMode })}
          >
            <option value="horizontal">{t('settings.writing.horizontal')}</option>
            <option value="vertical">{t('settings.writing.vertical')}</option>
          </select>
        </div>
        <div className="form__row">
          <label htmlFor="settings-ruby">{t('settings.ruby')}</label>
          <input
            id="settings-ruby"
            type="checkbox"
            className="form__checkbox"
            checked={settings.ruby}
            onChange={(e) => update({ ruby: e.target.checked })}
          />
          <p className="form__hint">{t('settings.rubyHint')}</p>
        </div>
      </form>
    </Dialog>
  )
}
