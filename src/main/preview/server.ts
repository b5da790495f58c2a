// The browser preview host (development and e2e only): serves the built renderer on 127.0.0.1 and answers
// the API contract over HTTP by calling the very same dispatch() as the Electron IPC bridge. Every request
// needs this run's token; bodies are read as streams under limits (uploads straight to disk), a few at a
// time; a malformed request gets 400 and any failure a typed error, never a stack or a raw message.
import { randomUUID, timingSafeEqual } from 'node:crypto'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { API_EVENTS, MAX_UPLOAD_BYTES } from '@shared/api'
import type { ErrorCode } from '@shared/result'
import type { AppContext } from '../app/context'
import { dispatch, type ApiHandlers } from '../ipc/dispatch'
import { startImport } from '../ipc/handlers/import.handlers'
import { MIME_TYPES, readStaticFile, staticHeaders } from '../security/static-files'
import { bridgeScript } from './bridge-script'

export const PREVIEW_LIMITS = {
  /** One API call's JSON; the largest real one (tags:add on 100,000 articles) is under 1 MB. */
  jsonBytes: 8 * 1024 * 1024,
  uploadBytes: MAX_UPLOAD_BYTES,
  /** Uploaded files waiting for /api/upload/import; older ones are dropped after uploadTtlMs. */
  pendingUploads: 1000,
  pendingBytes: 2 * 1024 * 1024 * 1024,
  uploadTtlMs: 30 * 60_000,
  /** API calls and uploads being read or answered at once; more wait in line, and past the line get 503. */
  concurrent: 8,
  queued: 256
}

const BRIDGE_PATH = '/__marginalia/bridge.js'
const TOKEN_HEADER = 'x-marginalia-token'

export interface PreviewServerOptions {
  ctx: AppContext
  handlers: ApiHandlers
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** This run's secret: the ready URL carries it, every request must present it. */
  token: string
  limits?: Partial<typeof PREVIEW_LIMITS>
  /** Where uploads wait for their import (default: a private temp folder made on the first upload). */
  uploadDir?: string
}

/** A request refused on purpose: answered with its status and a typed error. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
  }
}

export function createPreviewServer({ ctx, handlers, rendererDir, token, limits: overrides, uploadDir }: PreviewServerOptions): Server {
  const limits = { ...PREVIEW_LIMITS, ...overrides }
  // Bundled before the server answers anything: a first page load must never race (or fail on) the build.
  const bridge = bridgeScript()
  const events = eventStream(ctx)
  const uploads = uploadStore(limits, uploadDir)
  const gate = limiter(limits.concurrent, limits.queued)
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!(error instanceof HttpError)) console.error('[marginalia] preview request failed', error)
      const failure =
        error instanceof HttpError ? error : new HttpError(500, 'internal', 'the preview host could not answer this request; its console has the details')
      fail(req, res, failure)
    })
  })

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = addressedToUs(req, server)
    if (!host) throw new HttpError(403, 'forbidden-sender', 'forbidden host')
    const url = parseUrl(req.url, host)
    const cookie = `marginalia-preview-${host.slice(host.lastIndexOf(':') + 1)}`
    if (!hasToken(req, url, cookie, token)) {
      throw new HttpError(401, 'forbidden-sender', 'open the address the preview host printed: it carries this run’s token')
    }
    // Opening the printed URL is all a browser needs: the page's own requests then carry the cookie.
    if (url.searchParams.has('token')) res.setHeader('set-cookie', `${cookie}=${token}; Path=/; HttpOnly; SameSite=Strict`)
    if (url.pathname.startsWith('/api/')) {
      if (req.headers.origin !== undefined && req.headers.origin !== `http://${host}`) throw new HttpError(403, 'forbidden-sender', 'forbidden origin')
      if (url.pathname === '/api/events' && req.method === 'GET') return events.open(req, res)
      if (req.method !== 'POST') throw new HttpError(405, 'invalid-argument', 'POST only')
      return gate(() => answerPost(req, res, url))
    }
    if (url.pathname === BRIDGE_PATH) return send(res, 200, MIME_TYPES['.js'], bridge)
    serveRenderer(rendererDir, url.pathname, res)
  }

  async function answerPost(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/upload') {
      const name = url.searchParams.get('name') ?? ''
      if (name.length === 0 || name.length > 1024) throw new HttpError(400, 'invalid-argument', 'upload: ?name= must be 1 to 1024 characters')
      return sendJson(res, 200, { ok: true, value: { uploadId: await uploads.receive(req, name) } })
    }
    const body = await readJson(req, limits.jsonBytes)
    if (url.pathname === '/api/upload/import') {
      const files = uploads.take((body as { uploads?: unknown }).uploads)
      let started: { importId: number }
      try {
        started = startImport(ctx, { uploads: files })
      } catch (error) {
        // Taken from the pending list but never handed to an import: nothing else would remove them.
        for (const f of files) rmSync(f.path, { force: true })
        throw error
      }
      return sendJson(res, 200, { ok: true, value: started })
    }
    sendJson(res, 200, await dispatch(handlers, ctx, decodePath(url.pathname.slice('/api/'.length)), body))
  }

  server.on('close', () => {
    events.closeAll()
    uploads.dispose()
  })
  return server
}

function parseUrl(raw: string | undefined, host: string): URL {
  // Origin-form only ("/path?query"); concatenated, so "//other" stays a path on this host.
  if (!raw?.startsWith('/')) throw new HttpError(400, 'invalid-argument', 'malformed request target')
  try {
    return new URL(`http://${host}${raw}`)
  } catch {
    throw new HttpError(400, 'invalid-argument', 'malformed request target')
  }
}

function decodePath(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new HttpError(400, 'invalid-argument', 'malformed %-escape in the address')
  }
}

/** The token as a ?token= query (the printed URL), a header (scripts), or the cookie (the page). */
function hasToken(req: IncomingMessage, url: URL, cookie: string, token: string): boolean {
  const header = req.headers[TOKEN_HEADER]
  const fromCookie = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${cookie}=`))
    ?.slice(cookie.length + 1)
  const presented = url.searchParams.get('token') ?? (typeof header === 'string' ? header : undefined) ?? fromCookie
  if (presented === undefined) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Loopback only, and only requests addressed to us: rejects DNS rebinding and cross-site calls. Returns the Host. */
function addressedToUs(req: IncomingMessage, server: Server): string | null {
  const host = req.headers.host ?? ''
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` ? host : null
}

/** Runs at most `concurrent` tasks at once; up to `queued` more wait their turn, the rest are refused. */
function limiter(concurrent: number, queued: number) {
  let active = 0
  const waiting: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= concurrent) {
      if (waiting.length >= queued) throw new HttpError(503, 'io', 'the preview host is busy; try again in a moment')
      await new Promise<void>((resolve) => waiting.push(resolve))
    }
    active++
    try {
      return await task()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}

/** Counts the bytes going through and fails past `max`, so a body is never read further than the limit. */
function byteLimit(max: number, what: string): Transform {
  let size = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      done(size > max ? new HttpError(413, 'invalid-argument', `${what} is larger than ${max} bytes`) : null, chunk)
    }
  })
}

function declaredTooLarge(req: IncomingMessage, max: number): boolean {
  const declared = Number(req.headers['content-length'])
  return Number.isFinite(declared) && declared > max
}

/** A body that stops arriving (the client went away) is the client's failure, not ours. */
async function readBody(stages: Promise<void>): Promise<void> {
  try {
    await stages
  } catch (error) {
    throw error instanceof HttpError ? error : new HttpError(400, 'io', 'the request body did not arrive whole')
  }
}

async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  if (declaredTooLarge(req, max)) throw new HttpError(413, 'invalid-argument', `request body is larger than ${max} bytes`)
  const chunks: Buffer[] = []
  await readBody(
    pipeline(
      req,
      byteLimit(max, 'request body'),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk)
          done()
        }
      })
    )
  )
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text || '{}') as unknown
  } catch (error) {
    throw new HttpError(400, 'invalid-argument', `request body is not JSON: ${(error as Error).message}`)
  }
}

/** Uploaded files, each written to a private folder as it arrives, until an import takes them. */
function uploadStore(limits: typeof PREVIEW_LIMITS, given?: string) {
  let dir: string | null = given ?? null // else made on the first upload: most runs never upload
  const pending = new Map<string, { name: string; path: string; size: number; at: number }>()
  const forget = (id: string): void => {
    const item = pending.get(id)
    if (item) rmSync(item.path, { force: true })
    pending.delete(id)
  }
  return {
    async receive(req: IncomingMessage, name: string): Promise<string> {
      for (const [id, item] of pending) if (Date.now() - item.at > limits.uploadTtlMs) forget(id)
      const waitingBytes = [...pending.values()].reduce((n, item) => n + item.size, 0)
      if (pending.size >= limits.pendingUploads || waitingBytes >= limits.pendingBytes) {
        throw new HttpError(503, 'io', 'too many uploads are waiting for an import; import or wait, then try again')
      }
      if (declaredTooLarge(req, limits.uploadBytes)) throw new HttpError(413, 'invalid-argument', `the file is larger than ${limits.uploadBytes} bytes`)
      dir ??= mkdtempSync(join(tmpdir(), 'marginalia-preview-uploads-'))
      const id = randomUUID()
      const path = join(dir, id)
      const file = createWriteStream(path, { flags: 'wx' })
      try {
        await readBody(pipeline(req, byteLimit(limits.uploadBytes, 'the file'), file))
      } catch (error) {
        rmSync(path, { force: true })
        throw error
      }
      pending.set(id, { name, path, size: file.bytesWritten, at: Date.now() })
      return id
    },
    /** The uploads named by ids, no longer pending; the import moves and then removes their files. */
    take(ids: unknown): { name: string; path: string }[] {
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > limits.pendingUploads || !ids.every((id) => typeof id === 'string')) {
        throw new HttpError(400, 'invalid-argument', 'upload/import: uploads must be a non-empty list of upload ids')
      }
      const missing = ids.filter((id: string) => !pending.has(id))
      if (missing.length > 0) throw new HttpError(404, 'not-found', `upload/import: ${missing.length} upload(s) unknown or expired`)
      return ids.map((id: string) => {
        const { name, path } = pending.get(id)!
        pending.delete(id)
        return { name, path }
      })
    },
    dispose(): void {
      if (given) for (const id of [...pending.keys()]) forget(id)
      pending.clear()
      if (dir && !given) rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Forwards the app's events to every open Server-Sent Events stream. */
function eventStream(ctx: AppContext) {
  const clients = new Set<ServerResponse>()
  ctx.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const client of clients) client.write(frame)
  })
  return {
    open(req: IncomingMessage, res: ServerResponse): void {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(`: connected ${API_EVENTS.length} events\n\n`)
      clients.add(res)
      req.on('close', () => clients.delete(res))
    },
    closeAll(): void {
      for (const client of clients) client.end()
    }
  }
}

/** A file of the built renderer; index.html gets the bridge, which must define window.api before the app's module script runs. */
function serveRenderer(rendererDir: string, pathname: string, res: ServerResponse): void {
  const found = readStaticFile(rendererDir, pathname)
  if (found.status !== 200) throw found.status === 400 ? new HttpError(400, 'invalid-argument', 'bad path') : new HttpError(404, 'not-found', 'not found')
  const body = found.file.endsWith(`${sep}index.html`)
    ? found.body.toString('utf8').replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`)
    : found.body
  send(res, 200, found.type, body)
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...staticHeaders(type), 'cache-control': 'no-store' })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, MIME_TYPES['.json'], JSON.stringify(value))
}

/** API requests get a Result the bridge can read; pages get plain text. An unread body closes the connection. */
function fail(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  if (res.headersSent) return void res.destroy()
  if (!req.complete) res.setHeader('connection', 'close')
  if ((req.url ?? '').startsWith('/api/')) sendJson(res, error.status, { ok: false, error: { code: error.code, message: error.message } })
  else send(res, error.status, MIME_TYPES['.txt'], error.message)
}
