// The `electron` module, mocked for the shell tests (tests/main/shell, tests/faults): fake windows and
// webContents that record what the shell installs on them, and an `electronState` that tests read.
// Use it from a test file as
//   vi.mock('electron', async () => (await import('./electron-mock')).electronMock({ dialogResponse: 1 }))
//   import { electronState as state } from './electron-mock'
// Vitest isolates modules per test file, so every file gets a fresh state.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

type Handler = (...args: any[]) => any

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((d: { url: string; [k: string]: unknown }) => { action: string }) | null = null
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = fn
  }
  send(): void {}
}

export const electronState = {
  windows: [] as { options: any; webContents: FakeWebContents; loaded: string[] }[],
  /** Every webContents the app was told about (windows' and extra ones a test adds). */
  contents: [] as EventEmitter[],
  appEvents: new Map<string, Handler>(),
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (req: { url: string }) => Response>(),
  privileged: [] as unknown[],
  permissionRequest: null as null | Handler,
  permissionCheck: null as null | ((...a: any[]) => boolean),
  beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  menuTemplate: null as any,
  sandboxEnabled: false,
  /** URLs handed to shell.openExternal. */
  opened: [] as string[],
  userData: ''
}

/** Tells the app a webContents was created (as Electron does for windows, frames, devtools). */
export function announceWebContents(wc: EventEmitter): void {
  electronState.contents.push(wc)
  electronState.appEvents.get('web-contents-created')?.({}, wc)
}

export interface ElectronMockOptions {
  /** The button every message box answers with (0 = the first, e.g. "Open" in the link confirmation). */
  dialogResponse: number
}

/** A window that records its options and what it loads. */
class BrowserWindow extends EventEmitter {
  webContents = new FakeWebContents()
  readonly record: { options: any; webContents: FakeWebContents; loaded: string[] }
  constructor(opts: any) {
    super()
    this.record = { options: opts, webContents: this.webContents, loaded: [] }
    electronState.windows.push(this.record)
    announceWebContents(this.webContents)
  }
  loadURL(url: string): Promise<void> {
    this.record.loaded.push(url)
    return Promise.resolve()
  }
  maximize(): void {}
  isMinimized(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return false
  }
  isMaximized(): boolean {
    return false
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 }
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  static getAllWindows(): BrowserWindow[] {
    return []
  }
}

export function electronMock(options: ElectronMockOptions): Record<string, unknown> {
  const state = electronState
  const app = {
    requestSingleInstanceLock: () => true,
    enableSandbox: () => {
      state.sandboxEnabled = true
    },
    on: (name: string, fn: Handler) => {
      state.appEvents.set(name, fn)
      return app
    },
    whenReady: () => Promise.resolve(),
    getPath: () => state.userData,
    getLocale: () => 'zh-CN',
    quit: vi.fn(),
    exit: vi.fn(),
    isPackaged: false
  }
  return {
    app,
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: options.dialogResponse })) },
    ipcMain: { handle: (ch: string, fn: Handler) => state.ipcHandlers.set(ch, fn), on: vi.fn() },
    Menu: {
      buildFromTemplate: (t: any) => {
        state.menuTemplate = t
        return t
      },
      setApplicationMenu: vi.fn()
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.privileged.push(...s),
      handle: (scheme: string, fn: (req: { url: string }) => Response) => state.protocolHandlers.set(scheme, fn)
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => {
          state.permissionRequest = fn
        },
        setPermissionCheckHandler: (fn: (...a: any[]) => boolean) => {
          state.permissionCheck = fn
        },
        webRequest: {
          onBeforeRequest: (fn: NonNullable<typeof state.beforeRequest>) => {
            state.beforeRequest = fn
          }
        }
      }
    },
    shell: {
      openExternal: vi.fn(async (url: string) => {
        state.opened.push(url)
      })
    }
  }
}
