// Everything a handler may use, built once per process by createAppContext (Electron shell, preview host,
// and the tests' context), on a library bootstrap.ts opened.
import type { Db } from '../db/connection'
import { closeDatabase } from '../db/connection'
import { SyncScheduler } from '../services/sync/scheduler'
import { EventBus } from './events'
import { APP_VERSION } from './version'

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
  /**
   * What the user last dropped on the Electron window, as the preload read it (webUtils.getPathForFile on a
   * real drop): the only paths import:drop accepts, once. Null when nothing is waiting (always, in the preview).
   */
  droppedPaths: string[] | null
  /** Team archive: background sync while the library is joined to a group (idle otherwise). */
  sync: SyncScheduler
  /** Called after settings change (the Electron shell rebuilds the menu in the new language). */
  onSettingsChanged?: () => void
}

export function createAppContext(db: Db, platform: Platform, options: { version?: string } = {}): AppContext {
  const events = new EventBus()
  // What a round pulled reaches the window as any other library change does.
  const sync = new SyncScheduler(db, { onRound: ({ report }) => report && report.pulled > 0 && events.emit('library:changed', { reason: 'sync' }) })
  sync.start()
  return {
    db,
    dbPath: db.file,
    version: options.version ?? APP_VERSION,
    platform,
    events,
    runningImports: new Map(),
    droppedPaths: null,
    sync
  }
}

/** Cancels the imports still running, stops background sync, then closes the library. */
export function closeAppContext(ctx: AppContext): void {
  for (const controller of ctx.runningImports.values()) controller.abort()
  ctx.sync.stop()
  closeDatabase(ctx.db)
}
