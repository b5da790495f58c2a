// @vitest-environment jsdom
// useAnnotations against a fake API client: the list loads for the article and text kind, a new highlight
// is painted at once and replaced by the saved one, and a failed save rolls back with an error toast.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnnotationView } from '@shared/anchoring/types'
import { toastStore } from '@renderer/app/toast-store'
import { useAnnotations } from '@renderer/features/annotations/use-annotations'
import { FakeApiError, installFakeApi } from './helpers/fake-api'
import { deferred, renderHook, settle } from './helpers/render-hook'

const TEXT = '北京时间昨日，法国多地再次罢工。'

function saved(id: number, start: number, end: number, extra: Partial<AnnotationView> = {}): AnnotationView {
  return {
    id,
    articleId: 7,
    color: 'yellow',
    note: null,
    quote: TEXT.slice(start, end),
    storedKind: 'clean',
    storedStart: start,
    storedEnd: end,
    textKind: 'clean',
    start,
    end,
    orphan: false,
    anchoredBy: 'position',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...extra
  }
}

const useArticleAnnotations = ({ articleId }: { articleId: number }) => useAnnotations(articleId, 'clean', TEXT)

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => {
  vi.restoreAllMocks()
  for (const t of toastStore.snapshot()) toastStore.dismiss(t.id)
})

describe('useAnnotations', () => {
  it('loads the article’s highlights, orphans apart, and shows none for another article until it answers', async () => {
    const api = installFakeApi({
      'annotations:list': ({ articleId, textKind = 'clean' }) => ({
        articleId,
        textKind,
        items: articleId === 7 ? [saved(1, 0, 4), saved(2, 0, 0, { orphan: true, start: null, end: null })] : [],
        orphanCount: articleId === 7 ? 1 : 0
      })
    })
    const hook = renderHook(useArticleAnnotations, { articleId: 7 })
    expect(hook.current.loaded).toBe(false)
    await settle()
    expect(hook.current.loaded).toBe(true)
    expect(hook.current.anchored.map((a) => a.id)).toEqual([1])
    expect(hook.current.orphans.map((a) => a.id)).toEqual([2])
    expect(api.calls).toEqual([{ channel: 'annotations:list', args: { articleId: 7, textKind: 'clean' } }])

    hook.rerender({ articleId: 8 })
    expect(hook.current).toMatchObject({ loaded: false, items: [] })
    await settle()
    expect(hook.current).toMatchObject({ loaded: true, items: [] })
    hook.unmount()
  })

  it('paints a new highlight before the answer (a pending negative id), then swaps in the saved one', async () => {
    const answer = deferred<AnnotationView>()
    installFakeApi({
      'annotations:list': ({ articleId, textKind = 'clean' }) => ({ articleId, textKind, items: [], orphanCount: 0 }),
      'annotations:create': () => answer.promise
    })
    const hook = renderHook(useArticleAnnotations, { articleId: 7 })
    await settle()
    let created: Promise<AnnotationView | null> | undefined
    act(() => {
      created = hook.current.create({ start: 4, end: 6 }, 'blue')
    })
    const pending = hook.current.anchored[0]
    expect(pending).toMatchObject({ color: 'blue', start: 4, end: 6, quote: '昨日' })
    expect(pending?.id).toBeLessThan(0)

    answer.resolve(saved(42, 4, 6, { color: 'blue' }))
    await settle()
    expect(await created).toMatchObject({ id: 42 })
    expect(hook.current.anchored.map((a) => a.id)).toEqual([42])
    hook.unmount()
  })

  it('rolls a failed highlight back and says so in an error toast', async () => {
    installFakeApi({
      'annotations:list': ({ articleId, textKind = 'clean' }) => ({ articleId, textKind, items: [saved(1, 0, 4)], orphanCount: 0 }),
      'annotations:create': () => {
        throw new FakeApiError('io', 'database is locked')
      }
    })
    const hook = renderHook(useArticleAnnotations, { articleId: 7 })
    await settle()
    let result: AnnotationView | null | undefined
    await act(async () => {
      result = await hook.current.create({ start: 4, end: 6 }, 'pink')
    })
    expect(result).toBeNull()
    expect(hook.current.anchored.map((a) => a.id)).toEqual([1])
    expect(toastStore.snapshot()).toEqual([
      expect.objectContaining({ key: 'error.api', params: { message: 'database is locked' }, paramKeys: { action: 'error.action.save' } })
    ])
    hook.unmount()
  })
})
