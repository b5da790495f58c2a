// Where the Electron build of better-sqlite3 lives. Tests and the CLI run on plain Node with the package's
// own build; `npm start` first runs scripts/native-module.mjs, which compiles a second copy for Electron's
// ABI into .native/electron-<version>/ so neither world overwrites the other.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export function electronNativeBinding(appRoot: string, electronVersion: string | undefined): string | undefined {
  if (!electronVersion) return undefined
  const file = join(appRoot, '.native', `electron-${electronVersion}`, 'better_sqlite3.node')
  // A packaged app has the module rebuilt in place by electron-builder, so the package's own build is right.
  return existsSync(file) ? file : undefined
}
