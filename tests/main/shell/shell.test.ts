// The Electron shell with `electron` mocked: every window hardened, every contract method registered,
// navigation / new-window / permission / network handlers installed, CSP served, samples seeded.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock({ dialogResponse: 1 }))

import { electronState as state } from '../../helpers/electron-mock'
import { API_CHANNELS } from '../../../src/shared/api'
import { APP_CSP } from '../../../src/main/security/csp'
import { importDialogFilters, startShell } from '../../../src/main/shell'

describe('Electron shell (electron mocked)', () => {
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'marginalia-shell-'))
    state.userData = join(root, 'userData')
    const rendererDir = join(root, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia</title>')
    await startShell({
      rendererDir,
      preloadPath: join(root, 'preload.js'),
      resourcesDir: resolve(__dirname, '../../../resources'),
      appRoot: root
    })
  })
  afterAll(() => {
    state.appEvents.get('will-quit')?.()
    rmSync(root, { recursive: true, force: true })
  })

  it('creates one window with hardened webPreferences, loading app://reader (not file://)', () => {
    expect(state.windows).toHaveLength(1)
    const prefs = state.windows[0]!.options.webPreferences
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false
    })
    expect(prefs.enableBlinkFeatures).toBeUndefined()
    expect(state.sandboxEnabled).toBe(true)
    expect(state.windows[0]!.loaded).toEqual(['app://reader/index.html'])
    expect(state.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
  })

  it('registers every contract method through the checked wrapper', async () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual(API_CHANNELS.map((c) => `api:${c}`).sort())
    const list = state.ipcHandlers.get('api:articles:list')!
    const trusted = { senderFrame: { url: 'app://reader/index.html', parent: null } }
    const page = await list(trusted, {})
    expect(page.ok).toBe(true)
    // The sample articles were imported into the new library on first run.
    expect(page.value.total).toBeGreaterThanOrEqual(3)
    expect(page.value.items.map((a: { title: string }) => a.title)).toContain('華龍區扎實推進市域社會治理現代化工作側記')
    expect(await list({ senderFrame: { url: 'https://evil.example/', parent: null } }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' }
    })
  })

  it('denies new windows, navigation, redirects and webviews on every webContents', () => {
    const wc = state.windows[0]!.webContents
    expect(wc.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      wc.emit(event, { preventDefault }, 'https://example.com/')
      expect(preventDefault, event).toHaveBeenCalled()
    }
    const frameNav = vi.fn()
    wc.emit('will-frame-navigate', { preventDefault: frameNav, url: 'https://example.com/' })
    expect(frameNav).toHaveBeenCalled()
  })

  it('denies every permission and cancels every request leaving the app', () => {
    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal', 'midi', 'clipboard-read']) {
      const cb = vi.fn()
      state.permissionRequest!({}, permission, cb)
      expect(cb).toHaveBeenCalledWith(false)
      expect(state.permissionCheck!({}, permission)).toBe(false)
    }
    const decide = (url: string): boolean => {
      let cancel = false
      state.beforeRequest!({ url }, (r) => (cancel = r.cancel))
      return cancel
    }
    expect(decide('https://tracker.example/pixel.gif')).toBe(true)
    expect(decide('http://example.com/')).toBe(true)
    expect(decide('ws://example.com/')).toBe(true)
    expect(decide('app://reader/index.html')).toBe(false)
  })

  it('serves the renderer over app:// with the CSP header', async () => {
    const res = state.protocolHandlers.get('app')!({ url: 'app://reader/index.html' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP)
    expect(state.protocolHandlers.get('app')!({ url: 'app://reader/../../etc/passwd' }).status).toBe(404)
  })

  it('installs the native menu with File, View and Help in the OS language', () => {
    const labels = state.menuTemplate.map((m: { label?: string }) => m.label)
    expect(labels).toEqual(expect.arrayContaining(['文件', '视图', '帮助']))
    const file = state.menuTemplate.find((m: { label?: string }) => m.label === '文件')
    expect(file.submenu.map((i: { label?: string }) => i.label)).toEqual(
      expect.arrayContaining(['导入…', '导出笔记…', '退出'])
    )
  })

  it('offers every format the importer reads in the open dialog, first all together', () => {
    const [all, ...rest] = importDialogFilters()
    for (const ext of ['txt', 'html', 'md', 'json', 'jsonl', 'ndjson', 'csv', 'tsv', 'xml', 'rss', 'atom', 'opml', 'rdf', 'epub', 'zip']) {
      expect(all!.extensions, ext).toContain(ext)
    }
    expect(new Set(all!.extensions).size).toBe(all!.extensions.length)
    expect(rest.at(-1)).toEqual({ name: 'All files', extensions: ['*'] })
    expect(rest.find((f) => f.name === 'EPUB')?.extensions).toEqual(['epub'])
  })
})
