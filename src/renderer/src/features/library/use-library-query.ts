// Everything that shapes the article list query: read-state section, tag filter (AND/OR/NOT), search text
// (debounced), date range, source and sort. While a search is active the sort defaults to relevance; the
// sort chosen before the search comes back when the search is cleared.
import { useMemo, useState, type Dispatch, type SetStateAction } from 'react'
import type { ListFilter, ListSort } from '@shared/types'
import { useDebounced } from '../../hooks/use-debounced'
import { EMPTY_TAG_FILTER, isTagFilterEmpty, tagFilterParams, type TagFilter } from '../tags/tag-filter'
import type { ListParams } from './use-article-list'

export const DEFAULT_ORDER: Record<ListSort, 'asc' | 'desc'> = { relevance: 'asc', imported: 'desc', published: 'desc', title: 'asc', source: 'asc' }

export interface RangeFilter {
  /** yyyy-mm-dd (inclusive), or '' for none. */
  dateFrom: string
  dateTo: string
  /** Exact source name, or '' for any. */
  source: string
}

export const EMPTY_RANGE: RangeFilter = { dateFrom: '', dateTo: '', source: '' }

interface SortState {
  sort: ListSort
  order: 'asc' | 'desc'
  searching: boolean
  /** The sort in force when the current search started. */
  saved: { sort: ListSort; order: 'asc' | 'desc' } | null
}

export interface LibraryQuery {
  filter: ListFilter
  setFilter: (filter: ListFilter) => void
  tagFilter: TagFilter
  setTagFilter: Dispatch<SetStateAction<TagFilter>>
  searchInput: string
  setSearchInput: (value: string) => void
  /** The debounced, trimmed search text ('' when not searching). */
  search: string
  range: RangeFilter
  setRange: Dispatch<SetStateAction<RangeFilter>>
  sort: ListSort
  order: 'asc' | 'desc'
  setSort: (sort: ListSort) => void
  toggleOrder: () => void
  params: ListParams
  /** Changes exactly when the query does (selection, cursor and scroll position start over then). */
  key: string
  hasFilters: boolean
  clearFilters: () => void
}

export function useLibraryQuery(): LibraryQuery {
  const [filter, setFilter] = useState<ListFilter>('all')
  const [tagFilter, setTagFilter] = useState<TagFilter>(EMPTY_TAG_FILTER)
  const [searchInput, setSearchInput] = useState('')
  const search = useDebounced(searchInput.trim(), 250)
  const [range, setRange] = useState<RangeFilter>(EMPTY_RANGE)
  // The source is typed: one query per pause, like the search text.
  const source = useDebounced(range.source.trim(), 300)
  const [sortState, setSortState] = useState<SortState>({ sort: 'imported', order: 'desc', searching: false, saved: null })

  // Entering or leaving a search switches the sort (adjusting state while rendering, not in an effect).
  const searching = search !== ''
  let current = sortState
  if (sortState.searching !== searching) {
    current = searching
      ? { sort: 'relevance', order: 'asc', searching, saved: { sort: sortState.sort, order: sortState.order } }
      : { ...(sortState.saved ?? { sort: 'imported', order: 'desc' }), searching, saved: null }
    setSortState(current)
  }
  const sort: ListSort = current.sort === 'relevance' && !searching ? 'imported' : current.sort
  const order = current.order

  const params = useMemo<ListParams>(
    () => ({
      sort,
      order,
      filter,
      ...(search ? { search } : {}),
      ...tagFilterParams(tagFilter),
      ...(source ? { source } : {}),
      ...(range.dateFrom ? { dateFrom: range.dateFrom } : {}),
      ...(range.dateTo ? { dateTo: range.dateTo } : {})
    }),
    [sort, order, filter, search, tagFilter, source, range.dateFrom, range.dateTo]
  )

  const hasFilters = filter !== 'all' || !isTagFilterEmpty(tagFilter) || search !== '' || range.source !== '' || range.dateFrom !== '' || range.dateTo !== ''

  return {
    filter,
    setFilter,
    tagFilter,
    setTagFilter,
    searchInput,
    setSearchInput,
    search,
    range,
    setRange,
    sort,
    order,
    setSort: (s) => setSortState((st) => ({ ...st, sort: s, order: DEFAULT_ORDER[s] })),
    toggleOrder: () => setSortState((st) => ({ ...st, order: st.order === 'asc' ? 'desc' : 'asc' })),
    params,
    key: JSON.stringify(params),
    hasFilters,
    clearFilters: () => {
      setFilter('all')
      setTagFilter(EMPTY_TAG_FILTER)
      setSearchInput('')
      setRange(EMPTY_RANGE)
    }
  }
}
