// @vitest-environment jsdom
// useApiCall: loading from the very render the deps change, stale answers ignored, reload, local edits,
// error toasts (or none when quiet), and nothing applied after unmount.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { toastStore } from '@renderer/app/toast-store'
import { useApiCall, type ApiCallOptions } from '@renderer/hooks/use-api-call'
import { deferred, renderHook, run, settle } from './helpers/render-hook'

type Props = { id: number | null; request: (id: number) => Promise<string>; options?: ApiCallOptions }

const useFetch = ({ id, request, options }: Props) => useApiCall(id === null ? null : () => request(id), [id], options)

// reportError also logs the error; keep the test output to the assertions.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => {
  vi.restoreAllMocks()
  for (const t of toastStore.snapshot()) toastStore.dismiss(t.id)
})

describe('useApiCall', () => {
  it('is loading until the answer arrives, then holds it', async () => {
    const answer = deferred<string>()
    const hook = renderHook(useFetch, { id: 1, request: () => answer.promise })
    expect(hook.current).toMatchObject({ data: undefined, error: null, loading: true })
    answer.resolve('one')
    await settle()
    expect(hook.current).toMatchObject({ data: 'one', error: null, loading: false })
    hook.unmount()
  })

  it('reports loading in the same render the deps change, keeps the last answer meanwhile, and ignores a stale answer', async () => {
    const answers = new Map([1, 2].map((id) => [id, deferred<string>()]))
    const request = (id: number) => (answers.get(id) as ReturnType<typeof deferred<string>>).promise
    const hook = renderHook(useFetch, { id: 1, request })
    answers.get(1)?.resolve('one')
    await settle()
    answers.set(1, deferred<string>())

    hook.rerender({ id: 2, request })
    expect(hook.current).toMatchObject({ data: 'one', loading: true })
    // The first request answers again late (a slow duplicate): it must not replace the newer one's result.
    hook.rerender({ id: 1, request })
    hook.rerender({ id: 2, request })
    answers.get(1)?.resolve('late one')
    answers.get(2)?.resolve('two')
    await settle()
    expect(hook.current).toMatchObject({ data: 'two', loading: false })
    hook.unmount()
  })

  it('makes no request for a null request function', async () => {
    let calls = 0
    const hook = renderHook(useFetch, {
      id: null,
      request: async () => {
        calls++
        return 'x'
      }
    })
    await settle()
    expect(calls).toBe(0)
    expect(hook.current.loading).toBe(false)
    hook.unmount()
  })

  it('reload() asks again with the same deps; mutate() edits the answer locally', async () => {
    let n = 0
    const hook = renderHook(useFetch, { id: 1, request: async (id) => `${id}:${++n}` })
    await settle()
    expect(hook.current.data).toBe('1:1')
    run(() => hook.current.mutate((d) => `${d}!`))
    await settle()
    expect(hook.current.data).toBe('1:1!')
    run(() => hook.current.reload())
    await settle()
    expect(hook.current.data).toBe('1:2')
    hook.unmount()
  })

  it('turns a failure into `error` (keeping the last answer) and an error toast naming the action', async () => {
    let fail = false
    const request = async () => {
      if (fail) throw new Error('disk gone')
      return 'ok'
    }
    const hook = renderHook(useFetch, { id: 1, request, options: { action: 'error.action.tags' } })
    await settle()
    fail = true
    run(() => hook.current.reload())
    await settle()
    expect(hook.current.data).toBe('ok')
    expect((hook.current.error as Error).message).toBe('disk gone')
    expect(toastStore.snapshot()).toEqual([
      expect.objectContaining({ kind: 'error', key: 'error.api', params: { message: 'disk gone' }, paramKeys: { action: 'error.action.tags' } })
    ])
    // A later success clears the error.
    fail = false
    run(() => hook.current.reload())
    await settle()
    expect(hook.current).toMatchObject({ data: 'ok', error: null })
    hook.unmount()
  })

  it('stays silent when quiet, and applies nothing after unmount', async () => {
    const answer = deferred<string>()
    const quiet = renderHook(useFetch, { id: 1, request: () => Promise.reject(new Error('nope')), options: { quiet: true } })
    await settle()
    expect(quiet.current.error).toBeInstanceOf(Error)
    expect(toastStore.snapshot()).toEqual([])
    quiet.unmount()

    const hook = renderHook(useFetch, { id: 1, request: () => answer.promise })
    const before = hook.current
    hook.unmount()
    answer.reject(new Error('after unmount'))
    await settle()
    expect(hook.current).toBe(before)
    expect(toastStore.snapshot()).toEqual([])
  })
})
