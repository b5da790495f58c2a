// Tag browser in the sidebar: every tag with its article count (a parent's count includes its sub-tags),
// sorted by count or name, filtered as you type, shown as a collapsible ARIA tree with roving focus.
// Click shows one tag; Ctrl/Cmd-click combines tags (AND/OR, toggled on the chips above the list); Alt-click
// excludes a tag (NOT). The ⋯ button, right-click, Shift+F10 or the context-menu key open the tag's menu
// (filter actions plus rename, merge and delete); F2 renames and Delete deletes the focused tag.
// The tree is virtualised: a library with thousands of tags renders only the rows in view (and the one
// holding the roving focus, so Tab always lands in the tree).
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type MouseEvent, type SetStateAction } from 'react'
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import type { TagTreeNode } from '@shared/types'
import { call } from '../../api/client'
import { useDisplayText, useTextLang } from '../../app/display-text'
import { Icon } from '../../components/Icon'
import { useApiCall } from '../../hooks/use-api-call'
import { useI18n } from '../../i18n'
import { useConverter } from '../../app/script-loader'
import { TagEditDialogs, type TagEditKind } from './TagEditDialogs'
import { TagMenu, type TagMenuAction } from './TagMenu'
import { dropFromFilter, onlyTag, renameInFilter, toggleExclude, toggleInclude, type TagFilter } from './tag-filter'
import './tags.css'

type TagSort = 'count' | 'name'
const SORT_KEY = 'marginalia.tagSort'
/** .tag-tree__item height in tags.css. */
const ROW_HEIGHT = 28

interface Row {
  node: TagTreeNode
  level: number
  setsize: number
  posinset: number
  parent: string | null
  expandable: boolean
  expanded: boolean
}

function flatten(nodes: TagTreeNode[], expanded: ReadonlySet<string>, match: ((node: TagTreeNode) => boolean) | null): Row[] {
  const rows: Row[] = []
  const memo = new Map<string, boolean>()
  const keep = (node: TagTreeNode): boolean => {
    if (!match) return true
    let v = memo.get(node.name)
    if (v === undefined) {
      v = match(node) || node.children.some(keep)
      memo.set(node.name, v)
    }
    return v
  }
  const visit = (list: TagTreeNode[], level: number, parent: string | null) => {
    const kept = list.filter(keep)
    kept.forEach((node, i) => {
      const children = node.children.filter(keep)
      const expandable = children.length > 0
      // While filtering, every branch leading to a match is open.
      const isOpen = expandable && (match !== null || expanded.has(node.name))
      rows.push({ node, level, setsize: kept.length, posinset: i + 1, parent, expandable, expanded: isOpen })
      if (isOpen) visit(children, level + 1, node.name)
    })
  }
  visit(nodes, 1, null)
  return rows
}

interface Props {
  filter: TagFilter
  onFilter: Dispatch<SetStateAction<TagFilter>>
  /** Bumps on library:changed, to reload the counts. */
  reloadToken: number
}

export function TagBrowser({ filter, onFilter, reloadToken }: Props) {
  const { t } = useI18n()
  const display = useDisplayText()
  const langOf = useTextLang()
  const [sort, setSort] = useState<TagSort>(() => (localStorage.getItem(SORT_KEY) === 'name' ? 'name' : 'count'))
  const [query, setQuery] = useState('')
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set())
  const [focused, setFocused] = useState<string | null>(null)
  const [menu, setMenu] = useState<{ node: TagTreeNode; x: number; y: number } | null>(null)
  const [edit, setEdit] = useState<{ kind: TagEditKind; node: TagTreeNode } | null>(null)
  const items = useRef(new Map<string, HTMLLIElement>())
  const pendingFocus = useRef<string | null>(null)

  const tree = useApiCall(() => call('tags:tree', { sort }), [sort, reloadToken], { action: 'error.action.tags' }).data ?? null

  // Matching ignores case and script: 平安建设 finds 平安建設 (both sides folded to Simplified once loaded).
  const q = query.trim()
  const fold = useConverter(q ? 'cn' : null, 'auto')
  const match = useMemo(() => {
    if (!q) return null
    const norm = (s: string) => (fold.status === 'ready' ? fold.converter.convert(s) : s).toLowerCase()
    const needle = norm(q)
    return (node: TagTreeNode) => norm(node.name).includes(needle) || display(node.name).toLowerCase().includes(q.toLowerCase())
  }, [q, fold, display])

  const rows = useMemo(() => flatten(tree ?? [], expanded, match), [tree, expanded, match])
  const focusName = focused !== null && rows.some((r) => r.node.name === focused) ? focused : (rows[0]?.node.name ?? null)
  const focusIndex = focusName === null ? -1 : rows.findIndex((r) => r.node.name === focusName)

  const scrollRef = useRef<HTMLDivElement>(null)
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range)
      if (focusIndex >= 0 && !indexes.includes(focusIndex)) return [...indexes, focusIndex].sort((a, b) => a - b)
      return indexes
    },
    [focusIndex]
  )
  // TanStack Virtual returns fresh functions each render, so the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.node.name ?? index,
    overscan: 12,
    rangeExtractor
  })

  useEffect(() => {
    const name = pendingFocus.current
    if (name === null) return
    const el = items.current.get(name)
    if (el) {
      pendingFocus.current = null
      el.focus()
    }
  })

  const focusRow = (name: string) => {
    setFocused(name)
    const index = rows.findIndex((r) => r.node.name === name)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
    const el = items.current.get(name)
    if (el) el.focus()
    else pendingFocus.current = name
  }

  const setOpen = (name: string, open: boolean) =>
    setExpanded((s) => {
      const next = new Set(s)
      if (open) next.add(name)
      else next.delete(name)
      return next
    })

  const activate = (name: string, mods: { combine: boolean; exclude: boolean }) => {
    setFocused(name)
    if (mods.exclude) onFilter((f) => toggleExclude(f, name))
    else if (mods.combine) onFilter((f) => toggleInclude(f, name))
    else onFilter((f) => onlyTag(f, name))
  }

  const openMenuAt = (node: TagTreeNode, x: number, y: number) => {
    setFocused(node.name)
    setMenu({ node, x, y })
  }

  const onItemKeyDown = (e: KeyboardEvent<HTMLLIElement>, index: number) => {
    const row = rows[index]
    if (!row || e.target !== e.currentTarget) return
    const go = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))]
      if (target) focusRow(target.node.name)
    }
    const handled = () => {
      e.preventDefault()
      e.stopPropagation()
    }
    if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
      handled()
      const rect = e.currentTarget.getBoundingClientRect()
      openMenuAt(row.node, rect.left + 24, rect.bottom)
      return
    }
    if (e.altKey && e.key !== 'Enter') return
    switch (e.key) {
      case 'ArrowDown':
        handled()
        return go(index + 1)
      case 'ArrowUp':
        handled()
        return go(index - 1)
      case 'Home':
        handled()
        return go(0)
      case 'End':
        handled()
        return go(rows.length - 1)
      case 'ArrowRight':
        handled()
        if (row.expandable && !row.expanded) setOpen(row.node.name, true)
        else if (row.expanded) go(index + 1)
        return
      case 'ArrowLeft':
        handled()
        if (row.expanded && match === null) setOpen(row.node.name, false)
        else if (row.parent !== null) focusRow(row.parent)
        return
      case 'Enter':
      case ' ':
        handled()
        return activate(row.node.name, { combine: e.ctrlKey || e.metaKey, exclude: e.altKey })
      case 'F2':
        handled()
        return setEdit({ kind: 'rename', node: row.node })
      case 'Delete':
        handled()
        return setEdit({ kind: 'delete', node: row.node })
    }
  }

  const onMenuAction = (action: TagMenuAction) => {
    if (!menu) return
    const { node } = menu
    setMenu(null)
    pendingFocus.current = node.name
    if (action === 'only') onFilter((f) => onlyTag(f, node.name))
    else if (action === 'include') onFilter((f) => toggleInclude(f, node.name))
    else if (action === 'exclude') onFilter((f) => toggleExclude(f, node.name))
    else setEdit({ kind: action, node })
  }

  const changeSort = (next: TagSort) => {
    setSort(next)
    localStorage.setItem(SORT_KEY, next)
  }

  return (
    <div className="tag-browser">
      <div className="tag-browser__tools" hidden={tree !== null && tree.length === 0}>
        <input
          type="text"
          className="text-input text-input--compact tag-browser__filter"
          aria-label={t('tags.browser.filter')}
          placeholder={t('tags.browser.filterPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && rows[0]) {
              e.preventDefault()
              focusRow(rows[0].node.name)
            } else if (e.key === 'Escape' && query) {
              e.preventDefault()
              setQuery('')
            }
          }}
        />
        <select className="select select--compact" aria-label={t('tags.browser.sort')} value={sort} onChange={(e) => changeSort(e.target.value as TagSort)}>
          <option value="count">{t('tags.browser.sort.count')}</option>
          <option value="name">{t('tags.browser.sort.name')}</option>
        </select>
      </div>
      <div className="tag-browser__scroll" ref={scrollRef}>
        {tree && tree.length === 0 && <p className="sidebar__empty">{t('sidebar.noTags')}</p>}
        {tree && tree.length > 0 && rows.length === 0 && <p className="sidebar__empty">{t('tags.browser.noMatch')}</p>}
        <ul
          className="tag-tree"
          role="tree"
          aria-label={t('sidebar.tags')}
          aria-multiselectable="true"
          hidden={rows.length === 0}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const index = item.index
            const row = rows[index]
            if (!row) return null
            const { node } = row
            const included = filter.include.includes(node.name)
            const excluded = filter.exclude.includes(node.name)
            const label = display(node.label)
            const state = included ? t('tags.browser.state.included') : excluded ? t('tags.browser.state.excluded') : ''
            return (
              <li
                key={node.name}
                ref={(el) => {
                  if (el) items.current.set(node.name, el)
                  else items.current.delete(node.name)
                }}
                role="treeitem"
                aria-level={row.level}
                aria-setsize={row.setsize}
                aria-posinset={row.posinset}
                aria-expanded={row.expandable ? row.expanded : undefined}
                aria-selected={included}
                aria-label={`${label}，${t('tags.browser.count', { count: node.count })}${state ? `，${state}` : ''}`}
                tabIndex={node.name === focusName ? 0 : -1}
                title={display(node.name)}
                className={`tag-tree__item${included ? ' tag-tree__item--included' : ''}${excluded ? ' tag-tree__item--excluded' : ''}${node.implicit ? ' tag-tree__item--implicit' : ''}`}
                style={{ ['--tag-level' as string]: row.level - 1, transform: `translateY(${item.start}px)` }}
                onFocus={(e) => {
                  if (e.target === e.currentTarget) setFocused(node.name)
                }}
                onKeyDown={(e) => onItemKeyDown(e, index)}
                onClick={(e: MouseEvent) => activate(node.name, { combine: e.ctrlKey || e.metaKey, exclude: e.altKey })}
                onContextMenu={(e) => {
                  e.preventDefault()
                  openMenuAt(node, e.clientX, e.clientY)
                }}
              >
                <span
                  className={`tag-tree__twisty${row.expandable ? '' : ' tag-tree__twisty--leaf'}${row.expanded ? ' tag-tree__twisty--open' : ''}`}
                  aria-hidden="true"
                  onClick={(e) => {
                    if (!row.expandable) return
                    e.stopPropagation()
                    setFocused(node.name)
                    setOpen(node.name, !row.expanded)
                  }}
                >
                  {row.expandable ? '▸' : ''}
                </span>
                <Icon name="tag" />
                <span className="tag-tree__label" lang={langOf(label)}>
                  {label}
                </span>
                {excluded && <span className="tag-tree__badge" aria-hidden="true">{t('tags.browser.not')}</span>}
                <span className="tag-tree__count" aria-hidden="true">
                  {node.count}
                </span>
                <button
                  type="button"
                  className="icon-button tag-tree__more"
                  tabIndex={-1}
                  aria-label={t('tags.menu.open', { tag: display(node.name) })}
                  aria-haspopup="menu"
                  onClick={(e) => {
                    e.stopPropagation()
                    const rect = e.currentTarget.getBoundingClientRect()
                    openMenuAt(node, rect.left, rect.bottom)
                  }}
                >
                  ⋯
                </button>
              </li>
            )
          })}
        </ul>
        {rows.length > 0 && <p className="tag-browser__hint">{t('tags.browser.hint')}</p>}
      </div>
      {menu && (
        <TagMenu
          x={menu.x}
          y={menu.y}
          label={t('tags.menu.label', { tag: display(menu.node.name) })}
          included={filter.include.includes(menu.node.name)}
          excluded={filter.exclude.includes(menu.node.name)}
          onAction={onMenuAction}
          onClose={() => {
            const name = menu.node.name
            setMenu(null)
            focusRow(name)
          }}
        />
      )}
      <TagEditDialogs
        edit={edit}
        onClose={() => setEdit(null)}
        onRenamed={(from, to) => onFilter((f) => renameInFilter(f, from, to))}
        onDeleted={(name) => onFilter((f) => dropFromFilter(f, name))}
      />
    </div>
  )
}
