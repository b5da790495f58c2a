// One option of the virtualised article list: unread dot, title, source · date, up to three tags and, while
// searching, the snippet with its matches marked — all in the display script. A row not loaded yet is a
// skeleton hidden from assistive technology.
import type { CSSProperties, MouseEvent } from 'react'
import type { ArticleSummary } from '@shared/types'
import { useDisplayText, useTextLang } from '../../app/display-text'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import { markParts } from '../reader/find'
import { parseSnippet } from './snippet'

const SHOWN_TAGS = 3

export function ArticleRowSkeleton({ style }: { style: CSSProperties }) {
  return (
    <div className="article-row article-row--loading" style={style} aria-hidden="true">
      <span className="skeleton skeleton--title" />
      <span className="skeleton skeleton--meta" />
    </div>
  )
}

interface Props {
  item: ArticleSummary
  index: number
  total: number
  style: CSSProperties
  active: boolean
  open: boolean
  /** Whether the row is checked; undefined while nothing is (then rows carry no aria-checked). */
  checked: boolean | undefined
  searching: boolean
  /** The search's terms, marked in the title. */
  terms: readonly string[]
  onMouseDown: (e: MouseEvent) => void
  onClick: (e: MouseEvent) => void
}

export function ArticleRow({ item, index, total, style, active, open, checked, searching, terms, onMouseDown, onClick }: Props) {
  const { t, formatDate } = useI18n()
  const display = useDisplayText()
  // Article text carries the lang of its script (a Chinese title in the English UI is not English).
  const langOf = useTextLang()
  const lang = (text: string) => langOf(text, item.sourceScript)
  // Labelled, since a row without a publication date shows when it was imported instead.
  const date = item.publishedAt
    ? { label: t('reader.published'), iso: item.publishedAt }
    : { label: t('reader.imported'), iso: item.importedAt }
  const dateText = formatDate(date.iso)
  const unread = item.readState === 'unread'
  return (
    <div
      id={`article-option-${item.id}`}
      role="option"
      aria-selected={active}
      aria-checked={checked}
      aria-current={open ? 'true' : undefined}
      aria-setsize={total}
      aria-posinset={index + 1}
      className={`article-row${unread ? ' article-row--unread' : ''}${open ? ' article-row--open' : ''}${checked ? ' article-row--checked' : ''}`}
      style={style}
      onMouseDown={onMouseDown}
      onClick={onClick}
    >
      {checked && (
        <span className="article-row__check" aria-hidden="true">
          <Icon name="check" size={12} />
        </span>
      )}
      <div className="article-row__title-line">
        {unread && <span className="unread-dot" role="img" aria-label={t('list.unread')} />}
        <span className="article-row__title" lang={item.title ? lang(item.title) : undefined}>
          {item.title
            ? markParts(display(item.title), terms).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))
            : t('list.untitled')}
        </span>
      </div>
      <div className="article-row__meta">
        {item.source && <span className="article-row__source" lang={lang(item.source)}>
            {display(item.source)}
          </span>}
        {item.source && dateText && (
          <span className="article-row__sep" aria-hidden="true">
            ·
          </span>
        )}
        {dateText && (
          <span className="article-row__date">
            {date.label} <time dateTime={date.iso}>{dateText}</time>
          </span>
        )}
        {item.tags.length > 0 && (
          <span className="article-row__tags">
            {item.tags.slice(0, SHOWN_TAGS).map((tag) => (
              <span key={tag} className="chip chip--small" lang={langOf(tag)}>
                {display(tag)}
              </span>
            ))}
            {item.tags.length > SHOWN_TAGS && <span className="chip chip--small">+{item.tags.length - SHOWN_TAGS}</span>}
          </span>
        )}
        {!!item.proofreadFindings && (
          <span className="article-row__proof" title={t('list.proofreadFindings', { count: item.proofreadFindings })}>
            {t('list.proofreadFindings', { count: item.proofreadFindings })}
          </span>
        )}
      </div>
      {searching && item.snippet && (
        <p className="article-row__snippet" lang={lang(item.snippet)}>
          {parseSnippet(item.snippet).map((part, i) =>
            part.mark ? <mark key={i}>{display(part.text)}</mark> : <span key={i}>{display(part.text)}</span>
          )}
        </p>
      )}
    </div>
  )
}
