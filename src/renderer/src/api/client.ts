// Renderer side of the contract: the only module that touches window.api. It unwraps every Result into a
// value or a thrown ApiCallError, so components deal with plain promises and one error type.
import type { ApiArgs, ApiChannel, ApiEventName, ApiEvents, ApiResult } from '@shared/api'
import type { RendererApi } from '@shared/bridge'
import type { ApiError, ErrorCode } from '@shared/result'

export class ApiCallError extends Error {
  readonly code: ErrorCode | 'no-bridge'
  readonly channel: ApiChannel
  readonly details?: unknown

  constructor(channel: ApiChannel, error: Pick<ApiError, 'message' | 'details'> & { code: ErrorCode | 'no-bridge' }) {
    super(error.message)
    this.name = 'ApiCallError'
    this.code = error.code
    this.channel = channel
    this.details = error.details
  }
}

/** A write main refused because this library is read-only (details.kind 'read-only'). */
export function isReadOnlyError(error: unknown): boolean {
  return error instanceof ApiCallError && (error.details as { kind?: unknown } | undefined)?.kind === 'read-only'
}

function bridge(): RendererApi | undefined {
  // window.api is typed by the preload's global declaration in the desktop build; reading it through a cast
  // keeps the renderer compiling even when that declaration is not part of the program.
  return (window as unknown as { api?: RendererApi }).api
}

export function hasBridge(): boolean {
  return bridge() !== undefined
}

/** Calls one API channel and returns its value, or throws ApiCallError carrying the stable error code. */
export async function call<C extends ApiChannel>(channel: C, args: ApiArgs<C>): Promise<ApiResult<C>> {
  const api = bridge()
  if (!api) throw new ApiCallError(channel, { code: 'no-bridge', message: 'window.api is not available' })
  // The mapped RendererApi type cannot be indexed generically without losing the link between C and its
  // argument type, so the call goes through one local function type.
  const fn = api[channel] as unknown as (a: ApiArgs<C>) => Promise<import('@shared/result').Result<ApiResult<C>>>
  let result
  try {
    result = await fn(args)
  } catch (e) {
    // Transport failures (IPC torn down, preview host gone) arrive as rejections rather than Results.
    throw new ApiCallError(channel, { code: 'io', message: e instanceof Error ? e.message : String(e) })
  }
  if (result.ok) return result.value
  throw new ApiCallError(channel, result.error)
}

/** Subscribes to a main-process event; returns the unsubscribe function (a no-op without a bridge). */
export function subscribe<E extends ApiEventName>(name: E, listener: (payload: ApiEvents[E]) => void): () => void {
  const api = bridge()
  const on = api?.events?.[name] as ((l: (p: ApiEvents[E]) => void) => () => void) | undefined
  if (!on) return () => undefined
  return on(listener)
}
