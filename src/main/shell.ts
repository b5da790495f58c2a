// The Electron shell (main process): lifecycle, the app:// protocol, one hardened window, the menu, IPC.
// All behaviour lives in plain Node modules behind the API contract; this file only wires Electron to them.
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type WebContents
} from 'electron'
import { ipcEventChannel } from '@shared/bridge'
import type { MenuCommand, UiLanguage } from '@shared/types'
import { openLibrary } from './app/bootstrap'
import { backupNow, backupToFile, finishInterruptedRestore, restoreBackup, shouldAutoBackup, validateBackup } from './services/backup'
import { applyRecovery, healthDialog, inspectLibrary, latestGoodBackup, verdictFromError, type HealthVerdict } from './services/health'
import type { AppContext, Platform } from './app/context'
import { EventBus } from './app/events'
import { APP_VERSION } from './app/version'
import { closeDatabase, type Db } from './db/connection'
import { getSettings } from './db/repositories/settings.repository'
import { createHandlers } from './ipc/handlers'
import { uiLanguageFromLocale } from './ipc/handlers/app.handlers'
import { registerIpc } from './ipc/register'
import { buildMenuTemplate } from './menu'
import { electronNativeBinding } from './native'
import { resolveDbPath } from './paths'
import { hardenSession, hardenWebContents, trustedOrigins } from './security/navigation'
import { safeOpenExternal } from './security/open-external'
import { APP_HOST, APP_SCHEME, serveAppRequest } from './security/protocol'
import { mainWindowOptions } from './window'
import { loadWindowState, saveWindowState } from './window-state'

export interface ShellOptions {
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  preloadPath: string
  resourcesDir: string
  appRoot: string
  devServerUrl?: string
  dbPathArg?: string
}

/**
 * Opens the library after checking it. A damaged, locked or too-new database is explained in a dialog
 * offering what is safe (restore the latest good backup, start a new library keeping the damaged file,
 * retry, quit); the damaged file is never overwritten. Returns null when the user quits.
 */
async function openCheckedLibrary(dbPath: string, backupDir: string, options: Parameters<typeof openLibrary>[1]): Promise<Db | null> {
  finishInterruptedRestore(dbPath)
  for (;;) {
    let verdict: HealthVerdict = inspectLibrary(dbPath, options?.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    if (verdict.ok) {
      try {
        return await openLibrary(dbPath, options)
      } catch (error) {
        verdict = verdictFromError(dbPath, error)
        if (verdict.ok) throw error
      }
    }
    const d = healthDialog(verdict, latestGoodBackup(backupDir))
    const { response } = await dialog.showMessageBox({
      type: d.type,
      title: d.title,
      message: d.message,
      detail: d.detail,
      buttons: d.buttons.map((b) => b.label),
      defaultId: d.defaultId,
      cancelId: d.cancelId,
      noLink: true
    })
    const choice = d.buttons[response]?.choice ?? 'quit'
    if (choice === 'quit') return null
    if (choice !== 'retry') applyRecovery(dbPath, choice, backupDir)
  }
}

async function backupFromMenu(db: Db): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 10)
  const result = await dialog.showSaveDialog({ defaultPath: join(app.getPath('documents'), `Marginalia-${stamp}.sqlite`) })
  if (result.canceled || !result.filePath) return
  try {
    await backupToFile(db, result.filePath, { overwrite: true })
    await dialog.showMessageBox({ type: 'info', message: '备份完成 / Backup written', detail: result.filePath })
  } catch (error) {
    dialog.showErrorBox('备份失败 / Backup failed', error instanceof Error ? error.message : String(error))
  }
}

async function restoreFromMenu(db: Db, dbPath: string): Promise<void> {
  const result = await dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: 'SQLite', extensions: ['sqlite', 'db'] }] })
  const file = result.canceled ? undefined : result.filePaths[0]
  if (!file) return
  const check = validateBackup(file)
  if (!check.ok) {
    dialog.showErrorBox('无法恢复 / Cannot restore', `${file}\n${check.reason}`)
    return
  }
  const confirm = await dialog.showMessageBox({
    type: 'warning',
    message: '用这个备份替换当前资料库？/ Replace the current library with this backup?',
    detail: `${file}\n${check.articles} articles, ${check.annotations} annotations.\n当前资料库会保留在旁边。/ The current library is kept aside.`,
    buttons: ['恢复 / Restore', '取消 / Cancel'],
    defaultId: 1,
    cancelId: 1
  })
  if (confirm.response !== 0) return
  closeDatabase(db)
  restoreBackup(dbPath, file)
  app.relaunch()
  app.exit(0)
}

/** Must run before app 'ready': app:// behaves like https (standard, secure) for the renderer. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

export async function startShell(options: ShellOptions): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.enableSandbox()
  registerSchemes()

  let mainWindow: BrowserWindow | null = null
  let ctx: AppContext | null = null
  const origins = trustedOrigins(options.devServerUrl)

  const openExternal = (url: string): Promise<boolean> =>
    safeOpenExternal(url, {
      confirm: async (checked) => {
        const result = await dialog.showMessageBox({
          type: 'question',
          buttons: ['Open / 打开', 'Cancel / 取消'],
          defaultId: 1,
          cancelId: 1,
          message: 'Open this link in your browser? / 在浏览器中打开此链接？',
          detail: checked
        })
        return result.response === 0
      },
      open: (checked) => shell.openExternal(checked)
    })

  app.on('web-contents-created', (_event, contents: WebContents) => {
    hardenWebContents(contents, { openExternal: (url) => void openExternal(url) })
  })

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })

  await app.whenReady()
  hardenSession(session.defaultSession, origins)
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, options.rendererDir))

  const dbPath = resolveDbPath(options.dbPathArg, app.getPath('userData'))
  const backupDir = join(app.getPath('userData'), 'backups')
  const nativeBinding = electronNativeBinding(options.appRoot, process.versions.electron)
  const db = await openCheckedLibrary(dbPath, backupDir, {
    samplesDir: join(options.resourcesDir, 'samples'),
    ...(nativeBinding ? { nativeBinding } : {})
  })
  if (!db) {
    app.quit()
    return
  }
  // A backup shortly after start and then every few hours of use, keeping the last seven.
  const autoBackup = (): void => {
    if (shouldAutoBackup(backupDir, 4 * 3_600_000)) void backupNow(db, backupDir, { keep: 7 }).catch((e: unknown) => console.error('[marginalia] backup failed', e))
  }
  setTimeout(autoBackup, 30_000).unref()
  setInterval(autoBackup, 3_600_000).unref()

  const platform: Platform = {
    host: 'electron',
    showImportDialog: async () => {
      const result = await dialog.showOpenDialog({
        properties: ['openFile', 'openDirectory', 'multiSelections'],
        filters: [
          {
            name: 'Articles',
            extensions: ['txt', 'html', 'htm', 'md', 'markdown', 'json', 'jsonl', 'xml', 'rss', 'atom', 'epub', 'zip']
          },
          { name: 'All files', extensions: ['*'] }
        ]
      })
      return result.canceled ? null : result.filePaths
    },
    openExternal,
    systemLanguage: () => app.getLocale(),
    showSaveDialog: async (defaultName) => {
      const result = await dialog.showSaveDialog({ defaultPath: join(app.getPath('documents'), defaultName) })
      return result.canceled || !result.filePath ? null : result.filePath
    },
    chooseDirectory: async () => {
      const result = await dialog.showOpenDialog({ properties: ['openDirectory', 'createDirectory'] })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  }
  const events = new EventBus()
  ctx = { db, dbPath, version: APP_VERSION, platform, events, runningImports: new Map() }
  registerIpc(ipcMain, createHandlers(), ctx, origins)
  events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcEventChannel(name), payload)
  })

  const send = (command: MenuCommand): void => {
    if (command === 'backup') void backupFromMenu(db)
    else if (command === 'restore') void restoreFromMenu(db, dbPath)
    else events.emit('menu:command', { command })
  }
  const setMenu = (): void => {
    const settings = getSettings(db)
    const language: UiLanguage =
      settings.uiLanguage === 'system' ? uiLanguageFromLocale(app.getLocale()) : settings.uiLanguage
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(language, send)))
  }
  setMenu()
  // The menu language follows the settings.
  ctx.onSettingsChanged = () => setMenu()

  const stateFile = join(app.getPath('userData'), 'window-state.json')
  const createWindow = (): BrowserWindow => {
    const state = loadWindowState(
      stateFile,
      screen.getAllDisplays().map((d) => d.workArea)
    )
    const win = new BrowserWindow(mainWindowOptions(options.preloadPath, state))
    if (state.maximized) win.maximize()
    win.once('ready-to-show', () => win.show())
    const remember = (): void => {
      if (win.isDestroyed()) return
      const bounds = win.getNormalBounds()
      try {
        saveWindowState(stateFile, { ...bounds, maximized: win.isMaximized() })
      } catch {
        // losing the window position is not worth an error dialog
      }
    }
    win.on('close', remember)
    if (options.devServerUrl) void win.loadURL(options.devServerUrl)
    else void win.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`)
    return win
  }
  mainWindow = createWindow()
  mainWindow.on('closed', () => {
    mainWindow = null
  })

  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    for (const controller of ctx?.runningImports.values() ?? []) controller.abort()
    closeDatabase(db)
  })
}
