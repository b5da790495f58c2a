// Playwright for the fault suite's browser part (`npx playwright test -c playwright.faults.config.ts`): the
// XSS corpus opened in the built renderer through the preview host, in the same system Chromium as
// playwright.config.ts. Run `npm run build` first.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'tests/faults-e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 600_000,
  expect: { timeout: 15_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
    }
  }
})
