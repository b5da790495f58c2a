// Playwright fixtures: each test gets its own preview host (fresh temp database seeded with the sample
// articles) and a page already opened on it; the host is killed afterwards. Page objects wrap the UI.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect } from '@playwright/test'
import { MarginaliaPage } from './pages/MarginaliaPage'

const ROOT = resolve(__dirname, '../..')
// The URL carries the run's token; the line must be complete before it is read.
const READY = /Marginalia preview ready at (http:\/\/127\.0\.0\.1:\d+\/\S*)\r?\n/

export interface PreviewHost {
  url: string
  dbPath: string
  process: ChildProcess
}

export interface HostOptions {
  /** Value for MARGINALIA_LOCALE (the "OS language" the host reports). */
  systemLocale: string
}

/** A preview host on a new library (the fixture's, or a second one a spec needs, as the sync specs do). */
export async function startHost(locale: string): Promise<PreviewHost & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-'))
  const dbPath = join(dir, 'library.db')
  const child = spawn('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'src/main/preview/index.ts', '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, MARGINALIA_LOCALE: locale },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so teardown can stop npx and the tsx child together.
    detached: true
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview host did not start:\n${output}`)), 45_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = READY.exec(output)
      if (m?.[1]) {
        clearTimeout(timer)
        resolveUrl(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`preview host exited with ${code}:\n${output}`))
    })
  })
  return { url, dbPath, process: child, dir }
}

export function stopHost(host: PreviewHost & { dir: string }): Promise<void> {
  return new Promise((done) => {
    const { process: child } = host
    const finish = () => {
      rmSync(host.dir, { recursive: true, force: true })
      done()
    }
    if (child.exitCode !== null || child.pid === undefined) return finish()
    child.once('exit', finish)
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      finish()
    }
    setTimeout(() => {
      try {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }, 5000).unref()
  })
}

export const test = base.extend<HostOptions & { host: PreviewHost; app: MarginaliaPage }>({
  systemLocale: ['zh-CN', { option: true }],
  host: async ({ systemLocale }, use) => {
    const host = await startHost(systemLocale)
    await use(host)
    await stopHost(host)
  },
  app: async ({ page, host }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const app = new MarginaliaPage(page, host.url)
    await app.open()
    await use(app)
    expect(errors, 'uncaught page errors').toEqual([])
  }
})

export { expect }

/**
 * Where the e2e run writes its screenshots: an ignored folder, so a test run never rewrites tracked files.
 * `npm run screenshots` copies them into tests/e2e/screenshots/ (the README's) on purpose.
 */
export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', '.tmp', 'e2e-screenshots')
export const shot = (name: string): string => resolve(SCREENSHOT_DIR, name)
