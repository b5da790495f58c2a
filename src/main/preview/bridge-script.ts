// The preview host's window.api bridge: src/preload/preview-bridge.ts (built on the preload's buildApi)
// bundled once into a classic script for the page. The preview host runs from source (tsx), so it is
// bundled on first request with esbuild, which tsx runs on.
import { join } from 'node:path'
import { buildSync } from 'esbuild'

const ROOT = join(__dirname, '..', '..', '..')
let bundle: string | null = null

export function bridgeScript(): string {
  bundle ??= buildSync({
    entryPoints: [join(ROOT, 'src/preload/preview-bridge.ts')],
    tsconfig: join(ROOT, 'tsconfig.node.json'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent'
  }).outputFiles[0]!.text
  return bundle
}
