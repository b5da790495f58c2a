// Left pane: library sections (ListFilter), the tag browser (tree with counts, filter, edit menu), the team
// archive's state, and the app-level buttons (Import, Settings, Help). Import progress docks at its foot. The sections and the tag
// filter combine (e.g. unread articles tagged 政法); the active tags show as chips above the list.
import type { Dispatch, ReactNode, SetStateAction } from 'react'
import type { ListFilter } from '@shared/types'
import { Icon, type IconName } from '../../components/Icon'
import { useI18n, type MessageKey } from '../../i18n'
import { SyncSection } from '../sync/SyncSection'
import { TagBrowser } from '../tags/TagBrowser'
import type { TagFilter } from '../tags/tag-filter'

const SECTIONS: { filter: ListFilter; label: MessageKey; icon: IconName }[] = [
  { filter: 'all', label: 'filter.all', icon: 'list' },
  { filter: 'unread', label: 'filter.unread', icon: 'inbox' },
  { filter: 'read', label: 'filter.read', icon: 'check' },
  { filter: 'annotated', label: 'filter.annotated', icon: 'note' }
]

interface Props {
  filter: ListFilter
  onFilter: (filter: ListFilter) => void
  tagFilter: TagFilter
  onTagFilter: Dispatch<SetStateAction<TagFilter>>
  /** Bumps on library:changed (tag counts reload). */
  reloadToken: number
  onImport: () => void
  onSettings: () => void
  onHelp: () => void
  /** False while another view (all notes) replaces the list: no section is then the current one. */
  sectionCurrent?: boolean
  footer?: ReactNode
  /** In a narrow window the sidebar is a rail of icons with buttons for the list drawer and the full sidebar. */
  rail?: { listOpen: boolean; onList: () => void; expanded: boolean; onExpand: () => void }
}

export function Sidebar({ filter, onFilter, tagFilter, onTagFilter, reloadToken, onImport, onSettings, onHelp, sectionCurrent = true, footer, rail }: Props) {
  const { t } = useI18n()
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar__brand" aria-hidden="true">
        <Icon name="book" size={18} />
        <span>{t('app.name')}</span>
      </div>
      {rail && (
        <div className="sidebar__rail">
          <button type="button" className="sidebar__item" aria-expanded={rail.expanded} onClick={rail.onExpand}>
            <Icon name="tag" />
            <span className="sidebar__label">{t('layout.sidebar')}</span>
          </button>
          <button type="button" className="sidebar__item" aria-expanded={rail.listOpen} onClick={rail.onList}>
            <Icon name="search" />
            <span className="sidebar__label">{t('layout.list')}</span>
          </button>
        </div>
      )}
      <button type="button" className="button button--primary sidebar__import" title={t('action.import')} onClick={onImport}>
        <Icon name="import" />
        <span className="sidebar__label">{t('action.import')}</span>
      </button>

      <h2 className="sidebar__heading">{t('sidebar.library')}</h2>
      <ul className="sidebar__list">
        {SECTIONS.map((s) => (
          <li key={s.filter}>
            <button
              type="button"
              className="sidebar__item"
              aria-current={sectionCurrent && filter === s.filter ? 'true' : undefined}
              onClick={() => onFilter(s.filter)}
            >
              <Icon name={s.icon} />
              <span className="sidebar__label">{t(s.label)}</span>
            </button>
          </li>
        ))}
      </ul>

      <h2 className="sidebar__heading">{t('sidebar.tags')}</h2>
      <div className="sidebar__tags">
        <TagBrowser filter={tagFilter} onFilter={onTagFilter} reloadToken={reloadToken} />
      </div>

      <div className="sidebar__footer">
        {/* A rail of icons has no room for sentences. */}
        {(!rail || rail.expanded) && <SyncSection reloadToken={reloadToken} />}
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
