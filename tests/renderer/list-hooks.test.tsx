// @vitest-environment jsdom
// The article list's hooks on a fake paged list: checking rows (toggle, ranges across unloaded pages, a new
// query starts with none) and J/K stepping from the active row or from the open article.
import { describe, expect, it, vi } from 'vitest'
import type { ArticleSummary } from '@shared/types'
import { PAGE_SIZE, type ArticleList } from '@renderer/features/library/use-article-list'
import { useListCursor } from '@renderer/features/library/use-list-cursor'
import { useListSelection } from '@renderer/features/library/use-list-selection'
import { renderHook, run, settle } from './helpers/render-hook'

/** A list of `total` articles with ids 1000 + index, of which only the first page is loaded at first. */
function fakeList(total: number): ArticleList {
  const loaded = new Set<number>([0])
  const item = (index: number): ArticleSummary => ({
    id: 1000 + index,
    title: `文章${index}`,
    source: null,
    author: null,
    editor: null,
    publishedAt: null,
    importedAt: '2025-01-01T00:00:00.000Z',
    tags: [],
    readState: 'unread',
    progress: 0,
    annotationCount: 0,
    sourceScript: null
  })
  const getItem = (index: number) => (index >= 0 && index < total && loaded.has(Math.floor(index / PAGE_SIZE)) ? item(index) : undefined)
  return {
    total,
    error: null,
    version: 0,
    getItem,
    ensureRange: () => undefined,
    loadItem: vi.fn(async (index: number) => {
      if (index < 0 || index >= total) return undefined
      loaded.add(Math.floor(index / PAGE_SIZE))
      return getItem(index)
    }),
    indexOfId: (id) => (getItem(id - 1000) ? id - 1000 : -1),
    patchItem: () => undefined,
    loadedItems: () => []
  }
}

describe('useListSelection', () => {
  it('toggles rows, checks a range across pages not loaded yet, and starts over for a new query', async () => {
    const list = fakeList(PAGE_SIZE * 3)
    const hook = renderHook((p: { key: string }) => useListSelection(list, p.key, 2), { key: 'q1' })
    expect(hook.current.anchor).toBe(2)

    run(() => hook.current.toggle(5))
    run(() => hook.current.toggle(7))
    run(() => hook.current.toggle(5))
    expect([...hook.current.selected]).toEqual([1007])
    expect(hook.current.anchor).toBe(5)

    // From the anchor to a row on the third page: the pages in between are fetched once each.
    const to = PAGE_SIZE * 2 + 3
    await hook.current.checkRange(hook.current.anchor, to)
    await settle()
    expect(hook.current.selected.size).toBe(to - 5 + 1)
    expect(hook.current.selected.has(1000 + to)).toBe(true)
    expect(list.loadItem).toHaveBeenCalledTimes(2)

    hook.rerender({ key: 'q2' })
    expect(hook.current.selected.size).toBe(0)
    expect(hook.current.anchor).toBe(2)
    hook.unmount()
  })
})

describe('useListCursor', () => {
  it('steps from the active row, follows the open article wherever it was opened, and keeps it by id when rows move', async () => {
    const list = fakeList(10)
    const open = vi.fn()
    const hook = renderHook((p: { key: string; openId: number | null; list?: ArticleList }) => useListCursor(p.list ?? list, p.key, p.openId, open), {
      key: 'q',
      openId: null as number | null
    } as { key: string; openId: number | null; list?: ArticleList })

    run(() => void hook.current.step(1))
    await settle()
    expect(hook.current.activeIndex).toBe(0)
    expect(open).toHaveBeenLastCalledWith(1000)

    // The article at index 5 was opened elsewhere (the import report): J continues from it.
    hook.rerender({ key: 'q', openId: 1005 })
    run(() => void hook.current.step(1))
    await settle()
    expect(hook.current.activeIndex).toBe(6)
    expect(open).toHaveBeenLastCalledWith(1006)

    // A new query puts the cursor on the open article's row in it.
    hook.rerender({ key: 'q2', openId: 1006 })
    expect(hook.current.activeIndex).toBe(6)

    // Three rows inserted above (an import): the cursor stays on article 1006, now at row 9, not on row 6.
    const shifted: ArticleList = { ...list, getItem: (i) => list.getItem(i - 3), indexOfId: (id) => list.indexOfId(id) + 3, version: 1 }
    hook.rerender({ key: 'q2', openId: 1006, list: shifted })
    console.log(`[list-cursor] after 3 rows were inserted above, the active row is ${hook.current.activeIndex} (article 1006)`)
    expect(hook.current.activeIndex).toBe(9)
    hook.unmount()
  })
})
