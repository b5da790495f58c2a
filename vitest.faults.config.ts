// Vitest for the fault suite (`npm run test:faults`): kill -9, disk full, hostile archives, IPC fuzz and the
// shell's security counters (RELIABILITY.md §4). Files run one after another: most tests saturate both
// cores of a CI machine, and parallel files would only make their timings noisy.
import { defineConfig } from 'vitest/config'
import base from './vitest.config'

export default defineConfig({
  resolve: base.resolve,
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
