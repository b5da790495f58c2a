// Serves the built renderer's files (main process app:// protocol and the preview host): one path check
// for both, so a URL can never name a file outside the renderer folder, and one set of response headers.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, normalize, resolve, sep } from 'node:path'
import { APP_CSP } from './csp'

export const MIME_TYPES = {
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
} as const satisfies Record<string, string>

export function mimeType(file: string): string {
  return (MIME_TYPES as Record<string, string>)[extname(file)] ?? 'application/octet-stream'
}

/** Headers of every file the app's UI is served with: the CSP, and no MIME sniffing. */
export function staticHeaders(type: string): Record<string, string> {
  return { 'content-type': type, 'content-security-policy': APP_CSP, 'x-content-type-options': 'nosniff' }
}

/**
 * Maps a URL path (still percent-encoded) to a file under root, or null when it is malformed or would
 * leave root: bad escapes, NUL, backslashes (a Windows separator after decoding) and `..` are refused.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const base = resolve(root)
  const file = normalize(resolve(base, '.' + (decoded === '/' ? '/index.html' : decoded)))
  return file.startsWith(base + sep) ? file : null
}

export type StaticFile = { status: 200; file: string; type: string; body: Buffer<ArrayBuffer> } | { status: 400 | 404 }

/** 400 for a path that is refused, 404 for one that names no file, else the file. */
export function readStaticFile(root: string, pathname: string): StaticFile {
  const file = resolveStaticPath(root, pathname)
  if (!file) return { status: 400 }
  if (!existsSync(file) || !statSync(file).isFile()) return { status: 404 }
  return { status: 200, file, type: mimeType(file), body: readFileSync(file) }
}
