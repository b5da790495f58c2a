// The browser preview host (development and e2e only): serves the built renderer on 127.0.0.1 and answers
// the API contract over HTTP by calling the very same dispatch() as the Electron IPC bridge.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { API_EVENTS } from '@shared/api'
import type { AppContext } from '../app/context'
import { dispatch, type ApiHandlers } from '../ipc/dispatch'
import { APP_CSP } from '../security/csp'
import { bridgeScript } from './bridge-script'

const MAX_BODY_BYTES = 400 * 1024 * 1024
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8'
}

export interface PreviewServerOptions {
  ctx: AppContext
  handlers: ApiHandlers
  /** The built renderer (out/renderer). */
  rendererDir: string
}

export function createPreviewServer({ ctx, handlers, rendererDir }: PreviewServerOptions): Server {
  const root = resolve(rendererDir)
  const sseClients = new Set<ServerResponse>()
  ctx.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const client of sseClients) client.write(frame)
  })

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}`)
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Loopback only, and only for requests addressed to us: rejects DNS-rebinding and cross-site calls.
    const host = req.headers.host ?? ''
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403).end('forbidden host')
      return
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin
      if (origin !== undefined && origin !== `http://${host}`) {
        res.writeHead(403).end('forbidden origin')
        return
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive'
        })
        res.write(`: connected ${API_EVENTS.length} events\n\n`)
        sseClients.add(res)
        req.on('close', () => sseClients.delete(res))
        return
      }
      if (req.method !== 'POST') {
        res.writeHead(405).end('POST only')
        return
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length))
      let body: unknown
      try {
        body = JSON.parse((await readBody(req)).toString('utf8') || '{}')
      } catch (error) {
        sendJson(res, {
          ok: false,
          error: { code: 'invalid-argument', message: `request body is not JSON: ${(error as Error).message}` }
        })
        return
      }
      sendJson(res, await dispatch(handlers, ctx, channel, body))
      return
    }
    if (url.pathname === '/__marginalia/bridge.js') {
      send(res, 200, MIME['.js'] as string, bridgeScript())
      return
    }
    serveStatic(url.pathname, res)
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    let rel: string
    try {
      rel = decodeURIComponent(pathname)
    } catch {
      res.writeHead(400).end('bad path')
      return
    }
    if (rel.includes('\0')) {
      res.writeHead(400).end('bad path')
      return
    }
    const file = normalize(join(root, rel === '/' ? 'index.html' : rel))
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end('not found')
      return
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found')
      return
    }
    let content: Buffer | string = readFileSync(file)
    const type = MIME[extname(file)] ?? 'application/octet-stream'
    if (file.endsWith(`${sep}index.html`)) {
      // The bridge must define window.api before the app's module script runs.
      content = content
        .toString('utf8')
        .replace('<head>', '<head>\n    <script src="/__marginalia/bridge.js"></script>')
    }
    send(res, 200, type, content)
  }

  server.on('close', () => {
    for (const client of sseClients) client.end()
  })
  return server
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': APP_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store'
  })
  res.end(body)
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, MIME['.json'] as string, JSON.stringify(value))
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolvePromise(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
