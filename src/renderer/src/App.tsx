// Application shell: the three panes (sidebar, article list, reader), dialogs, import flow, native menu
// commands, global shortcuts and library refresh on library:changed. State here is only what the panes share.
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react'
import { SCRIPT_IDS } from '@shared/script/types'
import type { ArticleSummary, ListFilter, ListSort, MenuCommand, ScriptId, TagCount } from '@shared/types'
import { call, subscribe } from './api/client'
import { ErrorBoundary } from './components/ErrorBoundary'
import { notify, reportError } from './components/toast-store'
import { Toasts } from './components/Toasts'
import { HelpDialog } from './features/help/HelpDialog'
import { DropOverlay } from './features/import-export/DropOverlay'
import { ImportProgressPanel } from './features/import-export/ImportProgressPanel'
import { ImportReportDialog } from './features/import-export/ImportReportDialog'
import { useImport } from './features/import-export/use-import'
import { ArticleListPane } from './features/library/ArticleListPane'
import { Sidebar } from './features/library/Sidebar'
import { useArticleList, type ListParams } from './features/library/use-article-list'
import { Reader } from './features/reader/Reader'
import { useConverter } from './features/reader/script-loader'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { useSettings } from './features/settings/settings-context'
import { useDebounced } from './hooks/use-debounced'
import { useShortcuts } from './hooks/use-shortcuts'
import { useI18n } from './i18n'

const LAST_OPEN_KEY = 'marginalia.lastOpenArticle'
const DEFAULT_ORDER: Record<ListSort, 'asc' | 'desc'> = { relevance: 'asc', imported: 'desc', published: 'desc', title: 'asc', source: 'asc' }

function readLastOpen(): number | null {
  const n = Number(localStorage.getItem(LAST_OPEN_KEY))
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

export function App() {
  const { t } = useI18n()
  const { settings, info, update, changeFontSize } = useSettings()

  const [filter, setFilter] = useState<ListFilter>('all')
  const [tag, setTag] = useState<string | null>(null)
  const [sort, setSort] = useState<ListSort>('imported')
  const [order, setOrder] = useState<'asc' | 'desc'>('desc')
  const [searchInput, setSearchInput] = useState('')
  const search = useDebounced(searchInput.trim(), 250)
  const [reloadToken, setReloadToken] = useState(0)
  const [tags, setTags] = useState<TagCount[] | null>(null)
  const [activeIndex, setActiveIndex] = useState(-1)
  const [openId, setOpenId] = useState<number | null>(readLastOpen)
  const [dialog, setDialog] = useState<'settings' | 'help' | null>(null)

  const listRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const readerScrollRef = useRef<HTMLDivElement>(null)

  const params = useMemo<ListParams>(
    () => ({ sort, order, filter, ...(search ? { search } : {}), ...(tag !== null ? { tagsAll: [tag] } : {}) }),
    [sort, order, filter, search, tag]
  )
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

  const loadTags = useCallback(() => {
    call('tags:list', {}).then(setTags, (e: unknown) => reportError(e, 'error.action.tags'))
  }, [])
  useEffect(loadTags, [loadTags])

  useEffect(
    () =>
      subscribe('library:changed', () => {
        setReloadToken((n) => n + 1)
        loadTags()
      }),
    [loadTags]
  )

  const openArticle = useCallback((id: number) => {
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
    next: () => void step(1),
    previous: () => void step(-1),
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
      else if (command === 'export-notes') notify('menu.exportUnavailable')
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

  const hasFilters = filter !== 'all' || tag !== null || search !== ''
  const clearFilters = () => {
    setFilter('all')
    setTag(null)
    setSearchInput('')
  }

  return (
    <div className="app" style={{ ['--reader-font-size' as string]: `${settings.fontSize}px`, ['--reader-line-height' as string]: String(settings.lineHeight) }}>
      <ErrorBoundary>
        <Sidebar
          filter={filter}
          onFilter={setFilter}
          tags={tags}
          tag={tag}
          onTag={setTag}
          displayTag={displayText}
          onImport={() => void imports.start()}
          onSettings={() => setDialog('settings')}
          onHelp={() => setDialog('help')}
          footer={<ImportProgressPanel running={imports.state.running} reading={imports.state.reading} onCancel={imports.cancel} />}
        />
      </ErrorBoundary>
      <ErrorBoundary resetKey={queryKey}>
        <ArticleListPane
          list={list}
          listRef={listRef}
          searchRef={searchRef}
          search={searchInput}
          onSearch={setSearchInput}
          searching={search !== ''}
          sort={sort}
          order={order}
          onSort={(s) => {
            setSort(s)
            setOrder(DEFAULT_ORDER[s])
          }}
          onToggleOrder={() => setOrder((o) => (o === 'asc' ? 'desc' : 'asc'))}
          hasFilters={hasFilters}
          onClearFilters={clearFilters}
          tag={tag}
          onClearTag={() => setTag(null)}
          activeIndex={activeIndex}
          onActiveIndex={setActiveIndex}
          openId={openId}
          onOpen={(_index, item) => openArticle(item.id)}
          onImport={() => void imports.start()}
          displayText={displayText}
          queryKey={queryKey}
        />
      </ErrorBoundary>
      <ErrorBoundary resetKey={openId}>
        <Reader articleId={openId} scrollRef={readerScrollRef} onArticleChanged={onArticleChanged} />
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
      <ImportReportDialog reports={imports.state.reports} onClose={imports.closeReport} onOpenArticle={openArticle} displayText={displayText} />
      <Toasts />
    </div>
  )
}
