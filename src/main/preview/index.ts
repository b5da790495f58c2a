// Entry of `npm run preview:web -- --db FILE --port N`: opens the library, then serves the built renderer
// and the API on 127.0.0.1 only. Prints "Marginalia preview ready at URL" when it accepts requests; the URL
// carries this run's random token, which every request needs (opening the URL is all a browser needs).
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openLibrary } from '../app/bootstrap'
import { closeAppContext, createAppContext, type Platform } from '../app/context'
import { createHandlers } from '../ipc/handlers'
import { resolveDbPath, resolveResourcesDir } from '../paths'
import { createPreviewServer } from './server'

function previewPlatform(): Platform {
  return {
    host: 'preview',
    // A dialog stub for e2e: MARGINALIA_PREVIEW_IMPORT_PATHS (path-delimited) plays the user's choice.
    showImportDialog: () => {
      const stub = process.env.MARGINALIA_PREVIEW_IMPORT_PATHS
      return Promise.resolve(stub ? stub.split(process.platform === 'win32' ? ';' : ':').filter(Boolean) : null)
    },
    // The preview host never opens anything outside; it reports that it did not.
    openExternal: () => Promise.resolve(false),
    systemLanguage: () => process.env.MARGINALIA_LOCALE ?? Intl.DateTimeFormat().resolvedOptions().locale
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '5174' },
      renderer: { type: 'string' },
      'no-samples': { type: 'boolean', default: false }
    }
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`preview: --port must be 0..65535, got ${values.port}`)
    process.exit(2)
  }
  const rendererDir = resolve(values.renderer ?? join(process.cwd(), 'out/renderer'))
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`preview: ${rendererDir}/index.html not found; run \`npm run build\` first`)
    process.exit(2)
  }
  const dbPath = resolveDbPath(values.db, join(process.cwd(), '.tmp'))
  const resources = resolveResourcesDir(__dirname)
  const db = await openLibrary(dbPath, values['no-samples'] ? {} : { samplesDir: join(resources, 'samples') })
  const ctx = createAppContext(db, previewPlatform())
  const token = randomBytes(24).toString('base64url')
  const server = createPreviewServer({ ctx, handlers: createHandlers(), rendererDir, token })
  server.listen(port, '127.0.0.1', () => {
    const address = server.address()
    const actual = typeof address === 'object' && address ? address.port : port
    console.log(`Marginalia preview ready at http://127.0.0.1:${actual}/?token=${token}`)
  })
  const shutdown = (): void => {
    const exit = (): void => {
      closeAppContext(ctx)
      process.exit(0)
    }
    // Closing every connection (event streams included) lets 'close' run at once: it removes the uploads.
    server.closeAllConnections()
    server.close(exit)
    setTimeout(exit, 2000).unref()
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(`preview: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
