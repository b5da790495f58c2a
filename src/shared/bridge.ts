// The shape of window.api, derived from the contract: one function per channel returning a Result, and one
// subscribe function per event returning an unsubscribe function. Preload and preview bridge both build it.
import type { ApiArgs, ApiChannel, ApiEventName, ApiEvents, ApiResult } from './api'
import type { Result } from './result'

export type RendererApi = {
  readonly [C in ApiChannel]: (args: ApiArgs<C>) => Promise<Result<ApiResult<C>>>
} & {
  readonly events: { readonly [E in ApiEventName]: (listener: (payload: ApiEvents[E]) => void) => () => void }
}

/** IPC channel names on the wire: methods are invoked on `api:<channel>`, events arrive on `event:<name>`. */
export const ipcMethodChannel = (channel: ApiChannel): string => `api:${channel}`
export const ipcEventChannel = (name: ApiEventName): string => `event:${name}`
