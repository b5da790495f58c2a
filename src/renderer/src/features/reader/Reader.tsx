// Right pane: the reading view for long Chinese text. Shows the cleaned text (or it with the accepted
// proofreading fixes, or the verbatim original) as
// plain-text paragraphs — never article HTML — converted to the chosen script, with the byline, tags, the
// cleanup disclosure, and a per-article reading position that is saved and restored. The highlight layer
// (features/annotations) paints highlights into the paragraphs, turns selections into new highlights and
// shows the annotation panel on the right; the Proofread panel takes its place when opened.
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react'
import type { TextKind } from '@shared/anchoring/types'
import type { ArticleDetail, ProofreadItem, ScriptId, SourceScript } from '@shared/types'
import { call } from '../../api/client'
import { DisplayTextProvider, useConverterDisplay } from '../../app/display-text'
import { EmptyState } from '../../components/EmptyState'
import { Icon } from '../../components/Icon'
import { reportError } from '../../app/toast-store'
import { TagEditor } from '../tags/TagEditor'
import { useI18n, type MessageKey } from '../../i18n'
import { useSettings } from '../settings/settings-context'
import { AnnotationSidebar } from '../annotations/AnnotationSidebar'
import { HighlightedParagraph } from '../annotations/HighlightedParagraph'
import { identityMap, paragraphAt, type ViewParagraph } from '../annotations/ranges'
import { SelectionPopover } from '../annotations/SelectionPopover'
import { useAnnotations } from '../annotations/use-annotations'
import { useHighlightInteraction } from '../annotations/use-highlight-interaction'
import { useApiCall } from '../../hooks/use-api-call'
import '../annotations/annotations.css'
import { Discussion } from '../discussion/Discussion'
import { CleanupDisclosure } from './CleanupDisclosure'
import { FindBar, rangeIn, useFindInArticle } from './FindBar'
import { splitParagraphs } from './paragraphs'
import { ReaderToolbar, type ReaderView } from './ReaderToolbar'
import { composeMaps, correctWithMap, fixesByParagraph } from '../proofread/corrected'
import { ProofreadPanel } from '../proofread/ProofreadPanel'
import { useProofread } from '../proofread/use-proofread'
import { langForScript, useConverter } from '../../app/script-loader'
import { useReadingPosition } from './use-reading-position'

interface Props {
  articleId: number | null
  scrollRef: RefObject<HTMLDivElement | null>
  onArticleChanged: (id: number, patch: { progress?: number; readState?: 'read' }) => void
  /** Opens the export dialog. */
  onExport: () => void
  /** A highlight to scroll to and flash once the article is shown (from the notes view); token makes repeats count. */
  focus?: { annotationId: number; token: number } | null
  focusMode: boolean
  onFocusMode: () => void
  /** The list search the article was opened from: its terms are found and the first one scrolled to. */
  findQuery: string | null
}

export function Reader({ articleId, scrollRef, onArticleChanged, onExport, focus, focusMode, onFocusMode, findQuery }: Props) {
  const { t } = useI18n()
  const load = useApiCall(articleId === null ? null : () => call('articles:get', { id: articleId }), [articleId])

  if (articleId === null) {
    return (
      <main className="reader-pane" aria-label={t('reader.label')}>
        <EmptyState icon="book" title={t('reader.empty.title')} body={t('reader.empty.body')} />
      </main>
    )
  }
  if (!load.loading && load.error !== null) {
    return (
      <main className="reader-pane" aria-label={t('reader.label')}>
        <EmptyState icon="book" title={t('reader.error')} body={load.error instanceof Error ? load.error.message : String(load.error)}>
          <button type="button" className="button" onClick={load.reload}>
            {t('action.retry')}
          </button>
        </EmptyState>
      </main>
    )
  }
  if (load.loading || !load.data) {
    return (
      <main className="reader-pane" aria-label={t('reader.label')} aria-busy="true">
        <div className="reader-pane__loading">{t('reader.loading')}</div>
      </main>
    )
  }
  return (
    <ArticleView
      key={load.data.id}
      initial={load.data}
      scrollRef={scrollRef}
      onArticleChanged={onArticleChanged}
      onExport={onExport}
      focus={focus ?? null}
      focusMode={focusMode}
      onFocusMode={onFocusMode}
      findQuery={findQuery}
    />
  )
}

function ArticleView({
  initial,
  scrollRef,
  onArticleChanged,
  onExport,
  focus,
  focusMode,
  onFocusMode,
  findQuery
}: {
  initial: ArticleDetail
  scrollRef: RefObject<HTMLDivElement | null>
  onArticleChanged: Props['onArticleChanged']
  onExport: () => void
  focus: { annotationId: number; token: number } | null
  focusMode: boolean
  onFocusMode: () => void
  findQuery: string | null
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
  // Everything inside the reader (tags, cleanup notes, the annotation panel) shows this article's script.
  const display = useConverterDisplay(converter)

  // Corrected is a view over the cleaned text (not stored: offsets, highlights and the reading position
  // stay those of the cleaned text), so it is this session's choice, not saved with the article.
  const [corrected, setCorrected] = useState(false)
  const view: ReaderView = article.useOriginal ? 'original' : corrected ? 'corrected' : 'cleaned'
  const [proofOpen, setProofOpen] = useState(false)
  const proofreading = useProofread(article.id, proofOpen || view === 'corrected')
  const [currentFinding, setCurrentFinding] = useState<ProofreadItem | null>(null)

  const shownText = article.useOriginal ? article.rawText : article.text
  const textKind: TextKind = article.useOriginal ? 'original' : 'clean'
  const paragraphs = useMemo(() => splitParagraphs(shownText, article.useOriginal), [shownText, article.useOriginal])
  const fixes = useMemo(
    () => (view === 'corrected' && proofreading.data ? fixesByParagraph(paragraphs, proofreading.data.items) : null),
    [view, proofreading.data, paragraphs]
  )
  // Each paragraph is converted on its own with its offset map (local offsets), so a DOM position inside a
  // paragraph maps to the stored text without a whole-text map. In the corrected view the paragraph is
  // corrected first and the two maps are composed.
  const converted = useMemo<ViewParagraph[]>(() => {
    if (!ready) return []
    return paragraphs.map((p, i) => {
      const fixed = fixes?.[i]?.length ? correctWithMap(p.text, fixes[i]) : null
      const base = fixed ? fixed.text : p.text
      if (converter.status === 'ready') {
        const { text, map } = converter.converter.convertWithMap(base)
        return { start: p.start, storedText: p.text, text, map: fixed ? composeMaps(fixed.map, map) : map }
      }
      return { start: p.start, storedText: p.text, text: base, map: fixed ? fixed.map : identityMap(p.text.length) }
    })
  }, [paragraphs, converter, ready, fixes])
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

  const annotations = useAnnotations(article.id, textKind, shownText)
  const highlights = useHighlightInteraction({ annotations, paragraphs: converted, bodyRef, scrollRef, ready, focus, showColleagues: settings.colleagueLayers })
  const find = useFindInArticle({ paragraphs: converted, bodyRef, initialQuery: findQuery })

  // The finding chosen in the Proofread panel: marked with the Custom Highlight API and scrolled to.
  useEffect(() => {
    const body = bodyRef.current
    const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined
    if (!body || !registry || !currentFinding || article.useOriginal || converted.length === 0) return
    const i = paragraphAt(converted, currentFinding.start)
    const p = converted[i] as ViewParagraph
    const [start, end] = p.map.toViewRange(currentFinding.start - p.start, currentFinding.end - p.start)
    const el = body.querySelectorAll('[data-index]')[i]
    // An empty range (an insertion) is widened to the character after it, so there is something to see.
    const range = el ? rangeIn(el, { start, end: Math.max(end, Math.min(start + 1, p.text.length)) }) : null
    if (!range) return
    registry.set('proofread-current', new Highlight(range))
    const rect = range.getBoundingClientRect()
    const scroller = scrollRef.current
    const box = scroller?.getBoundingClientRect()
    if (scroller && box && (rect.top < box.top + 40 || rect.bottom > box.bottom - 40)) scroller.scrollTop += rect.top - box.top - box.height / 3
    return () => {
      registry.delete('proofread-current')
    }
  }, [currentFinding, converted, article.useOriginal, scrollRef])

  const setView = (patch: { useOriginal?: boolean; scriptOverride?: ScriptId | null }) => {
    const before = article
    // Switching between cleaned and original changes what the saved offset means: start from the top.
    const next = { ...article, ...patch, ...(patch.useOriginal !== undefined ? { readingPosition: 0 } : {}) }
    setArticle(next)
    highlights.closePopover()
    call('articles:setView', { id: article.id, ...patch }).catch((e: unknown) => {
      reportError(e, 'error.action.save')
      setArticle(before)
    })
  }

  const onView = (next: ReaderView) => {
    setCorrected(next === 'corrected')
    if ((next === 'original') !== article.useOriginal) setView({ useOriginal: next === 'original' })
  }
  const goToFinding = (item: ProofreadItem) => {
    // Findings are on the cleaned text: from the original, show the cleaned text first.
    if (article.useOriginal) onView('cleaned')
    setCurrentFinding(item)
  }

  const sourceLabel = t('reader.sourceScript', {
    label: article.sourceScript ? scriptLabel(article.sourceScript) : t('reader.sourceScript.unknown')
  })

  // Names are article text (lang of the article's script); dates are UI text.
  const byline: { key: MessageKey; value: string; text?: true }[] = []
  if (article.source) byline.push({ key: 'reader.source', value: display(article.source), text: true })
  if (article.author) byline.push({ key: 'reader.author', value: display(article.author), text: true })
  if (article.editor) byline.push({ key: 'reader.editor', value: display(article.editor), text: true })
  if (article.publishedAt) byline.push({ key: 'reader.published', value: formatDate(article.publishedAt) })
  byline.push({ key: 'reader.imported', value: formatDate(article.importedAt) })

  return (
    <DisplayTextProvider display={display} script={shownScript}>
      <main className="reader-pane" aria-label={t('reader.label')}>
        <ReaderToolbar
          view={view}
          onView={onView}
          correctedAvailable={proofreading.data?.items.some((i) => i.decision === 'accepted') ?? false}
          scriptOverride={article.scriptOverride}
          onScriptOverride={(scriptOverride) => setView({ scriptOverride })}
          sourceScriptLabel={sourceLabel}
          busy={!ready}
          annotationsOpen={highlights.panelOpen}
          onAnnotationsOpen={(open) => {
            // One side panel at a time: two would leave the text too narrow.
            if (open) setProofOpen(false)
            highlights.togglePanel(open)
          }}
          annotationCount={annotations.items.length}
          onExport={onExport}
          focusMode={focusMode}
          onFocusMode={onFocusMode}
        />
        <FindBar find={find} onClosed={() => scrollRef.current?.focus()} />
        <div className="reader-main">
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
                      <dd lang={b.text ? lang : undefined}>{b.value}</dd>
                    </div>
                  ))}
                </dl>
                <TagEditor articleId={article.id} tags={article.tags} />
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
                {/* In the header, not the toolbar: the toolbar is full at common widths (it would fold). */}
                <button
                  type="button"
                  className="link-button proof-toggle"
                  aria-pressed={proofOpen && !highlights.panelOpen}
                  onClick={() => {
                    const open = !(proofOpen && !highlights.panelOpen)
                    // One side panel at a time: two would leave the text too narrow.
                    if (open) highlights.togglePanel(false)
                    setProofOpen(open)
                  }}
                >
                  <svg className="icon" width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
                    <path d="M4 19h10M4 14h7M13 9l3 3 6-7" />
                  </svg>
                  {t('proof.toggle')}
                  {proofreading.data && <span className="proof-toggle__count">{t('proof.summary', { count: proofreading.data.open })}</span>}
                </button>
                {!article.useOriginal && <CleanupDisclosure removed={article.removed} />}
                {article.useOriginal && <p className="reader__note">{t('reader.originalNote', { format: article.rawFormat })}</p>}
              </header>

              <div
                ref={bodyRef}
                className={article.useOriginal ? 'reader__raw' : 'reader__body'}
                lang={lang}
                onMouseUp={highlights.onBodyMouseUp}
                onClick={highlights.onBodyClick}
                onKeyDown={(e) => {
                  // On a focused highlight: Enter edits its note, Delete or Backspace removes it (Undo in the toast).
                  const mark = e.target instanceof HTMLElement ? e.target.closest('mark[data-ids]') : null
                  const id = Number(mark?.getAttribute('data-ids')?.split(' ').pop())
                  if (!mark || !Number.isSafeInteger(id)) return
                  if (e.key === 'Enter') {
                    e.preventDefault()
                    highlights.togglePanel(true)
                    highlights.setEditingId(id)
                  } else if (e.key === 'Delete' || e.key === 'Backspace') {
                    e.preventDefault()
                    void annotations.remove(id)
                  }
                }}
              >
                {!ready && <p className="reader__converting">{t('reader.converting')}</p>}
                {ready && converted.length === 0 && <p className="reader__note">{t(article.rawFormat === 'pending' ? 'reader.bodyPending' : 'reader.emptyBody')}</p>}
                {ready &&
                  converted.map((p, i) => (
                    <HighlightedParagraph key={p.start} p={p} index={i} raw={article.useOriginal} spans={highlights.spans.get(i)} />
                  ))}
              </div>
              {/* The team's comments on the article, nested in it as the HTML spec has it (nothing when not joined). */}
              <Discussion articleId={article.id} />
            </article>
          </div>
          {/* A note opened from the text (Enter on a highlight) takes the side for itself. */}
          {proofOpen && !highlights.panelOpen && (
            <ProofreadPanel
              articleId={article.id}
              proofreading={proofreading}
              lang={lang}
              current={currentFinding}
              onGoTo={goToFinding}
              onClose={() => setProofOpen(false)}
            />
          )}
          {highlights.panelOpen && (
            <AnnotationSidebar
              annotations={annotations}
              shownText={shownText}
              lang={lang}
              editingId={highlights.editingId}
              onEdit={highlights.setEditingId}
              onGoTo={highlights.flash}
              onExport={onExport}
              onClose={() => highlights.togglePanel(false)}
            />
          )}
        </div>
        {highlights.popover && (
          <SelectionPopover
            state={highlights.popover}
            onColor={highlights.onPopoverColor}
            onNote={highlights.onPopoverNote}
            onDelete={highlights.onPopoverDelete}
          />
        )}
      </main>
    </DisplayTextProvider>
  )
}
