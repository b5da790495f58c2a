// Library-wide notes view ("全部批注"): every highlight across the library, filtered by article, tag, colour,
// creation date range and text (annotations:search matches quotes and notes script-insensitively). Each
// entry opens its article scrolled to the highlight. Above them, the notes an import could not attach yet
// (their article is not in the library), each deletable with Undo.
import { useId, useState } from 'react'
import type { HighlightColor } from '@shared/anchoring/types'
import type { ArticleSummary, UnattachedNote } from '@shared/types'
import { call } from '../../api/client'
import { useDisplayText, useTextLang } from '../../app/display-text'
import { notify, reportError } from '../../app/toast-store'
import { useLibraryChanges } from '../../app/use-library-changes'
import { Icon } from '../../components/Icon'
import { useApiCall } from '../../hooks/use-api-call'
import { useDebounced } from '../../hooks/use-debounced'
import { useI18n } from '../../i18n'
import { COLOR_LABEL, COLORS } from './colors'
import { NoteMarkdown } from './NoteMarkdown'
import { useTagList } from './use-tag-list'
import './annotations.css'

const PAGE = 100
const NO_ARTICLES: ArticleSummary[] = []

interface Props {
  onOpen: (articleId: number, annotationId: number) => void
  onClose: () => void
  onExport: () => void
}

interface Filters {
  articleId: number | null
  tag: string
  colors: HighlightColor[]
  from: string
  to: string
  text: string
  /** '' everyone, ME the member's own, else a colleague's name. */
  author: string
}

// The value of the author filter meaning "my own highlights" (a colleague's name cannot be empty).
const ME = '\u0000me'

export function NotesView({ onOpen, onClose, onExport }: Props) {
  const { t, formatDate } = useI18n()
  const displayText = useDisplayText()
  const langOf = useTextLang()
  const headingId = useId()
  const tags = useTagList()
  const [articleId, setArticleId] = useState<number | null>(null)
  const [tag, setTag] = useState('')
  const [colors, setColors] = useState<HighlightColor[]>([])
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [textInput, setTextInput] = useState('')
  const [author, setAuthor] = useState('')
  const text = useDebounced(textInput.trim(), 250)
  const [limit, setLimit] = useState(PAGE)
  // An import may attach notes while the view is open.
  const changes = useLibraryChanges()

  const filters: Filters = { articleId, tag, colors, from, to, text, author }
  const key = JSON.stringify(filters)
  // A new query starts from the first page (adjusting state while rendering rather than in an effect).
  const [limitKey, setLimitKey] = useState(key)
  if (limitKey !== key) {
    setLimitKey(key)
    setLimit(PAGE)
  }

  const articles = useApiCall(() => call('articles:list', { filter: 'annotated', sort: 'title', order: 'asc', limit: 500 }), [], {
    action: 'error.action.list'
  }).data?.items ?? NO_ARTICLES

  // The previous page stays on screen (marked busy) while the next query or a longer page loads.
  const page = useApiCall(() => {
    const f = JSON.parse(key) as Filters
    return call('annotations:search', {
      ...(f.articleId !== null ? { articleId: f.articleId } : {}),
      ...(f.tag ? { tag: f.tag } : {}),
      ...(f.colors.length > 0 ? { colors: f.colors } : {}),
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
      ...(f.text ? { text: f.text } : {}),
      ...(f.author ? { author: f.author === ME ? null : f.author } : {}),
      offset: 0,
      limit
    }).then((res) => ({ key, items: res.items, total: res.total, authors: res.authors ?? [] }))
  }, [key, limit, changes]).data ?? null

  const loading = page === null || page.key !== key
  const items = page?.items ?? []
  // Shown once colleagues' layers exist (team archive); alone, every highlight is one's own.
  const authors = page?.authors ?? []
  const toggleColor = (c: HighlightColor) => setColors((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]))

  return (
    <section className="notes-view" aria-labelledby={headingId}>
      <header className="notes-view__header">
        <h2 id={headingId} className="notes-view__title">
          {t('notes.title')}
        </h2>
        <button type="button" className="button button--small" onClick={onExport}>
          {t('export.button')}
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('notes.back')}
        </button>
      </header>
      <div className="notes-view__filters" role="group" aria-label={t('notes.filters')}>
        <label className="notes-view__field notes-view__search">
          <Icon name="search" size={14} />
          <input
            type="search"
            className="notes-view__input"
            aria-label={t('notes.search')}
            placeholder={t('notes.searchPlaceholder')}
            value={textInput}
            onChange={(e) => setTextInput(e.target.value)}
          />
        </label>
        <label className="notes-view__field">
          {t('notes.article')}
          <select
            className="select select--compact"
            value={articleId ?? ''}
            onChange={(e) => setArticleId(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('notes.allArticles')}</option>
            {articles.map((a) => (
              <option key={a.id} value={a.id}>
                {displayText(a.title) || t('list.untitled')}
              </option>
            ))}
          </select>
        </label>
        <label className="notes-view__field">
          {t('notes.tag')}
          <select className="select select--compact" value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">{t('notes.allTags')}</option>
            {tags?.map((x) => (
              <option key={x.name} value={x.name}>
                {displayText(x.name)}
              </option>
            ))}
          </select>
        </label>
        {(authors.length > 0 || author) && (
          <label className="notes-view__field">
            {t('notes.author')}
            <select className="select select--compact" value={author} onChange={(e) => setAuthor(e.target.value)}>
              <option value="">{t('notes.allAuthors')}</option>
              <option value={ME}>{t('notes.mine')}</option>
              {authors.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="notes-view__field" role="group" aria-label={t('notes.colors')}>
          {t('notes.colors')}
          <span className="notes-view__colors">
            {COLORS.map((c) => (
              <button
                key={c}
                type="button"
                className={`hl-swatch hl-swatch--small hl-swatch--${c}`}
                aria-label={t(COLOR_LABEL[c])}
                title={t(COLOR_LABEL[c])}
                aria-pressed={colors.includes(c)}
                onClick={() => toggleColor(c)}
              />
            ))}
          </span>
        </span>
        <label className="notes-view__field">
          {t('notes.from')}
          <input type="date" className="notes-view__input" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="notes-view__field">
          {t('notes.to')}
          <input type="date" className="notes-view__input" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <p className="notes-view__meta" aria-live="polite">
        {page ? t('notes.count', { count: page.total }) : ''}
      </p>
      <div className="notes-view__scroll" aria-busy={loading}>
        <UnattachedNotes changes={changes} />
        {!loading && items.length === 0 && <p className="notes-view__empty">{t('notes.empty')}</p>}
        <ol className="notes-view__list" aria-label={t('notes.list')}>
          {items.map((a) => (
            <li key={a.id} className={`notes-view__item anno-card--${a.color}`}>
              <button
                type="button"
                className="notes-view__quote"
                lang={langOf(a.quote)}
                title={t('notes.openAt', { title: displayText(a.articleTitle) })}
                onClick={() => onOpen(a.articleId, a.id)}
              >
                {displayText(a.quote)}
              </button>
              {a.note && <NoteMarkdown source={displayText(a.note)} className="notes-view__note" lang={langOf(a.note)} />}
              <div className="notes-view__source">
                <span lang={langOf(a.articleTitle)}>《{displayText(a.articleTitle) || t('list.untitled')}》</span>
                {a.author && <span className="notes-view__author">{t('sync.author', { name: a.author })}</span>}
                <span>{t(COLOR_LABEL[a.color])}</span>
                <time dateTime={a.createdAt}>{formatDate(a.createdAt)}</time>
              </div>
            </li>
          ))}
        </ol>
        {page && page.key === key && page.total > items.length && (
          <button type="button" className="button" onClick={() => setLimit((n) => Math.min(500, n + PAGE))} disabled={limit >= 500}>
            {t('notes.loadMore')}
          </button>
        )}
      </div>
    </section>
  )
}

/** The file a note came from, by its name only (`…/My Clippings.txt#3` → `My Clippings.txt#3`). */
function fileName(file: string): string {
  return file.split(/[\\/]/).pop() || file
}

function UnattachedNotes({ changes }: { changes: number }) {
  const { t } = useI18n()
  const displayText = useDisplayText()
  const langOf = useTextLang()
  const headingId = useId()
  const [reloads, setReloads] = useState(0)
  const notes: UnattachedNote[] = useApiCall(() => call('annotations:unattached', {}), [changes, reloads], { action: 'error.action.unattached' }).data ?? []
  if (notes.length === 0) return null

  const remove = (id: number): void => {
    call('annotations:unattached-delete', { id })
      .then(() => {
        setReloads((n) => n + 1)
        notify('notes.unattached.deleted', undefined, {
          label: 'tags.undo',
          run: () => {
            call('annotations:unattached-restore', { id })
              .then(() => setReloads((n) => n + 1))
              .catch((e: unknown) => reportError(e, 'error.action.unattached'))
          }
        })
      })
      .catch((e: unknown) => reportError(e, 'error.action.unattached'))
  }

  return (
    <section className="notes-view__unattached" aria-labelledby={headingId}>
      <h3 id={headingId} className="notes-view__subtitle">
        {t('notes.unattached.title', { count: notes.length })}
      </h3>
      <p className="notes-view__meta">{t('notes.unattached.hint')}</p>
      <ol className="notes-view__list" aria-labelledby={headingId}>
        {notes.map((n) => (
          <li key={n.id} className="notes-view__item anno-card--yellow">
            <p className="notes-view__quote" lang={langOf(n.quote)}>
              {n.quote ? displayText(n.quote) : t('notes.unattached.noQuote')}
            </p>
            {n.note && <NoteMarkdown source={displayText(n.note)} className="notes-view__note" lang={langOf(n.note)} />}
            <div className="notes-view__source">
              {n.title && <span lang={langOf(n.title)}>{t('notes.unattached.book', { title: displayText(n.title) })}</span>}
              {n.source && <span className="notes-view__url">{n.source}</span>}
              <span>{t('notes.unattached.from', { file: fileName(n.file) })}</span>
              <button type="button" className="button button--small" aria-label={t('notes.unattached.deleteOne')} onClick={() => remove(n.id)}>
                {t('notes.unattached.delete')}
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
