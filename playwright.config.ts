// Playwright e2e: drives the built renderer in the system Chromium through the browser preview host
// (tests/e2e/fixtures.ts starts one host per test with a throwaway database), plus the Electron smoke spec.
// Run `npm run build` first.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testMatch: '**/*.spec.ts',
  // renderer: the built UI in Chromium through the preview host. electron: the real app through
  // Playwright's _electron, skipped with its reason where the Electron binary is not installed.
  projects: [
    { name: 'renderer', testDir: 'tests/e2e' },
    { name: 'electron', testDir: 'tests/electron' }
  ],
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic'
      ]
    }
  }
})
