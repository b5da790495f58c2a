// Right pane: the reading view for long Chinese text. Shows the cleaned text (or the verbatim original) as
// plain-text paragraphs — never article HTML — converted to the chosen script, with the byline, tags, the
// cleanup disclosure, and a per-article reading position that is saved and restored. The highlight layer
// (features/annotations) paints highlights into the paragraphs, turns selections into new highlights and
// shows the annotation panel on the right.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type RefObject } from 'react'
import type { AnnotationView, HighlightColor, TextKind } from '@shared/anchoring/types'
import type { ArticleDetail, ScriptId, SourceScript } from '@shared/types'
import { call } from '../../api/client'
import { EmptyState } from '../../components/EmptyState'
import { Icon } from '../../components/Icon'
import { reportError } from '../../components/toast-store'
import { TagEditor } from '../tags/TagEditor'
import { useI18n, type MessageKey } from '../../i18n'
import { useSettings } from '../settings/settings-context'
import { AnnotationSidebar } from '../annotations/AnnotationSidebar'
import { COLORS } from '../annotations/colors'
import { HighlightedParagraph } from '../annotations/HighlightedParagraph'
import { identityMap, spansByParagraph, type LayerHighlight, type ViewParagraph } from '../annotations/ranges'
import { selectionRect, selectionToStored } from '../annotations/selection'
import { SelectionPopover, type PopoverState } from '../annotations/SelectionPopover'
import { useAnnotations } from '../annotations/use-annotations'
import { isTypingTarget } from '../../hooks/use-shortcuts'
import '../annotations/annotations.css'
import { CleanupDisclosure } from './CleanupDisclosure'
import { splitParagraphs } from './paragraphs'
import { ReaderToolbar } from './ReaderToolbar'
import { langForScript, useConverter } from './script-loader'
import { useReadingPosition } from './use-reading-position'

interface Props {
  articleId: number | null
  scrollRef: RefObject<HTMLDivElement | null>
  onArticleChanged: (id: number, patch: { progress?: number; readState?: 'read' }) => void
  /** Opens the export dialog. */
  onExport: () => void
  /** A highlight to scroll to and flash once the article is shown (from the notes view); token makes repeats count. */
  focus?: { annotationId: number; token: number } | null
}

type Load =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; id: number; attempt: number; error: unknown }
  | { status: 'ready'; id: number; attempt: number; article: ArticleDetail }

export function Reader({ articleId, scrollRef, onArticleChanged, onExport, focus }: Props) {
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
  return (
    <ArticleView
      key={load.article.id}
      initial={load.article}
      scrollRef={scrollRef}
      onArticleChanged={onArticleChanged}
      onExport={onExport}
      focus={focus ?? null}
    />
  )
}


const PANEL_KEY = 'marginalia.annotationsPanel'
const FLASH_MS = 1600

function readPanelOpen(): boolean {
  return localStorage.getItem(PANEL_KEY) === '1'
}

function ArticleView({
  initial,
  scrollRef,
  onArticleChanged,
  onExport,
  focus
}: {
  initial: ArticleDetail
  scrollRef: RefObject<HTMLDivElement | null>
  onArticleChanged: Props['onArticleChanged']
  onExport: () => void
  focus: { annotationId: number; token: number } | null
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
  const textKind: TextKind = article.useOriginal ? 'original' : 'clean'
  const paragraphs = useMemo(() => splitParagraphs(shownText, article.useOriginal), [shownText, article.useOriginal])
  // Each paragraph is converted on its own with its offset map (local offsets), so a DOM position inside a
  // paragraph maps to the stored text without a whole-text map.
  const converted = useMemo<ViewParagraph[]>(() => {
    if (!ready) return []
    return paragraphs.map((p) => {
      if (converter.status === 'ready') {
        const { text, map } = converter.converter.convertWithMap(p.text)
        return { start: p.start, storedText: p.text, text, map }
      }
      return { start: p.start, storedText: p.text, text: p.text, map: identityMap(p.text.length) }
    })
  }, [paragraphs, converter, ready])
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

  // ── Highlights ──
  const annotations = useAnnotations(article.id, textKind, shownText)
  const [panelOpen, setPanelOpen] = useState(readPanelOpen)
  const [editingId, setEditingId] = useState<number | null>(null)
  const [popover, setPopover] = useState<PopoverState | null>(null)
  const togglePanel = useCallback((open: boolean) => {
    setPanelOpen(open)
    localStorage.setItem(PANEL_KEY, open ? '1' : '0')
  }, [])

  const layer = useMemo<LayerHighlight[]>(
    () =>
      annotations.anchored.map((a) => ({
        id: a.id,
        color: a.color,
        start: a.start as number,
        end: a.end as number,
        note: a.note,
        order: a.id > 0 ? a.id : Number.MAX_SAFE_INTEGER + a.id,
        pending: a.id < 0
      })),
    [annotations.anchored]
  )
  const spans = useMemo(() => spansByParagraph(converted, layer), [converted, layer])

  const quoteOf = useCallback(
    (a: AnnotationView) => display(!a.orphan && a.start !== null && a.end !== null ? shownText.slice(a.start, a.end) : a.quote),
    [display, shownText]
  )

  const highlightSelection = useCallback(
    async (color: HighlightColor, withNote: boolean, range?: { start: number; end: number }) => {
      const body = bodyRef.current
      const r = range ?? (body ? selectionToStored(body, converted) : null)
      if (!r) return false
      window.getSelection()?.removeAllRanges()
      setPopover(null)
      const created = annotations.create(r, color)
      if (withNote) {
        togglePanel(true)
        const a = await created
        if (a) setEditingId(a.id)
      }
      return true
    },
    [annotations, converted, togglePanel]
  )

  const flash = useCallback(
    (id: number) => {
      const body = bodyRef.current
      if (!body) return
      const marks = body.querySelectorAll<HTMLElement>(`mark[data-ids~="${id}"]`)
      const first = marks[0]
      if (!first) return
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches
      first.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' })
      for (const m of marks) m.classList.add('hl--flash')
      window.setTimeout(() => {
        for (const m of marks) m.classList.remove('hl--flash')
      }, FLASH_MS)
    },
    [bodyRef]
  )

  // Opened from the notes view: scroll to the highlight once it is painted.
  const focused = useRef<number | null>(null)
  useEffect(() => {
    if (!focus || !annotations.loaded || !ready || focused.current === focus.token) return
    if (!annotations.anchored.some((a) => a.id === focus.annotationId)) return
    focused.current = focus.token
    // Let the reading-position restore settle first, then bring the highlight into view.
    const timer = window.setTimeout(() => flash(focus.annotationId), 50)
    return () => window.clearTimeout(timer)
  }, [focus, annotations.loaded, annotations.anchored, ready, flash])

  const openPopoverForSelection = useCallback(() => {
    const body = bodyRef.current
    if (!body) return
    const range = selectionToStored(body, converted)
    const rect = range ? selectionRect() : null
    if (!range || !rect) return
    setPopover({ mode: 'new', range, x: rect.left + rect.width / 2, top: rect.top, bottom: rect.bottom })
  }, [converted])

  // Hide the "new" popover when the selection goes away; show it after a keyboard selection (Shift+arrows
  // — key events go to the focused scroller, not the body, hence the document listener); close on scroll.
  useEffect(() => {
    const onSelection = () => {
      const sel = window.getSelection()
      if (!sel || sel.isCollapsed) setPopover((p) => (p?.mode === 'new' ? null : p))
    }
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === 'Shift' || (e.shiftKey && e.key.startsWith('Arrow'))) {
        if (!isTypingTarget(e.target)) openPopoverForSelection()
      }
    }
    document.addEventListener('selectionchange', onSelection)
    document.addEventListener('keyup', onKeyUp)
    const scroller = scrollRef.current
    const onScroll = () => setPopover(null)
    scroller?.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      document.removeEventListener('selectionchange', onSelection)
      document.removeEventListener('keyup', onKeyUp)
      scroller?.removeEventListener('scroll', onScroll)
    }
  }, [scrollRef, openPopoverForSelection])

  // Keyboard: with text selected in the body, H highlights yellow, 1–5 pick a colour, N highlights and
  // opens the note editor. Escape closes the popover.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return
      if (document.querySelector('dialog[open]') || isTypingTarget(e.target)) return
      if (e.key === 'Escape') {
        setPopover(null)
        return
      }
      const key = e.key.toLowerCase()
      const index = key === 'h' || key === 'n' ? 0 : ['1', '2', '3', '4', '5'].indexOf(key)
      if (index < 0) return
      const body = bodyRef.current
      const sel = window.getSelection()
      if (!body || !sel || sel.isCollapsed || sel.rangeCount === 0 || !sel.getRangeAt(0).intersectsNode(body)) return
      e.preventDefault()
      e.stopImmediatePropagation()
      void highlightSelection(COLORS[index] ?? 'yellow', key === 'n')
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [highlightSelection])

  const onBodyClick = (e: ReactMouseEvent) => {
    const sel = window.getSelection()
    if (sel && !sel.isCollapsed) return
    const mark = (e.target as HTMLElement).closest<HTMLElement>('mark[data-ids]')
    if (!mark) return
    const ids = (mark.dataset.ids ?? '').split(' ').map(Number)
    const id = ids[ids.length - 1]
    const a = annotations.anchored.find((x) => x.id === id)
    if (!a || a.id < 0) return
    const rect = mark.getBoundingClientRect()
    setPopover({ mode: 'existing', id: a.id, color: a.color, x: rect.left + rect.width / 2, top: rect.top, bottom: rect.bottom })
  }

  const setView = (patch: { useOriginal?: boolean; scriptOverride?: ScriptId | null }) => {
    const before = article
    // Switching between cleaned and original changes what the saved offset means: start from the top.
    const next = { ...article, ...patch, ...(patch.useOriginal !== undefined ? { readingPosition: 0 } : {}) }
    setArticle(next)
    setPopover(null)
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
        annotationsOpen={panelOpen}
        onAnnotationsOpen={togglePanel}
        annotationCount={annotations.items.length}
        onExport={onExport}
      />
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
                    <dd>{b.value}</dd>
                  </div>
                ))}
              </dl>
              <TagEditor articleId={article.id} tags={article.tags} display={display} />
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

            <div
              ref={bodyRef}
              className={article.useOriginal ? 'reader__raw' : 'reader__body'}
              lang={lang}
              onMouseUp={() => window.setTimeout(openPopoverForSelection, 0)}
              onClick={onBodyClick}
            >
              {!ready && <p className="reader__converting">{t('reader.converting')}</p>}
              {ready && converted.length === 0 && <p className="reader__note">{t('reader.emptyBody')}</p>}
              {ready &&
                converted.map((p, i) => <HighlightedParagraph key={p.start} p={p} index={i} raw={article.useOriginal} spans={spans.get(i)} />)}
            </div>
          </article>
        </div>
        {panelOpen && (
          <AnnotationSidebar
            annotations={annotations}
            quoteOf={quoteOf}
            noteText={display}
            lang={lang}
            editingId={editingId}
            onEdit={setEditingId}
            onGoTo={flash}
            onExport={onExport}
            onClose={() => togglePanel(false)}
          />
        )}
      </div>
      {popover && (
        <SelectionPopover
          state={popover}
          onColor={(color) => {
            if (popover.mode === 'new') void highlightSelection(color, false, popover.range)
            else {
              setPopover(null)
              if (color !== popover.color) void annotations.update(popover.id, { color })
            }
          }}
          onNote={() => {
            if (popover.mode === 'new') void highlightSelection('yellow', true, popover.range)
            else {
              setPopover(null)
              togglePanel(true)
              setEditingId(popover.id)
            }
          }}
          onDelete={() => {
            if (popover.mode === 'existing') void annotations.remove(popover.id)
            setPopover(null)
          }}
        />
      )}
    </section>
  )
}
