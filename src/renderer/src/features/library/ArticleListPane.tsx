// Middle pane: search box, sort controls, the active filters (tag chips, date range, source) and the
// virtualised article list (a listbox that keeps focus while ↑/↓ move the active option, so 100,000 rows cost
// only the ~20 that are on screen). Ctrl/Cmd-click, Shift-click, X and Shift+↑/↓ pick several articles
// (aria-checked) for the bulk tag actions.
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { LIST_SORT_COLUMNS, type ListSort } from '@shared/types'
import { EmptyState } from '../../components/EmptyState'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import { rangeActiveCount, SearchFilters } from '../search/SearchFilters'
import { BulkTagDialog, type BulkTagRequest } from '../tags/BulkTagDialog'
import { TagFilterChips } from '../tags/TagFilterChips'
import { findTerms } from '../reader/find'
import { ArticleRow, ArticleRowSkeleton } from './ArticleRow'
import type { ArticleList } from './use-article-list'
import type { LibraryQuery } from './use-library-query'
import type { ListCursor } from './use-list-cursor'
import { useListSelection } from './use-list-selection'
import './list-tools.css'

// Room for a two-line title.
const ROW_HEIGHT = 90
const ROW_HEIGHT_WITH_SNIPPET = 134
/** Source suggestions offered in the filters panel, at most. */
const MAX_SOURCES = 200

interface Props {
  list: ArticleList
  query: LibraryQuery
  cursor: ListCursor
  /** The search box, focused by the "/" shortcut. */
  searchRef: RefObject<HTMLInputElement | null>
  openId: number | null
  onOpen: (id: number) => void
  onImport: () => void
  /** Opens the export dialog for the articles checked in the list. */
  onExportSelected: (ids: number[]) => void
}

export function ArticleListPane({ list, query, cursor, searchRef, openId, onOpen, onImport, onExportSelected }: Props) {
  const { t } = useI18n()
  const { activeIndex, setActiveIndex } = cursor
  const listRef = useRef<HTMLDivElement>(null)
  const total = list.total ?? 0
  const searching = query.search !== ''
  const rowHeight = searching ? ROW_HEIGHT_WITH_SNIPPET : ROW_HEIGHT
  const terms = searching ? findTerms(query.search) : []

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
  }, [query.key, virtualizer])

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

  const selection = useListSelection(list, query.key, activeIndex)
  const { selected, anchor } = selection
  const [bulk, setBulk] = useState<BulkTagRequest | null>(null)
  const [filtersOpen, setFiltersOpen] = useState(false)

  const openBulk = (mode: 'add' | 'remove') => {
    const present = new Set<string>()
    if (mode === 'remove') for (const item of list.loadedItems()) if (selected.has(item.id)) for (const tag of item.tags) present.add(tag)
    setBulk({ mode, articleIds: [...selected], present: [...present].sort() })
  }

  const onRowClick = (e: MouseEvent, index: number, id: number) => {
    if (e.ctrlKey || e.metaKey) selection.toggle(index)
    else if (e.shiftKey) void selection.checkRange(anchor, index)
    else {
      if (selected.size > 0) selection.clear()
      onOpen(id)
    }
    setActiveIndex(index)
  }

  const onRowMouseDown = (e: MouseEvent) => {
    // Keep focus on the listbox so the keyboard continues from the clicked row; the row's focus ring is for
    // keyboard users, so mark the list as pointer-driven until the next key press.
    e.preventDefault()
    listRef.current?.setAttribute('data-pointer', '')
    listRef.current?.focus({ preventScroll: true })
  }

  /** Moves focus from the search box to the list, activating the first row if none is. */
  const enterList = () => {
    if (activeIndex < 0 && total > 0) setActiveIndex(0)
    listRef.current?.focus()
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    e.currentTarget.removeAttribute('data-pointer')
    if (e.altKey || e.metaKey || e.ctrlKey || total === 0) return
    const move = (to: number) => {
      e.preventDefault()
      const index = Math.max(0, Math.min(total - 1, to))
      if (e.shiftKey) void selection.checkRange(anchor < 0 ? Math.max(0, activeIndex) : anchor, index)
      setActiveIndex(index)
    }
    switch (e.key) {
      case 'x':
      case 'X':
        e.preventDefault()
        return selection.toggle(Math.max(0, activeIndex))
      case 'Escape':
        if (selected.size > 0) {
          e.preventDefault()
          selection.clear()
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
          onOpen(item.id)
        }
        return
      }
    }
  }

  const activeItem = activeIndex >= 0 ? list.getItem(activeIndex) : undefined
  const filtersActive = rangeActiveCount(query.range)
  const sources = [...new Set(list.loadedItems().flatMap((x) => (x.source ? [x.source] : [])))].slice(0, MAX_SOURCES)
  const orderLabel = t(query.order === 'asc' ? 'list.order.asc' : 'list.order.desc')

  return (
    <section className="list-pane" aria-label={t('list.label')}>
      <div className="list-pane__toolbar">
        <div className="search">
          <Icon name="search" />
          <input
            ref={searchRef}
            type="search"
            className="search__input"
            aria-label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            value={query.searchInput}
            onChange={(e) => query.setSearchInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                // Leave the search box for the list and keep the query (the field's × button clears it).
                e.preventDefault()
                if (total > 0) enterList()
                else e.currentTarget.blur()
              } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault()
                enterList()
              }
            }}
          />
        </div>
        <div className="list-pane__meta">
          <span className="list-pane__count" aria-live="polite">
            {list.total === null ? '\u00a0' : t(list.totalApprox ? 'list.countApprox' : 'list.count', { count: list.total })}
          </span>
          <span className="list-pane__spacer" />
          <button
            type="button"
            className={`button button--small list-pane__filters-toggle${filtersOpen ? ' is-open' : ''}`}
            aria-expanded={filtersOpen}
            aria-label={filtersActive ? `${t('list.filters')}（${filtersActive}）` : t('list.filters')}
            onClick={() => setFiltersOpen((o) => !o)}
          >
            {t('list.filters')}
            {filtersActive ? <span className="list-pane__badge">{filtersActive}</span> : null}
          </button>
          <select className="select select--compact" aria-label={t('list.sort')} value={query.sort} onChange={(e) => query.setSort(e.target.value as ListSort)}>
            {searching && <option value="relevance">{t('list.sort.relevance')}</option>}
            {LIST_SORT_COLUMNS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`list.sort.${sort}`)}
              </option>
            ))}
          </select>
          <button type="button" className="icon-button" aria-label={`${t('list.toggleOrder')}: ${orderLabel}`} title={orderLabel} onClick={query.toggleOrder}>
            <Icon name={query.order === 'asc' ? 'arrowUp' : 'arrowDown'} />
          </button>
        </div>
        <TagFilterChips filter={query.tagFilter} onFilter={query.setTagFilter} />
        {filtersOpen && (
          <SearchFilters range={query.range} onRange={query.setRange} filter={query.filter} onFilter={query.setFilter} sources={sources} />
        )}
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
              <button type="button" className="button button--small" onClick={() => onExportSelected([...selected])}>
                {t('list.bulk.export')}
              </button>
            </span>
            <button type="button" className="icon-button bulk-bar__clear" aria-label={t('list.bulk.clear')} title={t('list.bulk.clear')} onClick={selection.clear}>
              <Icon name="close" />
            </button>
          </div>
        )}
      </div>
      <BulkTagDialog request={bulk} onClose={() => setBulk(null)} />

      {list.total === 0 ? (
        query.hasFilters ? (
          <EmptyState icon="search" title={t('list.noResults.title')} body={t('list.noResults.body')}>
            <button type="button" className="button" onClick={query.clearFilters}>
              {t('list.clearFilters')}
            </button>
          </EmptyState>
        ) : (
          <EmptyState icon="inbox" title={t('list.empty.title')} body={t('list.empty.body')}>
            <button type="button" className="button button--primary" onClick={onImport}>
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
        onFocus={(e) => {
          // Tabbing in with no active row starts at the first row on screen. A click focuses the list too
          // (mousedown): activating a row then would scroll the list away from under the pointer before the
          // click lands, so the clicked row alone becomes active.
          if (activeIndex < 0 && total > 0 && !e.currentTarget.hasAttribute('data-pointer')) setActiveIndex(virtualizer.range?.startIndex ?? 0)
        }}
      >
        <div className="article-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((row) => {
            const item = list.getItem(row.index)
            const style = { transform: `translateY(${row.start}px)`, height: row.size }
            if (!item) return <ArticleRowSkeleton key={`loading-${row.index}`} style={style} />
            return (
              <ArticleRow
                key={item.id}
                item={item}
                index={row.index}
                total={total}
                style={style}
                active={row.index === activeIndex}
                open={item.id === openId}
                checked={selected.size > 0 ? selected.has(item.id) : undefined}
                searching={searching}
                terms={terms}
                onMouseDown={onRowMouseDown}
                onClick={(e) => onRowClick(e, row.index, item.id)}
              />
            )
          })}
        </div>
      </div>
    </section>
  )
}
