// Electron main entry: resolves where things are, then hands over to the shell.
import { join } from 'node:path'
import { app } from 'electron'
import { startShell } from './shell'

const dbArgIndex = process.argv.indexOf('--db')
const dbPathArg = dbArgIndex > 0 ? process.argv[dbArgIndex + 1] : undefined

startShell({
  rendererDir: join(__dirname, '../renderer'),
  preloadPath: join(__dirname, '../preload/index.js'),
  resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(__dirname, '../../resources'),
  appRoot: join(__dirname, '../..'),
  ...(process.env.ELECTRON_RENDERER_URL && !app.isPackaged ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {}),
  ...(dbPathArg ? { dbPathArg } : {})
}).catch((error: unknown) => {
  console.error('[marginalia] failed to start', error)
  app.exit(1)
})
