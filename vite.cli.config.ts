// Builds the CLI (src/main/cli) into out/cli/index.js for the `marginalia` bin. npm dependencies stay
// external (better-sqlite3 is native), as in the main-process bundle.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'src/main/cli/index.ts'),
        'import-worker': resolve(__dirname, 'src/main/services/import-pipeline/worker.ts')
      },
      output: { format: 'cjs', entryFileNames: '[name].js' }
    }
  }
})
