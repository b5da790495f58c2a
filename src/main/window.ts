// The main window factory (main process): hardened webPreferences on every window, state remembered.
import type { BrowserWindowConstructorOptions } from 'electron'

/** The webPreferences every window gets. Exported so the shell test can assert them. */
export function hardenedWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true
  }
}

export function mainWindowOptions(
  preload: string,
  state: { x?: number; y?: number; width: number; height: number }
): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Marginalia',
    backgroundColor: '#f7f5f0',
    autoHideMenuBar: false,
    webPreferences: hardenedWebPreferences(preload)
  }
}
