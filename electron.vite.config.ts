// electron-vite build for the three bundles: main (Node, CJS), preload (one sandbox-safe CJS file) and the
// React renderer. Main keeps its npm dependencies external (better-sqlite3 is native; jsdom and friends load
// files at run time); the preload bundles everything because a sandboxed preload can only require 'electron'.
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@renderer': resolve(__dirname, 'src/renderer/src')
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        // The import worker runs parsing on the second core (src/main/services/import-pipeline/worker.ts).
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'import-worker': resolve(__dirname, 'src/main/services/import-pipeline/worker.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias },
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', inlineDynamicImports: true }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      // electron-vite leaves minification off by default; the renderer is a web bundle, so minify it.
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') }
      }
    }
  }
})
