// The Electron shell under attack, with `electron` mocked (as in tests/main/shell/shell.test.ts): hostile
// pages try to open windows, navigate, redirect, attach webviews, ask for permissions, reach the network
// and open dangerous URLs outside. We count what got through: all must be 0 beyond the one main window.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

// The confirm dialog says "Open" to everything: only the scheme allow-list can stop a URL.
vi.mock('electron', async () => (await import('../helpers/electron-mock')).electronMock({ dialogResponse: 0 }))

import { announceWebContents, electronState as state, FakeWebContents } from '../helpers/electron-mock'
import { startShell } from '../../src/main/shell'
import { figures } from './helpers'

const HOSTILE_URLS = [
  'https://evil.example/', 'http://127.0.0.1:1/', 'file:///etc/passwd', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'blob:https://evil.example/x', 'app://reader/../../etc/passwd', 'chrome://settings',
  'about:config', 'ms-msdt:/id PCWDiagnostic', 'smb://evil/share', 'search-ms:query=x', 'file://server/share/x.exe', 'ws://evil.example/', 'mailto:a@b.c',
  'https://evil.example/%0d%0aSet-Cookie:x', 'http://xn--80ak6aa92e.com/', 'app://evil/index.html', 'devtools://devtools/bundled/inspector.html'
]
const PERMISSIONS = ['notifications', 'media', 'geolocation', 'openExternal', 'midi', 'midiSysex', 'clipboard-read', 'clipboard-sanitized-write', 'pointerLock', 'fullscreen', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'storage-access', 'window-management', 'background-sync', 'keyboardLock', 'unknown']

describe('shell security counters (electron mocked)', () => {
  let root: string
  afterAll(() => {
    state.appEvents.get('will-quit')?.()
    rmSync(root, { recursive: true, force: true })
  })

  it('lets nothing through beyond the one main window', async () => {
    root = mkdtempSync(join(tmpdir(), 'marginalia-faults-shell-'))
    state.userData = join(root, 'userData')
    const rendererDir = join(root, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia</title>')
    await startShell({ rendererDir, preloadPath: join(root, 'preload.js'), resourcesDir: resolve(__dirname, '../../resources'), appRoot: root })

    // Besides the main window, a page can bring other webContents (iframes, devtools, a webview attempt):
    // the app-wide hook must harden each of them.
    for (let i = 0; i < 3; i++) announceWebContents(new FakeWebContents())
    const windowsBefore = state.windows.length
    let attempts = 0
    let windowsAllowed = 0
    let navigationsAllowed = 0
    let webviewsAttached = 0
    let unhardened = 0
    for (const wc of state.contents as FakeWebContents[]) {
      if (!wc.windowOpenHandler) unhardened++
      for (const url of HOSTILE_URLS) {
        attempts += 5
        if (wc.windowOpenHandler?.({ url, frameName: '_blank', features: '', disposition: 'new-window' }).action !== 'deny') windowsAllowed++
        for (const event of ['will-navigate', 'will-redirect']) {
          const e = { preventDefault: vi.fn(), url }
          wc.emit(event, e, url)
          if (!e.preventDefault.mock.calls.length) navigationsAllowed++
        }
        const frame = { preventDefault: vi.fn(), url, isMainFrame: false }
        wc.emit('will-frame-navigate', frame)
        if (!frame.preventDefault.mock.calls.length) navigationsAllowed++
        const wv = { preventDefault: vi.fn() }
        wc.emit('will-attach-webview', wv, { nodeIntegration: true, src: url }, { src: url })
        if (!wv.preventDefault.mock.calls.length) webviewsAttached++
      }
    }
    let permissionsGranted = 0
    for (const p of PERMISSIONS) {
      let granted = false
      state.permissionRequest?.({ getURL: () => 'https://evil.example/' }, p, (g: boolean) => (granted = g), { requestingUrl: 'https://evil.example/' })
      if (granted) permissionsGranted++
      if (state.permissionCheck?.({}, p, 'https://evil.example/', {})) permissionsGranted++
    }
    let requestsAllowed = 0
    const remote = HOSTILE_URLS.filter((u) => /^(https?|wss?):/i.test(u.trim()))
    for (const url of remote) {
      let cancel = false
      state.beforeRequest?.({ url }, (r) => (cancel = r.cancel))
      if (!cancel) requestsAllowed++
    }
    await new Promise((r) => setTimeout(r, 50))
    const dangerousOpened = state.opened.filter((u) => !/^(https?|mailto):/i.test(u))
    const windowsCreated = state.windows.length - windowsBefore
    figures(
      `shell-security: ${state.contents.length} webContents (1 main window + 3 extra), ${attempts} hostile attempts with ${HOSTILE_URLS.length} URLs: ` +
        `windows created ${windowsCreated} (+1 main), window.open allowed ${windowsAllowed}, navigations allowed ${navigationsAllowed}, webviews attached ${webviewsAttached}, ` +
        `unhardened webContents ${unhardened}, permissions granted ${permissionsGranted}/${PERMISSIONS.length * 2}, remote requests allowed ${requestsAllowed}/${remote.length}, ` +
        `non-http(s)/mailto URLs opened outside ${dangerousOpened.length} (http/https/mailto handed to the confirm dialog: ${state.opened.length})`
    )
    expect(state.windows).toHaveLength(1)
    expect({ windowsCreated, windowsAllowed, navigationsAllowed, webviewsAttached, unhardened, permissionsGranted, requestsAllowed, dangerous: dangerousOpened.length }).toEqual({
      windowsCreated: 0,
      windowsAllowed: 0,
      navigationsAllowed: 0,
      webviewsAttached: 0,
      unhardened: 0,
      permissionsGranted: 0,
      requestsAllowed: 0,
      dangerous: 0
    })
  })
})
