// Import through the API (issue 13, findings 2 and 3): no method takes a path from the page; a drop is
// imported from the paths the preload reported for it, once; in-memory files with hostile names still end
// with their report and its event.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { API_CHANNELS } from '../../../src/shared/api'
import { DROP_PATHS_CHANNEL } from '../../../src/shared/channels'
import type { ImportReport } from '../../../src/shared/types'
import { dispatch } from '../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { registerIpc } from '../../../src/main/ipc/register'
import { createTestContext, type TestContext } from '../../helpers/context'
import { SAMPLES } from '../../helpers/test-db'

const HUALONG = join(SAMPLES, 'hualong-article.txt')
const ORIGINS = ['app://reader']
const ours = { senderFrame: { url: 'app://reader/index.html', parent: null, detached: false } }
const foreign = { senderFrame: { url: 'https://evil.example/', parent: null, detached: false } }

let t: TestContext | undefined
afterEach(() => t?.cleanup())

function finished(tc: TestContext, importId: number): Promise<ImportReport> {
  return new Promise((resolve) => {
    const off = tc.ctx.events.subscribe((name, payload) => {
      if (name === 'import:finished' && (payload as ImportReport).importId === importId) {
        off()
        resolve(payload as ImportReport)
      }
    })
  })
}

async function wired() {
  t = await createTestContext()
  const handlers = new Map<string, (event: unknown, args: unknown) => Promise<any>>()
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>()
  const ipcMain = { handle: vi.fn((ch: string, fn: never) => handlers.set(ch, fn)), on: vi.fn((ch: string, fn: never) => listeners.set(ch, fn)) }
  registerIpc(ipcMain as never, createHandlers(), t.ctx, ORIGINS)
  return { tc: t, call: (channel: string, args: unknown = {}) => handlers.get(`api:${channel}`)!(ours, args), drop: listeners.get(DROP_PATHS_CHANNEL)! }
}

describe('import through the API', () => {
  it('takes no path from the page: /etc/passwd cannot be named by any method', async () => {
    const { tc } = await wired()
    const handlers = createHandlers()
    const answers = await Promise.all(
      ['import:paths', 'import:drop', 'import:files'].map(async (channel) => [channel, (await dispatch(handlers, tc.ctx, channel, { paths: ['/etc/passwd'] })) as any] as const)
    )
    console.log(`path injection: ${answers.map(([c, a]) => `${c} → ${a.ok ? JSON.stringify(a.value) : a.error.code}`).join('; ')}`)
    expect(API_CHANNELS).not.toContain('import:paths')
    expect(answers[0]![1]).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    expect(answers[1]![1]).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(answers[2]![1]).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(tc.ctx.runningImports.size).toBe(0)
  })

  it('imports a drop from the paths the preload reported, once; foreign or malformed notices count for nothing', async () => {
    const { tc, call, drop } = await wired()
    drop(foreign, [HUALONG])
    expect(await call('import:drop')).toEqual({ ok: true, value: null })
    for (const bad of ['/etc/passwd', ['relative.txt'], [HUALONG, 3], [`${HUALONG}\u0000`]]) {
      drop(ours, bad)
      expect(tc.ctx.droppedPaths).toBeNull()
    }
    drop(ours, [HUALONG])
    const started = await call('import:drop')
    expect(started).toMatchObject({ ok: true, value: { importId: expect.any(Number) } })
    const report = await finished(tc, started.value.importId)
    expect(report.imported.map((a) => a.file)).toEqual([HUALONG])
    const replay = await call('import:drop')
    console.log(`drops: 1 foreign + 4 malformed notices ignored; the real drop imported ${report.imported.length} file; a replay answered ${JSON.stringify(replay.value)}`)
    expect(replay).toEqual({ ok: true, value: null })
  })

  it('ends every import:files batch with its report and event, whatever the names', async () => {
    const { tc, call } = await wired()
    const bytes = readFileSync(HUALONG)
    const files = [
      { name: `${'长'.repeat(200)}.txt`, bytes },
      { name: 'nul\u0000.txt', bytes: Buffer.concat([bytes, Buffer.from('\n又一篇')]) },
      { name: 'empty.txt', bytes: new Uint8Array() }
    ]
    const started = await call('import:files', { files })
    expect(started.ok).toBe(true)
    const report = await finished(tc, started.value.importId)
    console.log(`import:files: ${files.length} files (a ${Buffer.byteLength(files[0]!.name)}-byte name, a NUL name, an empty one): status ${report.status}, ${report.imported.length} imported, ${report.failed.length} failed, event received`)
    expect(report.status).toBe('done')
    expect(report.imported.map((a) => a.file)).toEqual([files[0]!.name, 'nul\u0000.txt'])
    expect(report.failed.map((f) => f.file)).toEqual(['empty.txt'])
    expect((await call('import:report', { importId: report.importId })).value.status).toBe('done')
  })
})
