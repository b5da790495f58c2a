// Builds window.api from the contract's names over any transport: the Electron preload (IPC, index.ts) and
// the preview host's bridge (HTTP, preview-bridge.ts) both call this, so both expose exactly the contract,
// one function per channel and one subscribe function per event, and nothing else.
import type { ApiChannel, ApiEventName } from '@shared/api'
import type { RendererApi } from '@shared/bridge'
import { API_CHANNEL_NAMES, API_EVENT_NAMES } from '@shared/channels'

export interface ApiTransport {
  /** Sends one call; resolves to its Result. */
  invoke(channel: ApiChannel, args: unknown): Promise<unknown>
  /** Starts delivering one event's payloads to listener; returns the function that stops it. */
  subscribe(event: ApiEventName, listener: (payload: unknown) => void): () => void
}

export function buildApi(transport: ApiTransport): RendererApi {
  const api: Record<string, unknown> = {}
  for (const channel of API_CHANNEL_NAMES) api[channel] = (args: unknown) => transport.invoke(channel, args)
  const events: Record<string, unknown> = {}
  for (const name of API_EVENT_NAMES) events[name] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener)
  api.events = Object.freeze(events)
  return Object.freeze(api) as unknown as RendererApi
}
