// Application shell: composes the three panes (sidebar, article list, reader) or the notes view, the dialogs,
// the import flow, native menu commands and global shortcuts. State here is only what the panes share; the
// app-wide pieces (display script, open article, library changes, menu, toasts) live in app/.
import { useCallback, useRef, useState } from 'react'
import type { ArticleSummary, ImportReport } from '@shared/types'
import { ScriptDisplayProvider } from './app/display-text'
import { Toasts } from './app/Toasts'
import { useLibraryChanges } from './app/use-library-changes'
import { useMenuCommands } from './app/use-menu-commands'
import { useOpenArticle } from './app/use-open-article'
import { useWindowLayout } from './app/use-window-layout'
import { ErrorBoundary } from './components/ErrorBoundary'
import { Icon } from './components/Icon'
import { NotesView } from './features/annotations/NotesView'
import { ExportDialog } from './features/export/ExportDialog'
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
import { useListCursor } from './features/library/use-list-cursor'
import { useTagUndoSource } from './features/tags/undo-store'
import { useLibrarySearchRequests } from './features/lookup/library-search'
import { Reader } from './features/reader/Reader'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { useSettings } from './features/settings/settings-context'
import { useShortcuts } from './hooks/use-shortcuts'
import { useI18n } from './i18n'

export function App() {
  const { t } = useI18n()
  const { settings, info, changeFontSize } = useSettings()

  // Filter, tags (AND/OR/NOT), search, date range, source and sort of the list.
  const query = useLibraryQuery()
  const reloadToken = useLibraryChanges()
  const list = useArticleList(query.params, reloadToken)
  const { openId, focus, openArticle, openAtHighlight } = useOpenArticle()
  const cursor = useListCursor(list, query.key, openId, openArticle)
  const layout = useWindowLayout(openId !== null)
  // "Search the library for this" (look-up popover): the list search, with the list shown in a narrow window.
  useLibrarySearchRequests((text) => {
    query.setSearchInput(text)
    layout.setDrawer('list')
  })
  // The search an article was opened from, so the reader finds its terms.
  const [openedFrom, setOpenedFrom] = useState<{ id: number; search: string } | null>(null)
  // Opening from the list drawer puts the drawer away so the article is what shows.
  const openFromList = useCallback(
    (id: number) => {
      openArticle(id)
      setOpenedFrom(query.search ? { id, search: query.search } : null)
      layout.setDrawer(null)
    },
    [openArticle, layout, query.search]
  )

  // The library-wide notes view replaces the list and the reader.
  const [notesView, setNotesView] = useState(false)
  const [dialog, setDialog] = useState<'settings' | 'help' | null>(null)
  const [historyOpen, setHistoryOpen] = useState(false)
  const [pastReport, setPastReport] = useState<ImportReport | null>(null)
  // The export dialog is open while this holds the articles checked in the list (empty: none checked).
  const [exportIds, setExportIds] = useState<number[] | null>(null)
  const exportNotes = useCallback(() => setExportIds((ids) => ids ?? []), [])

  const searchRef = useRef<HTMLInputElement>(null)
  const readerScrollRef = useRef<HTMLDivElement>(null)
  const importInputRef = useRef<HTMLInputElement>(null)
  const imports = useImport(info, importInputRef)
  useTagUndoSource()
  const startImport = () => void imports.start()

  useShortcuts({
    // Next/previous walk the article list, which the notes view replaces: there they do nothing.
    next: () => {
      if (!notesView) void cursor.step(1)
    },
    previous: () => {
      if (!notesView) void cursor.step(-1)
    },
    page: (direction) => {
      const el = readerScrollRef.current
      if (!el) return
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches
      el.scrollBy({ top: direction * Math.max(40, el.clientHeight - 56), behavior: reduce ? 'auto' : 'smooth' })
    },
    font: changeFontSize,
    focusSearch: () => {
      if (layout.focusMode) layout.toggleFocusMode()
      if (layout.narrow) layout.setDrawer('list')
      // A drawer that was just shown becomes focusable after the next paint.
      requestAnimationFrame(() => {
        searchRef.current?.focus()
        searchRef.current?.select()
      })
    },
    focusMode: layout.toggleFocusMode,
    help: () => setDialog('help'),
    closeDrawer: () => {
      if (!layout.drawer || openId === null) return false
      layout.setDrawer(null)
      return true
    }
  })

  useMenuCommands({ import: startImport, exportNotes, about: () => setDialog('help') })

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
    <ScriptDisplayProvider script={settings.script}>
      <div {...layout.rootProps} style={{ ['--reader-font-size' as string]: `${settings.fontSize}px`, ['--reader-line-height' as string]: String(settings.lineHeight) }}>
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
            reloadToken={reloadToken}
            onImport={startImport}
            onSettings={() => setDialog('settings')}
            onHelp={() => setDialog('help')}
            rail={
              layout.narrow
                ? {
                    listOpen: layout.drawer === 'list',
                    onList: () => layout.setDrawer(layout.drawer === 'list' ? null : 'list'),
                    expanded: layout.drawer === 'sidebar',
                    onExpand: () => layout.setDrawer(layout.drawer === 'sidebar' ? null : 'sidebar')
                  }
                : undefined
            }
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
              onOpen={(articleId, annotationId) => {
                openAtHighlight(articleId, annotationId)
                setNotesView(false)
              }}
              onClose={() => setNotesView(false)}
              onExport={exportNotes}
            />
          </ErrorBoundary>
        )}
        {!notesView && (
          <ErrorBoundary resetKey={query.key}>
            <ArticleListPane
              list={list}
              query={query}
              cursor={cursor}
              searchRef={searchRef}
              openId={openId}
              onOpen={openFromList}
              onImport={startImport}
              onExportSelected={setExportIds}
            />
          </ErrorBoundary>
        )}
        <ErrorBoundary resetKey={openId}>
          {!notesView && (
            <Reader
              articleId={openId}
              scrollRef={readerScrollRef}
              onArticleChanged={onArticleChanged}
              onExport={exportNotes}
              focus={focus}
              focusMode={layout.focusMode}
              onFocusMode={layout.toggleFocusMode}
              findQuery={openedFrom?.id === openId ? openedFrom.search : null}
            />
          )}
        </ErrorBoundary>
        {layout.drawer && openId !== null && <div className="drawer-scrim" aria-hidden="true" onClick={() => layout.setDrawer(null)} />}

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
        <HelpDialog open={dialog === 'help'} onClose={() => setDialog(null)} reloadToken={reloadToken} />
        <ExportDialog
          open={exportIds !== null}
          onClose={() => setExportIds(null)}
          selectedIds={exportIds ?? []}
          articleId={openId}
          defaultScript={settings.script}
        />
        <ImportReportDialog
          reports={pastReport ? [pastReport] : imports.state.reports}
          onClose={pastReport ? () => setPastReport(null) : imports.closeReport}
          onOpenArticle={openArticle}
        />
        <ImportHistoryDialog open={historyOpen} onClose={() => setHistoryOpen(false)} onShowReport={setPastReport} reloadToken={reloadToken} />
        <Toasts />
      </div>
    </ScriptDisplayProvider>
  )
}
