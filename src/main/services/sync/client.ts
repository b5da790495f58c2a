// HTTP to the group archive server (global fetch, one timeout per request). Every failure becomes a
// SyncError with a message in plain words; nothing here touches the library.
import { activityRow, errorBody, pullResponse, pushResponse, type Operation, type PullResponse, type PushResponse, type Conflict } from '@shared/sync-protocol'
import type { SyncErrorKind } from '@shared/types'
import { z } from 'zod'

export type { SyncErrorKind }

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    readonly conflicts: Conflict[] = []
  ) {
    super(message)
    this.name = 'SyncError'
  }
}

export interface ClientOptions {
  server: string
  token: string
  group: string
  timeoutMs?: number
  /** Injected by tests to cut connections; the global fetch otherwise. */
  fetch?: typeof fetch
}

const groupInfo = z.object({ id: z.string(), version: z.number(), member: z.object({ name: z.string(), role: z.enum(['admin', 'editor', 'viewer']) }) })
export type GroupInfo = z.infer<typeof groupInfo>
const activityResponse = z.object({ days: z.number(), activity: z.array(activityRow) })
export type ActivityResponse = z.infer<typeof activityResponse>

export class ArchiveClient {
  private readonly base: URL
  private readonly fetch: typeof fetch
  private readonly timeoutMs: number

  constructor(private readonly o: ClientOptions) {
    this.base = new URL(`groups/${encodeURIComponent(o.group)}`, o.server.endsWith('/') ? o.server : `${o.server}/`)
    this.fetch = o.fetch ?? fetch
    this.timeoutMs = o.timeoutMs ?? 30_000
  }

  private async request(method: string, path: string, init: { body?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.o.token}`, ...init.headers }
    if (init.type) headers['content-type'] = init.type
    try {
      return await this.fetch(new URL(`${this.base.pathname}${path}`, this.base), { method, headers, body: init.body, signal: AbortSignal.timeout(this.timeoutMs) })
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code
      const why = (error as Error).name === 'TimeoutError' ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : (cause ?? (error as Error).message)
      throw new SyncError('unreachable', `the archive server at ${this.o.server} cannot be reached (${why}); changes stay queued`)
    }
  }

  /** Reads the body and turns a refusal into a SyncError. */
  private async json(res: Response): Promise<unknown> {
    let text: string
    try {
      text = await res.text()
    } catch {
      throw new SyncError('unreachable', `the connection to ${this.o.server} was cut mid-answer; changes stay queued`)
    }
    let value: unknown
    try {
      value = text ? JSON.parse(text) : undefined
    } catch {
      value = undefined
    }
    if (res.ok) return value
    const err = errorBody.safeParse(value)
    const said = err.success ? err.data.error.message : `HTTP ${res.status}`
    if (res.status === 401) throw new SyncError('unauthorized', `the server refused the token: ${said}`, 401)
    if (res.status === 403) throw new SyncError('forbidden', `the server refused the change: ${said}`, 403)
    if (res.status === 412) throw new SyncError('conflict', said, 412, err.success ? (err.data.conflicts ?? []) : [])
    if (res.status === 404) throw new SyncError('refused', `the server does not know this group (or this member may not see it): ${said}`, 404)
    throw new SyncError('refused', `the server answered ${res.status}: ${said}`, res.status)
  }

  private parse<T>(schema: z.ZodType<T>, value: unknown): T {
    const r = schema.safeParse(value)
    if (!r.success) throw new SyncError('refused', `the server's answer is not in the archive protocol (${r.error.issues[0]?.message ?? 'invalid'})`)
    return r.data
  }

  async group(): Promise<GroupInfo> {
    return this.parse(groupInfo, await this.json(await this.request('GET', '')))
  }

  /** Who imported, annotated and commented, per UTC day, over the last `days` days. */
  async activity(days: number): Promise<ActivityResponse> {
    return this.parse(activityResponse, await this.json(await this.request('GET', `/activity?days=${days}`)))
  }

  async hasBody(hash: string): Promise<boolean> {
    const res = await this.request('HEAD', `/bodies/${hash}`)
    if (res.status === 200) return true
    if (res.status === 404) return false
    await this.json(res)
    return false
  }

  async putBody(hash: string, body: string): Promise<void> {
    await this.json(await this.request('PUT', `/bodies/${hash}`, { body, type: 'text/plain; charset=utf-8' }))
  }

  async getBody(hash: string): Promise<string> {
    const res = await this.request('GET', `/bodies/${hash}`)
    if (!res.ok) await this.json(res)
    try {
      return await res.text()
    } catch {
      throw new SyncError('unreachable', `the connection to ${this.o.server} was cut mid-answer`)
    }
  }

  async push(operations: Operation[]): Promise<PushResponse> {
    return this.parse(pushResponse, await this.json(await this.request('POST', '/changes', { body: JSON.stringify({ operations }), type: 'application/json' })))
  }

  async pull(since: number, cursor?: string): Promise<PullResponse> {
    const q = new URLSearchParams({ since: String(since), limit: '500' })
    if (cursor) q.set('cursor', cursor)
    return this.parse(pullResponse, await this.json(await this.request('GET', `/changes?${q}`)))
  }
}
