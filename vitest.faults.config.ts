// Vitest for the fault suite (`npm run test:faults`): kill -9, disk full, hostile archives, IPC fuzz and the
// shell's security counters (RELIABILITY.md §4). Files run one after another: most tests saturate both
// cores of a CI machine, and parallel files would only make their timings noisy.
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@shared': resolve(__dirname, 'src/shared'),
      '@renderer': resolve(__dirname, 'src/renderer/src')
    }
  },
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/faults/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks'
  }
})
