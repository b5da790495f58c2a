// Left pane: library sections (ListFilter), the tag list with counts, and the app-level buttons
// (Import, Settings, Help). Import progress docks at its foot.
import type { ReactNode } from 'react'
import type { ListFilter, TagCount } from '@shared/types'
import { Icon, type IconName } from '../../components/Icon'
import { useI18n, type MessageKey } from '../../i18n'

const SECTIONS: { filter: ListFilter; label: MessageKey; icon: IconName }[] = [
  { filter: 'all', label: 'filter.all', icon: 'list' },
  { filter: 'unread', label: 'filter.unread', icon: 'inbox' },
  { filter: 'read', label: 'filter.read', icon: 'check' },
  { filter: 'annotated', label: 'filter.annotated', icon: 'note' }
]

interface Props {
  filter: ListFilter
  onFilter: (filter: ListFilter) => void
  tags: TagCount[] | null
  tag: string | null
  onTag: (tag: string | null) => void
  displayTag: (name: string) => string
  onImport: () => void
  onSettings: () => void
  onHelp: () => void
  footer?: ReactNode
}

export function Sidebar({ filter, onFilter, tags, tag, onTag, displayTag, onImport, onSettings, onHelp, footer }: Props) {
  const { t } = useI18n()
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar__brand" aria-hidden="true">
        <Icon name="book" size={18} />
        <span>{t('app.name')}</span>
      </div>
      <button type="button" className="button button--primary sidebar__import" onClick={onImport}>
        <Icon name="import" />
        {t('action.import')}
      </button>

      <h2 className="sidebar__heading">{t('sidebar.library')}</h2>
      <ul className="sidebar__list">
        {SECTIONS.map((s) => (
          <li key={s.filter}>
            <button
              type="button"
              className="sidebar__item"
              aria-current={filter === s.filter && tag === null ? 'true' : undefined}
              onClick={() => {
                onFilter(s.filter)
                onTag(null)
              }}
            >
              <Icon name={s.icon} />
              <span className="sidebar__label">{t(s.label)}</span>
            </button>
          </li>
        ))}
      </ul>

      <h2 className="sidebar__heading">{t('sidebar.tags')}</h2>
      <div className="sidebar__tags">
        {tags && tags.length === 0 && <p className="sidebar__empty">{t('sidebar.noTags')}</p>}
        <ul className="sidebar__list">
          {tags?.map((x) => (
            <li key={x.name}>
              <button
                type="button"
                className="sidebar__item"
                aria-current={tag === x.name ? 'true' : undefined}
                onClick={() => onTag(tag === x.name ? null : x.name)}
              >
                <Icon name="tag" />
                <span className="sidebar__label">
                  {displayTag(x.name)}
                </span>
                <span className="sidebar__count">{x.count}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>

      <div className="sidebar__footer">
        {footer}
        <div className="sidebar__actions">
          <button type="button" className="icon-button" aria-label={t('action.settings')} title={t('action.settings')} onClick={onSettings}>
            <Icon name="settings" size={18} />
          </button>
          <button type="button" className="icon-button" aria-label={t('action.help')} title={t('action.help')} onClick={onHelp}>
            <Icon name="help" size={18} />
          </button>
        </div>
      </div>
    </nav>
  )
}
