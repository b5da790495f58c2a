// Hardening applied to every webContents the app ever creates (RELIABILITY.md §1): no navigation, no new
// windows, no webviews, permissions denied, no network requests leaving the machine.
import type { Session, WebContents } from 'electron'

/** Origins the app's own UI is served from: app://reader, plus the dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = ['app://reader']
  if (devServerUrl) origins.push(new URL(devServerUrl).origin)
  return origins
}

export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  try {
    const parsed = new URL(url)
    const origin = parsed.protocol === 'app:' ? `app://${parsed.host}` : parsed.origin
    return origins.includes(origin)
  } catch {
    return false
  }
}

export interface HardenOptions {
  /** Called for links the user clicked: the only way out is the checked safeOpenExternal. */
  openExternal: (url: string) => void
}

export function hardenWebContents(contents: WebContents, options: HardenOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    options.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    options.openExternal(url)
  })
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames (the sanitised article frame) may load about:blank/srcdoc only; the top frame never navigates.
    const url = event.url
    if (!(url === 'about:blank' || url === 'about:srcdoc')) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Denies every permission request and check, and cancels requests to anything but our own origins. */
export function hardenSession(session: Session, origins: readonly string[]): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url
    const allowed =
      url.startsWith('app://reader/') ||
      url.startsWith('devtools://') ||
      url.startsWith('data:') ||
      url.startsWith('blob:') ||
      url === 'about:blank' ||
      isTrustedUrl(url, origins)
    callback({ cancel: !allowed })
  })
}
