// Middle pane: search box, sort controls, the active filters (tag chips, date range, source) and the
// virtualised article list (a listbox that keeps focus while ↑/↓ move the active option, so 100,000 rows cost
// only the ~20 that are on screen). Ctrl/Cmd-click, Shift-click, X and Shift+↑/↓ pick several articles
// (aria-checked) for the bulk tag actions.
import { useEffect, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { ArticleSummary, ListSort } from '@shared/types'
import { EmptyState } from '../../components/EmptyState'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import { BulkTagDialog, type BulkTagRequest } from '../tags/BulkTagDialog'
import { parseSnippet } from './snippet'
import { PAGE_SIZE, type ArticleList } from './use-article-list'
import './list-tools.css'

const ROW_HEIGHT = 68
const ROW_HEIGHT_WITH_SNIPPET = 112
const NO_SELECTION: ReadonlySet<number> = new Set()

interface Selection {
  /** The query the selection belongs to: a new query starts with none. */
  key: string
  ids: ReadonlySet<number>
  /** Row index Shift-click and Shift+↑/↓ extend from. */
  anchor: number
}

interface Props {
  /** Opens the export dialog for the articles checked in the list. */
  onExportSelected?: (ids: number[]) => void
  list: ArticleList
  listRef: RefObject<HTMLDivElement | null>
  searchRef: RefObject<HTMLInputElement | null>
  search: string
  onSearch: (value: string) => void
  searching: boolean
  sort: ListSort
  order: 'asc' | 'desc'
  onSort: (sort: ListSort) => void
  onToggleOrder: () => void
  hasFilters: boolean
  onClearFilters: () => void
  /** Removable chips of the tag filter (with the AND/OR switch). */
  tagChips?: ReactNode
  /** Date range / source / read-state fields, shown by the Filters toggle. */
  filtersPanel?: ReactNode
  /** How many of the panel's filters are set (shown on the toggle). */
  filtersActive?: number
  activeIndex: number
  onActiveIndex: (index: number) => void
  openId: number | null
  onOpen: (index: number, item: ArticleSummary) => void
  onImport: () => void
  displayText: (text: string) => string
  /** Changes whenever the query changes, to scroll back to the top. */
  queryKey: string
}

export function ArticleListPane(props: Props) {
  const { t, formatDate } = useI18n()
  const { list, listRef, activeIndex, onActiveIndex, onOpen, searching, displayText } = props
  const total = list.total ?? 0
  const rowHeight = searching ? ROW_HEIGHT_WITH_SNIPPET : ROW_HEIGHT

  // TanStack Virtual returns fresh functions each render, so the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 12
  })

  useEffect(() => {
    virtualizer.measure()
  }, [rowHeight, virtualizer])

  useEffect(() => {
    virtualizer.scrollToOffset(0)
  }, [props.queryKey, virtualizer])

  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    list.ensureRange(first, last)
  }, [first, last, list])

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < total) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, total, virtualizer])

  const pageRows = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 600) / rowHeight) - 1)

  const [selection, setSelection] = useState<Selection>({ key: props.queryKey, ids: NO_SELECTION, anchor: -1 })
  const selected = selection.key === props.queryKey ? selection.ids : NO_SELECTION
  const anchor = selection.key === props.queryKey && selection.anchor >= 0 ? selection.anchor : activeIndex
  const [bulk, setBulk] = useState<BulkTagRequest | null>(null)

  const toggleChecked = (index: number) => {
    const item = list.getItem(index)
    if (!item) return
    const ids = new Set(selected)
    if (ids.has(item.id)) ids.delete(item.id)
    else ids.add(item.id)
    setSelection({ key: props.queryKey, ids, anchor: index })
  }
  /**
   * Checks the rows from..to (the range a Shift-click or Shift+↑/↓ covers), keeping the anchor. Rows not
   * loaded yet (a Shift-click far down the list) are fetched first, a page at a time.
   */
  const checkRange = async (from: number, to: number) => {
    const start = Math.max(0, Math.min(from, to))
    const end = Math.min(total - 1, Math.max(from, to))
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
      const index = Math.max(start, page * PAGE_SIZE)
      if (!list.getItem(index)) await list.loadItem(index)
    }
    const ids = new Set<number>()
    for (let i = start; i <= end; i++) {
      const item = list.getItem(i)
      if (item) ids.add(item.id)
    }
    setSelection({ key: props.queryKey, ids, anchor: from < 0 ? start : from })
  }
  const clearChecked = () => setSelection({ key: props.queryKey, ids: NO_SELECTION, anchor: -1 })

  const openBulk = (mode: 'add' | 'remove') => {
    const articleIds = [...selected]
    const present = new Set<string>()
    if (mode === 'remove') for (const item of list.loadedItems()) if (selected.has(item.id)) for (const tag of item.tags) present.add(tag)
    setBulk({ mode, articleIds, present: [...present].sort() })
  }

  const onRowClick = (e: MouseEvent, index: number, item: ArticleSummary) => {
    if (e.ctrlKey || e.metaKey) {
      toggleChecked(index)
      onActiveIndex(index)
    } else if (e.shiftKey) {
      void checkRange(anchor, index)
      onActiveIndex(index)
    } else {
      if (selected.size > 0) clearChecked()
      onActiveIndex(index)
      onOpen(index, item)
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    e.currentTarget.removeAttribute('data-pointer')
    if (e.altKey || e.metaKey || e.ctrlKey || total === 0) return
    const move = (to: number) => {
      e.preventDefault()
      const index = Math.max(0, Math.min(total - 1, to))
      if (e.shiftKey) void checkRange(anchor < 0 ? Math.max(0, activeIndex) : anchor, index)
      onActiveIndex(index)
    }
    switch (e.key) {
      case 'x':
      case 'X':
        e.preventDefault()
        return toggleChecked(Math.max(0, activeIndex))
      case 'Escape':
        if (selected.size > 0) {
          e.preventDefault()
          clearChecked()
        }
        return
      case 'ArrowDown':
        return move(activeIndex + 1)
      case 'ArrowUp':
        return move(activeIndex <= 0 ? 0 : activeIndex - 1)
      case 'Home':
        return move(0)
      case 'End':
        return move(total - 1)
      case 'PageDown':
        return move(activeIndex + pageRows)
      case 'PageUp':
        return move(activeIndex - pageRows)
      case 'Enter': {
        const item = list.getItem(activeIndex)
        if (item) {
          e.preventDefault()
          onOpen(activeIndex, item)
        }
        return
      }
    }
  }

  const activeItem = activeIndex >= 0 ? list.getItem(activeIndex) : undefined
  const [filtersOpen, setFiltersOpen] = useState(false)

  return (
    <section className="list-pane" aria-label={t('list.label')}>
      <div className="list-pane__toolbar">
        <div className="search">
          <Icon name="search" />
          <input
            ref={props.searchRef}
            type="search"
            className="search__input"
            aria-label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            value={props.search}
            onChange={(e) => props.onSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                // Leave the search box for the list and keep the query (the field's × button clears it).
                e.preventDefault()
                if (total > 0) {
                  if (activeIndex < 0) onActiveIndex(0)
                  listRef.current?.focus()
                } else {
                  e.currentTarget.blur()
                }
              } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault()
                if (activeIndex < 0 && total > 0) onActiveIndex(0)
                listRef.current?.focus()
              }
            }}
          />
        </div>
        <div className="list-pane__meta">
          <span className="list-pane__count" aria-live="polite">
            {list.total !== null ? t('list.count', { count: list.total.toLocaleString() }) : '\u00a0'}
          </span>
          <span className="list-pane__spacer" />
          {props.filtersPanel && (
            <button
              type="button"
              className={`button button--small list-pane__filters-toggle${filtersOpen ? ' is-open' : ''}`}
              aria-expanded={filtersOpen}
              aria-label={props.filtersActive ? `${t('list.filters')}（${props.filtersActive}）` : t('list.filters')}
              onClick={() => setFiltersOpen((o) => !o)}
            >
              {t('list.filters')}
              {props.filtersActive ? <span className="list-pane__badge">{props.filtersActive}</span> : null}
            </button>
          )}
          <select className="select select--compact" aria-label={t('list.sort')} value={props.sort} onChange={(e) => props.onSort(e.target.value as ListSort)}>
            {searching && <option value="relevance">{t('list.sort.relevance')}</option>}
            <option value="imported">{t('list.sort.imported')}</option>
            <option value="published">{t('list.sort.published')}</option>
            <option value="title">{t('list.sort.title')}</option>
            <option value="source">{t('list.sort.source')}</option>
          </select>
          <button
            type="button"
            className="icon-button"
            aria-label={`${t('list.toggleOrder')}: ${t(props.order === 'asc' ? 'list.order.asc' : 'list.order.desc')}`}
            title={t(props.order === 'asc' ? 'list.order.asc' : 'list.order.desc')}
            onClick={props.onToggleOrder}
          >
            <Icon name={props.order === 'asc' ? 'arrowUp' : 'arrowDown'} />
          </button>
        </div>
        {props.tagChips}
        {filtersOpen && props.filtersPanel}
        {selected.size > 0 && (
          <div className="bulk-bar" role="toolbar" aria-label={t('list.bulk.label')}>
            <span className="bulk-bar__count" aria-live="polite">
              {t('list.bulk.count', { count: selected.size })}
            </span>
            <span className="bulk-bar__actions">
              <button type="button" className="button button--small" onClick={() => openBulk('add')}>
                {t('list.bulk.addTags')}
              </button>
              <button type="button" className="button button--small" onClick={() => openBulk('remove')}>
                {t('list.bulk.removeTags')}
              </button>
              {props.onExportSelected && (
                <button type="button" className="button button--small" onClick={() => props.onExportSelected?.([...selected])}>
                  {t('list.bulk.export')}
                </button>
              )}
            </span>
            <button type="button" className="icon-button bulk-bar__clear" aria-label={t('list.bulk.clear')} title={t('list.bulk.clear')} onClick={clearChecked}>
              <Icon name="close" />
            </button>
          </div>
        )}
      </div>
      <BulkTagDialog request={bulk} onClose={() => setBulk(null)} display={displayText} />

      {list.total === 0 ? (
        props.hasFilters ? (
          <EmptyState icon="search" title={t('list.noResults.title')} body={t('list.noResults.body')}>
            <button type="button" className="button" onClick={props.onClearFilters}>
              {t('list.clearFilters')}
            </button>
          </EmptyState>
        ) : (
          <EmptyState icon="inbox" title={t('list.empty.title')} body={t('list.empty.body')}>
            <button type="button" className="button button--primary" onClick={props.onImport}>
              <Icon name="import" />
              {t('action.import')}
            </button>
          </EmptyState>
        )
      ) : null}

      <div
        ref={listRef}
        className="article-list"
        role="listbox"
        aria-label={t('list.label')}
        tabIndex={0}
        hidden={list.total === 0}
        aria-activedescendant={activeItem ? `article-option-${activeItem.id}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex < 0 && total > 0) onActiveIndex(0)
        }}
      >
        <div className="article-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((row) => {
            const item = list.getItem(row.index)
            const style = { transform: `translateY(${row.start}px)`, height: row.size }
            if (!item) {
              return (
                <div key={`loading-${row.index}`} className="article-row article-row--loading" style={style} aria-hidden="true">
                  <span className="skeleton skeleton--title" />
                  <span className="skeleton skeleton--meta" />
                </div>
              )
            }
            const date = formatDate(item.publishedAt ?? item.importedAt)
            const checked = selected.has(item.id)
            return (
              <div
                key={item.id}
                id={`article-option-${item.id}`}
                role="option"
                aria-selected={row.index === activeIndex}
                aria-checked={selected.size > 0 ? checked : undefined}
                aria-current={item.id === props.openId ? 'true' : undefined}
                aria-setsize={total}
                aria-posinset={row.index + 1}
                className={`article-row${item.readState === 'unread' ? ' article-row--unread' : ''}${item.id === props.openId ? ' article-row--open' : ''}${checked ? ' article-row--checked' : ''}`}
                style={style}
                onMouseDown={(e) => {
                  // Keep focus on the listbox so the keyboard continues from the clicked row; the row's focus
                  // ring is for keyboard users, so mark the list as pointer-driven until the next key press.
                  e.preventDefault()
                  listRef.current?.setAttribute('data-pointer', '')
                  listRef.current?.focus()
                }}
                onClick={(e) => onRowClick(e, row.index, item)}
              >
                {checked && (
                  <span className="article-row__check" aria-hidden="true">
                    <Icon name="check" size={12} />
                  </span>
                )}
                <div className="article-row__title-line">
                  {item.readState === 'unread' && <span className="unread-dot" role="img" aria-label={t('list.unread')} />}
                  <span className="article-row__title">{displayText(item.title) || t('list.untitled')}</span>
                </div>
                <div className="article-row__meta">
                  {item.source && <span className="article-row__source">{displayText(item.source)}</span>}
                  {item.source && date && (
                    <span className="article-row__sep" aria-hidden="true">
                      ·
                    </span>
                  )}
                  {date && <span className="article-row__date">{date}</span>}
                  {item.tags.length > 0 && (
                    <span className="article-row__tags">
                      {item.tags.slice(0, 3).map((tag) => (
                        <span key={tag} className="chip chip--small">
                          {displayText(tag)}
                        </span>
                      ))}
                      {item.tags.length > 3 && <span className="chip chip--small">+{item.tags.length - 3}</span>}
                    </span>
                  )}
                </div>
                {searching && item.snippet && (
                  <p className="article-row__snippet">
                    {parseSnippet(item.snippet).map((part, i) =>
                      part.mark ? <mark key={i}>{displayText(part.text)}</mark> : <span key={i}>{displayText(part.text)}</span>
                    )}
                  </p>
                )}
              </div>
            )
          })}
        </div>
      </div>
    </section>
  )
}
