// A fake window.api for renderer tests: each channel answers from a handler (a value, a promise, or a thrown
// ApiError-like object), wrapped in the Result envelope the real bridge returns. Calls are recorded.
import type { ApiArgs, ApiChannel, ApiResult } from '@shared/api'
import type { ErrorCode } from '@shared/result'

type Handler<C extends ApiChannel> = (args: ApiArgs<C>) => ApiResult<C> | Promise<ApiResult<C>>
export type FakeHandlers = { [C in ApiChannel]?: Handler<C> }

export interface FakeApi {
  calls: { channel: ApiChannel; args: unknown }[]
  /** Replaces or adds handlers. */
  on: (handlers: FakeHandlers) => void
}

/** Thrown from a handler to answer with `{ ok: false, error }`. */
export class FakeApiError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string
  ) {}
}

export function installFakeApi(initial: FakeHandlers = {}): FakeApi {
  const handlers: FakeHandlers = { ...initial }
  const calls: FakeApi['calls'] = []
  const api = new Proxy(
    {},
    {
      get(_target, channel: string) {
        if (channel === 'events') return {}
        return async (args: unknown) => {
          calls.push({ channel: channel as ApiChannel, args })
          const handler = handlers[channel as ApiChannel] as ((a: unknown) => unknown) | undefined
          if (!handler) return { ok: false, error: { code: 'unknown-channel', message: `no fake for ${channel}` } }
          try {
            return { ok: true, value: await handler(args) }
          } catch (e) {
            if (e instanceof FakeApiError) return { ok: false, error: { code: e.code, message: e.message } }
            throw e
          }
        }
      }
    }
  )
  ;(window as unknown as { api: unknown }).api = api
  return { calls, on: (more) => Object.assign(handlers, more) }
}
