// The preview host's window.api (runs in the browser page, bundled by src/main/preview/bridge-script.ts):
// the same buildApi() as the Electron preload, over HTTP to the preview host's dispatch() and
// Server-Sent Events for the events. It must run before the app's module script. The run's token travels
// in a cookie the host set when the page was opened; files for import:files go up one raw POST each.
import type { ApiEventName } from '@shared/api'
import { API_EVENT_NAMES } from '@shared/channels'
import { buildApi, type ApiTransport } from './build-api'

// The few browser APIs used here (this file is type-checked without the DOM library).
interface EventSourceLike {
  addEventListener(name: string, listener: (event: { data: string }) => void): void
}
const page = globalThis as unknown as { EventSource: new (url: string) => EventSourceLike; window: object }

export function httpTransport(): ApiTransport {
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>(API_EVENT_NAMES.map((e) => [e, new Set()]))
  let source: EventSourceLike | null = null
  // One event stream, opened on the first subscription.
  const connect = (): void => {
    if (source) return
    source = new page.EventSource('/api/events')
    for (const name of API_EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        let payload: unknown
        try {
          payload = JSON.parse(event.data)
        } catch {
          return
        }
        for (const listener of listeners.get(name) ?? []) {
          try {
            listener(payload)
          } catch (error) {
            console.error(error)
          }
        }
      })
    }
  }
  return {
    invoke: async (channel, args) => {
      try {
        if (channel === 'import:files') return await uploadFiles(args)
        return await post('/api/' + encodeURIComponent(channel), 'application/json', JSON.stringify(args === undefined ? {} : args))
      } catch (error) {
        return { ok: false, error: { code: 'io', message: `preview host unreachable: ${(error as Error).message}` } }
      }
    },
    subscribe: (name, listener) => {
      connect()
      listeners.get(name)?.add(listener)
      return () => listeners.get(name)?.delete(listener)
    }
  }
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }

async function post(url: string, type: string, body: string | Uint8Array<ArrayBuffer>): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body })
  return (await res.json()) as Answer
}

/**
 * import:files over HTTP: each file is streamed to disk by the host (POST /api/upload), then one call
 * imports them all. JSON could not carry the bytes, and would be buffered whole.
 */
async function uploadFiles(args: unknown): Promise<Answer> {
  const files = (args as { files?: unknown } | undefined)?.files
  if (!Array.isArray(files) || files.length === 0) return { ok: false, error: { code: 'invalid-argument', message: 'import:files: files must be a non-empty list' } }
  const uploads: string[] = []
  for (const file of files as { name?: unknown; bytes?: unknown }[]) {
    if (typeof file?.name !== 'string' || !(file.bytes instanceof Uint8Array)) {
      return { ok: false, error: { code: 'invalid-argument', message: 'import:files: each file needs a name and its bytes' } }
    }
    const answer = await post(`/api/upload?name=${encodeURIComponent(file.name)}`, 'application/octet-stream', file.bytes as Uint8Array<ArrayBuffer>)
    if (!answer.ok) return answer
    uploads.push((answer.value as { uploadId: string }).uploadId)
  }
  return post('/api/upload/import', 'application/json', JSON.stringify({ uploads }))
}

Object.defineProperty(page.window, 'api', { value: buildApi(httpTransport()), writable: false, configurable: false })
