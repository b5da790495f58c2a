// Right pane: the reading view for long Chinese text. Shows the cleaned text (or the verbatim original) as
// plain-text paragraphs — never article HTML — converted to the chosen script, with the byline, tags, the
// cleanup disclosure, and a per-article reading position that is saved and restored.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react'
import type { ArticleDetail, ScriptId, SourceScript } from '@shared/types'
import { call } from '../../api/client'
import { EmptyState } from '../../components/EmptyState'
import { Icon } from '../../components/Icon'
import { reportError } from '../../components/toast-store'
import { useI18n, type MessageKey } from '../../i18n'
import { useSettings } from '../settings/settings-context'
import { CleanupDisclosure } from './CleanupDisclosure'
import { splitParagraphs } from './paragraphs'
import { ReaderToolbar } from './ReaderToolbar'
import { langForScript, useConverter } from './script-loader'
import { useReadingPosition } from './use-reading-position'

interface Props {
  articleId: number | null
  scrollRef: RefObject<HTMLDivElement | null>
  onArticleChanged: (id: number, patch: { progress?: number; readState?: 'read' }) => void
}

type Load =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; id: number; attempt: number; error: unknown }
  | { status: 'ready'; id: number; attempt: number; article: ArticleDetail }

export function Reader({ articleId, scrollRef, onArticleChanged }: Props) {
  const { t } = useI18n()
  const [result, setResult] = useState<Load>({ status: 'idle' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (articleId === null) return
    let alive = true
    call('articles:get', { id: articleId }).then(
      (article) => alive && setResult({ status: 'ready', id: articleId, attempt, article }),
      (error: unknown) => {
        if (!alive) return
        setResult({ status: 'error', id: articleId, attempt, error })
        reportError(error, 'error.action.load')
      }
    )
    return () => {
      alive = false
    }
  }, [articleId, attempt])

  // What to show follows from the request: an answer for another article or attempt means "loading".
  const load: Load =
    articleId === null
      ? { status: 'idle' }
      : result.status !== 'idle' && result.status !== 'loading' && result.id === articleId && result.attempt === attempt
        ? result
        : { status: 'loading' }

  if (load.status === 'idle') {
    return (
      <section className="reader-pane" aria-label={t('reader.label')}>
        <EmptyState icon="book" title={t('reader.empty.title')} body={t('reader.empty.body')} />
      </section>
    )
  }
  if (load.status === 'error') {
    return (
      <section className="reader-pane" aria-label={t('reader.label')}>
        <EmptyState icon="book" title={t('reader.error')} body={load.error instanceof Error ? load.error.message : String(load.error)}>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('action.retry')}
          </button>
        </EmptyState>
      </section>
    )
  }
  if (load.status === 'loading') {
    return (
      <section className="reader-pane" aria-label={t('reader.label')} aria-busy="true">
        <div className="reader-pane__loading">{t('reader.loading')}</div>
      </section>
    )
  }
  return <ArticleView key={load.article.id} initial={load.article} scrollRef={scrollRef} onArticleChanged={onArticleChanged} />
}

function ArticleView({
  initial,
  scrollRef,
  onArticleChanged
}: {
  initial: ArticleDetail
  scrollRef: RefObject<HTMLDivElement | null>
  onArticleChanged: Props['onArticleChanged']
}) {
  const { t, formatDate, scriptLabel } = useI18n()
  const { settings } = useSettings()
  const [article, setArticle] = useState(initial)
  const bodyRef = useRef<HTMLDivElement>(null)
  const titleId = useId()

  const shownScript: ScriptId = article.scriptOverride ?? settings.script
  const from: SourceScript | 'auto' = article.sourceScript ?? 'auto'
  const converter = useConverter(shownScript, from)
  const ready = converter.status !== 'loading'
  useEffect(() => {
    if (converter.status === 'error') reportError(converter.error, 'error.action.load')
  }, [converter])
  const display = useCallback(
    (text: string) => (converter.status === 'ready' ? converter.converter.convert(text) : text),
    [converter]
  )

  const shownText = article.useOriginal ? article.rawText : article.text
  const paragraphs = useMemo(() => splitParagraphs(shownText, article.useOriginal), [shownText, article.useOriginal])
  const converted = useMemo(
    () => (ready ? paragraphs.map((p) => ({ start: p.start, text: display(p.text) })) : []),
    [paragraphs, display, ready]
  )
  const lang = langForScript(shownScript, article.sourceScript)

  useReadingPosition({
    scrollRef,
    bodyRef,
    articleId: article.id,
    viewKey: article.useOriginal ? 'original' : 'cleaned',
    initialPosition: article.readingPosition,
    alreadyRead: article.readState === 'read',
    ready,
    onSaved: (patch) => onArticleChanged(article.id, patch)
  })

  const setView = (patch: { useOriginal?: boolean; scriptOverride?: ScriptId | null }) => {
    const before = article
    // Switching between cleaned and original changes what the saved offset means: start from the top.
    const next = { ...article, ...patch, ...(patch.useOriginal !== undefined ? { readingPosition: 0 } : {}) }
    setArticle(next)
    call('articles:setView', { id: article.id, ...patch }).catch((e: unknown) => {
      reportError(e, 'error.action.save')
      setArticle(before)
    })
  }

  const sourceLabel = t('reader.sourceScript', {
    label: article.sourceScript ? scriptLabel(article.sourceScript) : t('reader.sourceScript.unknown')
  })

  const byline: { key: MessageKey; value: string }[] = []
  if (article.source) byline.push({ key: 'reader.source', value: display(article.source) })
  if (article.author) byline.push({ key: 'reader.author', value: display(article.author) })
  if (article.editor) byline.push({ key: 'reader.editor', value: display(article.editor) })
  if (article.publishedAt) byline.push({ key: 'reader.published', value: formatDate(article.publishedAt) })
  byline.push({ key: 'reader.imported', value: formatDate(article.importedAt) })

  return (
    <section className="reader-pane" aria-label={t('reader.label')}>
      <ReaderToolbar
        useOriginal={article.useOriginal}
        onUseOriginal={(useOriginal) => useOriginal !== article.useOriginal && setView({ useOriginal })}
        scriptOverride={article.scriptOverride}
        onScriptOverride={(scriptOverride) => setView({ scriptOverride })}
        sourceScriptLabel={sourceLabel}
        busy={!ready}
      />
      <div className="reader-scroll" ref={scrollRef} tabIndex={-1}>
        <article className={`reader${article.useOriginal ? ' reader--original' : ''}`} aria-labelledby={titleId} aria-busy={!ready}>
          <header className="reader__header">
            <h1 id={titleId} className="reader__title" lang={lang}>
              {display(article.title) || t('list.untitled')}
            </h1>
            <dl className="reader__byline">
              {byline.map((b) => (
                <div key={b.key} className="reader__byline-item">
                  <dt>{t(b.key)}</dt>
                  <dd>{b.value}</dd>
                </div>
              ))}
            </dl>
            {article.tags.length > 0 && (
              <ul className="reader__tags" aria-label={t('reader.tags')}>
                {article.tags.map((tag) => (
                  <li key={tag} className="chip">
                    {display(tag)}
                  </li>
                ))}
              </ul>
            )}
            {article.url && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  if (article.url) call('shell:openExternal', { url: article.url }).catch((e: unknown) => reportError(e))
                }}
              >
                <Icon name="link" size={14} />
                {t('reader.openExternal')}
              </button>
            )}
            {!article.useOriginal && <CleanupDisclosure removed={article.removed} display={display} />}
            {article.useOriginal && <p className="reader__note">{t('reader.originalNote', { format: article.rawFormat })}</p>}
          </header>

          <div ref={bodyRef} className={article.useOriginal ? 'reader__raw' : 'reader__body'} lang={lang}>
            {!ready && <p className="reader__converting">{t('reader.converting')}</p>}
            {ready && converted.length === 0 && <p className="reader__note">{t('reader.emptyBody')}</p>}
            {ready &&
              (article.useOriginal
                ? converted.map((p) => (
                    <div key={p.start} data-offset={p.start} className="reader__raw-line">
                      {p.text}
                    </div>
                  ))
                : converted.map((p) => (
                    <p key={p.start} data-offset={p.start}>
                      {p.text}
                    </p>
                  )))}
          </div>
        </article>
      </div>
    </section>
  )
}
