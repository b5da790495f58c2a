// Help and About: the keyboard shortcuts (same list the global handler implements) and app/host details.
// The article count is asked for again while the dialog is open and after every library change (an import,
// an undone import), so it is never the count from start-up.
import { call } from '../../api/client'
import { Dialog } from '../../components/Dialog'
import { useApiCall } from '../../hooks/use-api-call'
import { useI18n, type MessageKey } from '../../i18n'
import { useSettings } from '../settings/settings-context'

const SHORTCUTS: { keys: string[]; label: MessageKey }[] = [
  { keys: ['J', 'Alt+↓'], label: 'help.key.next' },
  { keys: ['K', 'Alt+↑'], label: 'help.key.previous' },
  { keys: ['↑', '↓'], label: 'help.key.listMove' },
  { keys: ['Enter'], label: 'help.key.open' },
  { keys: ['X', 'Shift+↑', 'Shift+↓', 'Ctrl+Click'], label: 'help.key.select' },
  { keys: ['Space', 'Shift+Space'], label: 'help.key.page' },
  { keys: ['+', '−', '0'], label: 'help.key.font' },
  { keys: ['/'], label: 'help.key.search' },
  { keys: ['F'], label: 'help.key.focusMode' },
  { keys: ['?', 'F1'], label: 'help.key.help' },
  { keys: ['Ctrl/⌘+F'], label: 'help.key.find' },
  { keys: ['Esc'], label: 'help.key.escape' },
  // Highlights (features/annotations): with text selected in the reading view.
  { keys: ['H'], label: 'anno.help.highlight' },
  { keys: ['1', '2', '3', '4', '5'], label: 'anno.help.colors' },
  { keys: ['N'], label: 'anno.help.note' },
  { keys: ['Ctrl+Z', '⌘Z'], label: 'anno.help.undo' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y', '⌘⇧Z'], label: 'help.key.redo' }
]

export function HelpDialog({ open, onClose, reloadToken }: { open: boolean; onClose: () => void; reloadToken: number }) {
  const { t } = useI18n()
  const { info: startInfo } = useSettings()
  const live = useApiCall(open ? () => call('app:info', {}) : null, [open, reloadToken], { quiet: true })
  const info = live.data ?? startInfo
  return (
    <Dialog open={open} title={t('help.title')} onClose={onClose} className="help-dialog">
      <h3 className="dialog__section">{t('help.shortcuts')}</h3>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.label}>
              <td className="shortcuts__keys">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="shortcuts__or"> / </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="dialog__section">{t('help.about')}</h3>
      <p className="about__name">
        <strong>{info?.name ?? t('app.name')}</strong> · {t('help.version', { version: info?.version ?? '—' })}
      </p>
      <p className="about__line">{t('help.tagline')}</p>
      {info && <p className="about__line">{t('help.articles', { count: info.articleCount })}</p>}
      {info && <p className="about__line about__path">{t('help.database', { path: info.dbPath })}</p>}
    </Dialog>
  )
}
