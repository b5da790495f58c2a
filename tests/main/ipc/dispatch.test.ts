import { afterEach, describe, expect, it, vi } from 'vitest'
import { API_CHANNELS } from '../../../src/shared/api'
import { AppError } from '../../../src/shared/result'
import { dispatch } from '../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createTestContext, type TestContext } from '../../helpers/context'

describe('dispatch (the wrapper every IPC and preview call goes through)', () => {
  let t: TestContext
  afterEach(() => t?.cleanup())

  it('has a handler for every contract channel', () => {
    const handlers = createHandlers()
    expect(Object.keys(handlers).sort()).toEqual([...API_CHANNELS].sort())
  })

  it('rejects unknown channels and malformed arguments with a clear error, without calling the handler', async () => {
    t = await createTestContext()
    const handlers = createHandlers()
    const spy = vi.spyOn(handlers, 'articles:get')
    expect(await dispatch(handlers, t.ctx, 'fs:readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' }
    })
    expect(await dispatch(handlers, t.ctx, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    for (const bad of [{ id: 'x' }, { id: -1 }, { id: 1.5 }, { id: 1, extra: true }, null, 'str', [1]]) {
      const result = await dispatch(handlers, t.ctx, 'articles:get', bad)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-argument')
        expect(result.error.message).toContain('articles:get')
      }
    }
    expect(spy).not.toHaveBeenCalled()
  })

  it('returns handler errors as data: AppError keeps its code, anything else is internal', async () => {
    t = await createTestContext()
    const handlers = createHandlers()
    expect(await dispatch(handlers, t.ctx, 'articles:get', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'article 999 does not exist' }
    })
    const broken = {
      ...handlers,
      'tags:list': () => {
        throw new TypeError('kaput')
      }
    }
    const log = vi.fn()
    expect(await dispatch(broken, t.ctx, 'tags:list', {}, log)).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'tags:list failed: kaput' }
    })
    expect(log).toHaveBeenCalledOnce()
    const conflict = { ...handlers, 'tags:list': () => Promise.reject(new AppError('conflict', 'busy')) }
    expect(await dispatch(conflict, t.ctx, 'tags:list', {})).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('fills defaults and round-trips settings through validation', async () => {
    t = await createTestContext()
    const handlers = createHandlers()
    const page = await dispatch(handlers, t.ctx, 'articles:list', {})
    expect(page).toMatchObject({ ok: true, value: { items: [], total: 0, offset: 0 } })
    expect(await dispatch(handlers, t.ctx, 'settings:set', { fontSize: 99 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' }
    })
    const set = await dispatch(handlers, t.ctx, 'settings:set', { fontSize: 22, theme: 'sepia' })
    expect(set).toMatchObject({ ok: true, value: { fontSize: 22, theme: 'sepia' } })
    expect(await dispatch(handlers, t.ctx, 'settings:get', {})).toMatchObject({ ok: true, value: { fontSize: 22 } })
  })
})
