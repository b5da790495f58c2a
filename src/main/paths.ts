// Where things live on disk (main process, CLI, preview host): the database (user-data folder, or --db /
// MARGINALIA_DB for tests and scripting) and the bundled resources folder.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export const DB_FILE_NAME = 'library.sqlite'

/** Resolves the database path: an explicit path wins, then MARGINALIA_DB, then the user-data folder. */
export function resolveDbPath(explicit: string | undefined, userDataDir: string | undefined): string {
  if (explicit) return resolve(explicit)
  if (process.env.MARGINALIA_DB) return resolve(process.env.MARGINALIA_DB)
  if (!userDataDir) throw new Error('no database path: pass --db FILE or set MARGINALIA_DB')
  return join(userDataDir, DB_FILE_NAME)
}

/** Finds the resources folder: MARGINALIA_RESOURCES, else the nearest `resources/` above `from`. */
export function resolveResourcesDir(from: string = __dirname): string {
  if (process.env.MARGINALIA_RESOURCES) return resolve(process.env.MARGINALIA_RESOURCES)
  let dir = resolve(from)
  for (;;) {
    const candidate = join(dir, 'resources')
    if (existsSync(join(candidate, 'samples'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`resources folder not found above ${from}`)
    dir = parent
  }
}

/** The folder Electron uses as userData for an app named Marginalia, so the CLI opens the same library. */
export function defaultUserDataDir(): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '.'
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Marginalia')
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Marginalia')
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Marginalia')
}
