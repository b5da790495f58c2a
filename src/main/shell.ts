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
import { BACKUP_EXT, backupNow, backupToFile, finishInterruptedRestore, restoreBackup, shouldAutoBackup, validateBackup } from './services/backup'
import { applyRecovery, healthDialog, isLibraryFault, latestGoodBackup, verdictFromError, type HealthVerdict } from './services/health'
import { closeAppContext, createAppContext, type AppContext, type Platform } from './app/context'
import { closeDatabase, type Db } from './db/connection'
import { getSettings } from './db/repositories/settings.repository'
import { IMPORT_EXTENSIONS, IMPORT_FORMATS } from './services/formats'
import { createHandlers } from './ipc/handlers'
import { uiLanguageFromLocale } from './ipc/handlers/app.handlers'
import { registerIpc } from './ipc/register'
import { buildMenuTemplate } from './menu'
import { electronNativeBinding } from './native'
import { resolveDbPath } from './paths'
import { hardenSession, hardenWebContents, trustedOrigins } from './security/navigation'
import { safeOpenExternal } from './security/open-external'
import { APP_HOST, APP_SCHEME, serveAppRequest } from './security/protocol'
import { keychainTokenVault } from './shell/token-vault'
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
    // openLibrary runs the health check itself (before anything writes) and throws its verdict.
    let verdict: HealthVerdict
    try {
      return await openLibrary(dbPath, options)
    } catch (error) {
      // Anything not about the file itself (disk full in a migration, a bug) is shown as it is and the
      // app quits: offering to set a healthy library aside or restore an older backup would lose work.
      if (!isLibraryFault(error)) {
        dialog.showErrorBox('无法打开资料库 / Cannot open the library', `${dbPath}\n${error instanceof Error ? error.message : String(error)}`)
        return null
      }
      verdict = verdictFromError(dbPath, error)
      if (verdict.ok) throw error
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
  const result = await dialog.showSaveDialog({ defaultPath: join(app.getPath('documents'), `Marginalia-${stamp}${BACKUP_EXT}`) })
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

/** Links leave the app only through safeOpenExternal, after the user confirms. */
function confirmedOpenExternal(url: string): Promise<boolean> {
  return safeOpenExternal(url, {
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
}

/** The open dialog's filters: every format the importer reads, then each one, then anything. */
export function importDialogFilters(): Electron.FileFilter[] {
  return [
    { name: 'Articles', extensions: [...IMPORT_EXTENSIONS] },
    ...IMPORT_FORMATS.map((f) => ({ name: f.label, extensions: [...f.extensions] })),
    { name: 'All files', extensions: ['*'] }
  ]
}

function electronPlatform(): Platform {
  return {
    host: 'electron',
    showImportDialog: async () => {
      const result = await dialog.showOpenDialog({
        properties: ['openFile', 'openDirectory', 'multiSelections'],
        filters: importDialogFilters()
      })
      return result.canceled ? null : result.filePaths
    },
    openExternal: confirmedOpenExternal,
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
}

/** A backup shortly after start and then every few hours of use, keeping the last seven. */
function scheduleAutoBackups(db: Db, backupDir: string): void {
  const autoBackup = (): void => {
    if (shouldAutoBackup(backupDir, 4 * 3_600_000)) void backupNow(db, backupDir, { keep: 7 }).catch((e: unknown) => console.error('[marginalia] backup failed', e))
  }
  setTimeout(autoBackup, 30_000).unref()
  setInterval(autoBackup, 3_600_000).unref()
}

/** The native menu, in the UI language of the settings (rebuilt when they change). */
function installMenu(ctx: AppContext): void {
  const send = (command: MenuCommand): void => {
    if (command === 'backup') void backupFromMenu(ctx.db)
    else if (command === 'restore') void restoreFromMenu(ctx.db, ctx.dbPath)
    else ctx.events.emit('menu:command', { command })
  }
  const setMenu = (): void => {
    const settings = getSettings(ctx.db)
    const language: UiLanguage =
      settings.uiLanguage === 'system' ? uiLanguageFromLocale(app.getLocale()) : settings.uiLanguage
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(language, send)))
  }
  setMenu()
  ctx.onSettingsChanged = setMenu
}

/** The hardened main window at its remembered size and position, loading the UI from app:// (or the dev server). */
function createMainWindow(options: ShellOptions, stateFile: string): BrowserWindow {
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea)
  )
  const win = new BrowserWindow(mainWindowOptions(options.preloadPath, state))
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())
  win.on('close', () => {
    if (win.isDestroyed()) return
    try {
      saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() })
    } catch {
      // losing the window position is not worth an error dialog
    }
  })
  void win.loadURL(options.devServerUrl ?? `${APP_SCHEME}://${APP_HOST}/index.html`)
  return win
}

export async function startShell(options: ShellOptions): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.enableSandbox()
  registerSchemes()
  let mainWindow: BrowserWindow | null = null
  const origins = trustedOrigins(options.devServerUrl)
  app.on('web-contents-created', (_event, contents: WebContents) => {
    hardenWebContents(contents, { openExternal: (url) => void confirmedOpenExternal(url) })
  })
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  await app.whenReady()
  hardenSession(session.defaultSession, origins)
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, options.rendererDir))

  const userData = app.getPath('userData')
  const backupDir = join(userData, 'backups')
  const nativeBinding = electronNativeBinding(options.appRoot, process.versions.electron)
  const db = await openCheckedLibrary(resolveDbPath(options.dbPathArg, userData), backupDir, {
    samplesDir: join(options.resourcesDir, 'samples'),
    ...(nativeBinding ? { nativeBinding } : {})
  })
  if (!db) {
    app.quit()
    return
  }
  scheduleAutoBackups(db, backupDir)

  const ctx = createAppContext(db, electronPlatform())
  // Before the first round (the scheduler's timer has not fired yet): the member token is kept sealed.
  ctx.sync.useVault(keychainTokenVault())
  registerIpc(ipcMain, createHandlers(), ctx, origins)
  ctx.events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcEventChannel(name), payload)
  })
  installMenu(ctx)

  const stateFile = join(userData, 'window-state.json')
  const openWindow = (): void => {
    const win = createMainWindow(options, stateFile)
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null
    })
    mainWindow = win
  }
  openWindow()
  app.on('activate', () => {
    if (!mainWindow) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => closeAppContext(ctx))
}
