// Application shell: the three panes (sidebar, article list, reader), dialogs, import flow, native menu
// commands, global shortcuts and library refresh on library:changed. State here is only what the panes share.
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react'
import { SCRIPT_IDS } from '@shared/script/types'
import type { ArticleSummary, ImportReport, MenuCommand, ScriptId } from '@shared/types'
import { subscribe } from './api/client'
import { ErrorBoundary } from './components/ErrorBoundary'
import { Icon } from './components/Icon'
import { Toasts } from './components/Toasts'
import { NotesView } from './features/annotations/NotesView'
import { ExportDialog, type ExportKind } from './features/export/ExportDialog'
import { HelpDialog } from './features/help/HelpDialog'
import { DropOverlay } from './features/import-export/DropOverlay'
import { ImportProgressPanel } from './features/import-export/ImportProgressPanel'
import { ImportHistoryDialog } from './features/import-export/ImportHistoryDialog'
import { ImportReportDialog } from './features/import-export/ImportReportDialog'
import { useImport } from './features/import-export/use-import'
import { ArticleListPane } from './features/library/ArticleListPane'
import { Sidebar } from './features/library/Sidebar'
import { useArticleList } from './features/library/use-article-list'
import { useLibraryQuery } from './features/library/use-library-query'
import { rangeActiveCount, SearchFilters } from './features/search/SearchFilters'
import { TagFilterChips } from './features/tags/TagFilterChips'
import { TagUndoToast } from './features/tags/TagUndoToast'
import { Reader } from './features/reader/Reader'
import { useConverter } from './features/reader/script-loader'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { useSettings } from './features/settings/settings-context'
import { useShortcuts } from './hooks/use-shortcuts'
import { useI18n } from './i18n'

const LAST_OPEN_KEY = 'marginalia.lastOpenArticle'

function readLastOpen(): number | null {
  const n = Number(localStorage.getItem(LAST_OPEN_KEY))
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

export function App() {
  const { t } = useI18n()
  const { settings, info, update, changeFontSize } = useSettings()

  // Filter, tags (AND/OR/NOT), search, date range, source and sort of the list.
  const query = useLibraryQuery()
  const { params, search } = query
  const [reloadToken, setReloadToken] = useState(0)
  const [activeIndex, setActiveIndex] = useState(-1)
  const [openId, setOpenId] = useState<number | null>(readLastOpen)
  const [dialog, setDialog] = useState<'settings' | 'help' | null>(null)
  // Annotations: the library-wide notes view replaces the list and reader; the export dialog; a highlight
  // to scroll to when an article is opened from the notes view.
  const [notesView, setNotesView] = useState(false)
  const [historyOpen, setHistoryOpen] = useState(false)
  const [exportIds, setExportIds] = useState<number[]>([])
  const [pastReport, setPastReport] = useState<ImportReport | null>(null)
  const [exportKind, setExportKind] = useState<ExportKind | null>(null)
  const [focusAnnotation, setFocusAnnotation] = useState<{ annotationId: number; token: number } | null>(null)

  const listRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const readerScrollRef = useRef<HTMLDivElement>(null)

  const queryKey = JSON.stringify(params)
  const list = useArticleList(params, reloadToken)

  // A new query starts with no cursor (adjusting state while rendering, as React recommends over an effect).
  const [cursorQuery, setCursorQuery] = useState(queryKey)
  if (cursorQuery !== queryKey) {
    setCursorQuery(queryKey)
    setActiveIndex(-1)
  }

  // List titles and tag names follow the global script (per-article overrides apply in the reader only).
  const listConverter = useConverter(settings.script, 'auto')
  const displayText = useCallback(
    (text: string) => (listConverter.status === 'ready' ? listConverter.converter.convert(text) : text),
    [listConverter]
  )

  // Tag counts (the sidebar's tag browser) and the list both reload on this token.
  useEffect(() => subscribe('library:changed', () => setReloadToken((n) => n + 1)), [])

  const openArticle = useCallback((id: number) => {
    // A highlight to scroll to applies only to the opening that asked for it (the notes view sets it after).
    setFocusAnnotation(null)
    setOpenId(id)
    localStorage.setItem(LAST_OPEN_KEY, String(id))
  }, [])


  const step = useCallback(
    async (direction: 1 | -1) => {
      const current = activeIndex >= 0 ? list.getItem(activeIndex) : undefined
      if (current && (openId === null || current.id === openId)) {
        const index = activeIndex + direction
        const item = await list.loadItem(index)
        if (item) {
          setActiveIndex(index)
          openArticle(item.id)
        }
        return
      }
      // The cursor is elsewhere (article opened from the import report, or restored after a reload): continue
      // from the open article when its row is loaded, else from the top of the list.
      const known = openId === null ? -1 : list.indexOfId(openId)
      const index = known >= 0 ? known + direction : 0
      const item = await list.loadItem(index)
      if (item) {
        setActiveIndex(index)
        openArticle(item.id)
      }
    },
    [activeIndex, list, openId, openArticle]
  )

  const importInputRef = useRef<HTMLInputElement>(null)
  const imports = useImport(info, importInputRef)

  useShortcuts({
    // Next/previous walk the article list, which the notes view replaces: there they do nothing.
    next: () => {
      if (!notesView) void step(1)
    },
    previous: () => {
      if (!notesView) void step(-1)
    },
    page: (direction) => {
      const el = readerScrollRef.current
      if (!el) return
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches
      el.scrollBy({ top: direction * Math.max(40, el.clientHeight - 56), behavior: reduce ? 'auto' : 'smooth' })
    },
    font: changeFontSize,
    focusSearch: () => {
      searchRef.current?.focus()
      searchRef.current?.select()
    }
  })

  const onMenuCommand = useCallback(
    (command: MenuCommand) => {
      if (command === 'import') void imports.start()
      else if (command === 'export-notes') setExportKind('notes')
      else if (command === 'about') setDialog('help')
      else if (command === 'font:increase') changeFontSize(1)
      else if (command === 'font:decrease') changeFontSize(-1)
      else if (command === 'font:reset') changeFontSize('reset')
      else if (command.startsWith('theme:')) {
        const theme = command.slice('theme:'.length)
        if (theme === 'light' || theme === 'sepia' || theme === 'dark') update({ theme })
      } else if (command.startsWith('script:')) {
        const script = command.slice('script:'.length)
        if ((SCRIPT_IDS as readonly string[]).includes(script)) update({ script: script as ScriptId })
      }
    },
    [imports, changeFontSize, update]
  )
  const onMenuEvent = useEffectEvent((command: MenuCommand) => onMenuCommand(command))
  useEffect(() => subscribe('menu:command', ({ command }) => onMenuEvent(command)), [])

  const onArticleChanged = useCallback(
    (id: number, patch: { progress?: number; readState?: 'read' }) => {
      const summary: Partial<ArticleSummary> = {}
      if (patch.progress !== undefined) summary.progress = patch.progress
      if (patch.readState) summary.readState = patch.readState
      list.patchItem(id, summary)
    },
    [list]
  )

  return (
    <div className="app" style={{ ['--reader-font-size' as string]: `${settings.fontSize}px`, ['--reader-line-height' as string]: String(settings.lineHeight) }}>
      <ErrorBoundary>
        <Sidebar
          filter={query.filter}
          onFilter={(f) => {
            setNotesView(false)
            query.setFilter(f)
          }}
          tagFilter={query.tagFilter}
          onTagFilter={(next) => {
            setNotesView(false)
            query.setTagFilter(next)
          }}
          sectionCurrent={!notesView}
          displayTag={displayText}
          reloadToken={reloadToken}
          onImport={() => void imports.start()}
          onSettings={() => setDialog('settings')}
          onHelp={() => setDialog('help')}
          footer={
            <>
              <button type="button" className="sidebar__item" aria-current={notesView ? 'true' : undefined} onClick={() => setNotesView((v) => !v)}>
                <Icon name="note" />
                <span className="sidebar__label">{t('notes.open')}</span>
              </button>
              <button type="button" className="sidebar__item" onClick={() => setHistoryOpen(true)}>
                <Icon name="history" />
                <span className="sidebar__label">{t('importHistory.open')}</span>
              </button>
              <ImportProgressPanel running={imports.state.running} reading={imports.state.reading} onCancel={imports.cancel} />
            </>
          }
        />
      </ErrorBoundary>
      {notesView && (
        <ErrorBoundary>
          <NotesView
            displayText={displayText}
            onOpen={(articleId, annotationId) => {
              openArticle(articleId)
              setFocusAnnotation({ annotationId, token: Date.now() })
              setNotesView(false)
            }}
            onClose={() => setNotesView(false)}
            onExport={() => setExportKind('notes')}
          />
        </ErrorBoundary>
      )}
      {!notesView && (
        <ErrorBoundary resetKey={queryKey}>
          <ArticleListPane
            onExportSelected={(ids) => {
              setExportIds(ids)
              setExportKind('notes')
            }}
            list={list}
            listRef={listRef}
            searchRef={searchRef}
            search={query.searchInput}
            onSearch={query.setSearchInput}
            searching={search !== ''}
            sort={query.sort}
            order={query.order}
            onSort={query.setSort}
            onToggleOrder={query.toggleOrder}
            hasFilters={query.hasFilters}
            onClearFilters={query.clearFilters}
            tagChips={<TagFilterChips filter={query.tagFilter} onFilter={query.setTagFilter} display={displayText} />}
            filtersPanel={
              <SearchFilters
                range={query.range}
                onRange={query.setRange}
                filter={query.filter}
                onFilter={query.setFilter}
                sources={[...new Set(list.loadedItems().flatMap((x) => (x.source ? [x.source] : [])))].slice(0, 200)}
                display={displayText}
              />
            }
            filtersActive={rangeActiveCount(query.range)}
            activeIndex={activeIndex}
            onActiveIndex={setActiveIndex}
            openId={openId}
            onOpen={(_index, item) => openArticle(item.id)}
            onImport={() => void imports.start()}
            displayText={displayText}
            queryKey={queryKey}
          />
        </ErrorBoundary>
      )}
      <ErrorBoundary resetKey={openId}>
        {!notesView && (
          <Reader
            articleId={openId}
            scrollRef={readerScrollRef}
            onArticleChanged={onArticleChanged}
            onExport={() => setExportKind('notes')}
            focus={focusAnnotation}
          />
        )}
      </ErrorBoundary>

      <input
        ref={importInputRef}
        type="file"
        multiple
        hidden
        aria-label={t('action.importFiles')}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []).map((file) => ({ file, name: file.name }))
          e.target.value = ''
          void imports.importFiles(files)
        }}
      />
      <DropOverlay onFiles={(files) => void imports.importFiles(files)} />
      <SettingsDialog open={dialog === 'settings'} onClose={() => setDialog(null)} />
      <HelpDialog open={dialog === 'help'} onClose={() => setDialog(null)} />
      <ExportDialog
        open={exportKind !== null}
        onClose={() => {
          setExportKind(null)
          setExportIds([])
        }}
        selectedIds={exportIds}
        articleId={openId}
        defaultScript={settings.script}
        initialKind={exportKind ?? 'notes'}
        displayTag={displayText}
      />
      <ImportReportDialog
        reports={pastReport ? [pastReport] : imports.state.reports}
        onClose={pastReport ? () => setPastReport(null) : imports.closeReport}
        onOpenArticle={openArticle}
        displayText={displayText}
      />
      <ImportHistoryDialog
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        onShowReport={setPastReport}
        reloadToken={reloadToken}
      />
      <Toasts />
      <TagUndoToast />
    </div>
  )
}
