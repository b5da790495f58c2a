// The app:// scheme that serves the built renderer (instead of file://), through the static-file check
// shared with the preview host, with the CSP header on every response.
import { readStaticFile, resolveStaticPath, staticHeaders } from './static-files'

export const APP_SCHEME = 'app'
export const APP_HOST = 'reader'

/** The path of an app://reader URL, or null for another scheme or host, or a malformed URL. */
function appPath(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST ? parsed.pathname : null
  } catch {
    return null
  }
}

/** Maps an app:// URL to a file under root, or null when it is outside root or malformed. */
export function resolveAppUrl(url: string, root: string): string | null {
  const pathname = appPath(url)
  return pathname === null ? null : resolveStaticPath(root, pathname)
}

/** The protocol handler body: a Response for the request URL. */
export function serveAppRequest(url: string, root: string): Response {
  const pathname = appPath(url)
  const found = pathname === null ? ({ status: 400 } as const) : readStaticFile(root, pathname)
  if (found.status !== 200) return new Response(found.status === 400 ? 'bad request' : 'not found', { status: found.status })
  return new Response(found.body, { status: 200, headers: staticHeaders(found.type) })
}
