// The app:// scheme that serves the built renderer (instead of file://), with path-traversal checks and the
// CSP header on every response.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, normalize, resolve, sep } from 'node:path'
import { APP_CSP } from './csp'

export const APP_SCHEME = 'app'
export const APP_HOST = 'reader'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon'
}

/** Maps an app:// URL to a file under root, or null when it is outside root or malformed. */
export function resolveAppUrl(url: string, root: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const base = resolve(root)
  const file = normalize(resolve(base, '.' + (pathname === '/' ? '/index.html' : pathname)))
  if (!file.startsWith(base + sep)) return null
  return file
}

/** The protocol handler body: a Response for the request URL. */
export function serveAppRequest(url: string, root: string): Response {
  const file = resolveAppUrl(url, root)
  if (!file) return new Response('bad request', { status: 400 })
  if (!existsSync(file) || !statSync(file).isFile()) return new Response('not found', { status: 404 })
  return new Response(readFileSync(file), {
    status: 200,
    headers: {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': APP_CSP,
      'x-content-type-options': 'nosniff'
    }
  })
}
