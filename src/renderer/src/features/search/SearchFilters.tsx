// Date range and source filter for the article list (combined with the search text, the tag chips and the
// read-state section). Dates compare with the published date, or the import date when there is none; the
// source must match exactly, with the sources of the loaded results offered as suggestions.
import { useId, type Dispatch, type SetStateAction } from 'react'
import type { ListFilter } from '@shared/types'
import { DisplayDatalist } from '../../components/DisplayDatalist'
import { useI18n } from '../../i18n'
import { EMPTY_RANGE, type RangeFilter } from '../library/use-library-query'
import './search.css'

interface Props {
  range: RangeFilter
  onRange: Dispatch<SetStateAction<RangeFilter>>
  filter: ListFilter
  onFilter: (filter: ListFilter) => void
  /** Sources seen in the loaded rows, for the source suggestions. */
  sources: string[]
}

export function rangeActiveCount(range: RangeFilter): number {
  return (range.dateFrom ? 1 : 0) + (range.dateTo ? 1 : 0) + (range.source ? 1 : 0)
}

export function SearchFilters({ range, onRange, filter, onFilter, sources }: Props) {
  const { t } = useI18n()
  const listId = useId()
  return (
    <div className="search-filters" role="group" aria-label={t('search.filters')}>
      <label className="search-filters__field">
        <span>{t('search.dateFrom')}</span>
        <input
          type="date"
          className="text-input text-input--compact"
          value={range.dateFrom}
          max={range.dateTo || undefined}
          onChange={(e) => onRange((r) => ({ ...r, dateFrom: e.target.value }))}
        />
      </label>
      <label className="search-filters__field">
        <span>{t('search.dateTo')}</span>
        <input
          type="date"
          className="text-input text-input--compact"
          value={range.dateTo}
          min={range.dateFrom || undefined}
          onChange={(e) => onRange((r) => ({ ...r, dateTo: e.target.value }))}
        />
      </label>
      <label className="search-filters__field search-filters__field--wide">
        <span>{t('search.source')}</span>
        <input
          type="text"
          className="text-input text-input--compact"
          list={listId}
          placeholder={t('search.sourcePlaceholder')}
          value={range.source}
          maxLength={500}
          onChange={(e) => onRange((r) => ({ ...r, source: e.target.value }))}
        />
        <DisplayDatalist id={listId} values={sources} />
      </label>
      <label className="search-filters__field">
        <span>{t('search.readState')}</span>
        <select className="select select--compact" value={filter} onChange={(e) => onFilter(e.target.value as ListFilter)}>
          <option value="all">{t('filter.all')}</option>
          <option value="unread">{t('filter.unread')}</option>
          <option value="read">{t('filter.read')}</option>
          <option value="annotated">{t('filter.annotated')}</option>
        </select>
      </label>
      {rangeActiveCount(range) > 0 && (
        <button type="button" className="link-button search-filters__reset" onClick={() => onRange(EMPTY_RANGE)}>
          {t('search.resetRange')}
        </button>
      )}
    </div>
  )
}
