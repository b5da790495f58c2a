// Playwright for the fault suite's browser part (`npx playwright test -c playwright.faults.config.ts`): the
// XSS corpus opened in the built renderer through the preview host, in the same system Chromium as
// playwright.config.ts. Run `npm run build` first.
import { defineConfig } from '@playwright/test'
import base from './playwright.config'

export default defineConfig({
  testDir: 'tests/faults-e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 600_000,
  expect: { timeout: 15_000 },
  // The same Chromium, viewport, locale and offline flags as the e2e suite.
  use: base.use
})
