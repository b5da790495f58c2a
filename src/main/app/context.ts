// Everything a handler may use, built once per process (Electron main, preview host, CLI) by bootstrap.ts.
import type { Db } from '../db/connection'
import type { EventBus } from './events'

/** What differs between the Electron shell and the preview host: native dialogs and the OS shell. */
export interface Platform {
  host: 'electron' | 'preview'
  /** Shows the native open dialog for import; null when cancelled or unavailable. */
  showImportDialog(): Promise<string[] | null>
  /** Asks the user, then opens an http/https/mailto URL outside the app. */
  openExternal(url: string): Promise<boolean>
  /** The OS UI language. */
  systemLanguage(): string
  /** Native save dialog for exports; absent in the preview host, which downloads instead. */
  showSaveDialog?(defaultName: string): Promise<string | null>
  /** Native folder picker for multi-file exports; absent in the preview host. */
  chooseDirectory?(): Promise<string | null>
}

export interface AppContext {
  db: Db
  dbPath: string
  version: string
  platform: Platform
  events: EventBus
  /** Imports in progress, by id, so they can be cancelled. */
  runningImports: Map<number, AbortController>
  /** Called after settings change (the Electron shell rebuilds the menu in the new language). */
  onSettingsChanged?: () => void
}
