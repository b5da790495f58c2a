import { describe, expect, it, vi } from 'vitest'
import { API_CHANNELS } from '../../../src/shared/api'
import { isTrustedSender, registerIpc } from '../../../src/main/ipc/register'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createTestContext } from '../../helpers/context'

const ORIGINS = ['app://reader']
const frame = (url: string, extra: Record<string, unknown> = {}) => ({ url, parent: null, detached: false, ...extra })

describe('IPC registration and sender checks', () => {
  it('trusts only the live top frame of our own origin', () => {
    expect(isTrustedSender({ senderFrame: frame('app://reader/index.html') } as never, ORIGINS)).toBe(true)
    expect(isTrustedSender({ senderFrame: null } as never, ORIGINS)).toBe(false)
    expect(isTrustedSender({ senderFrame: frame('app://reader/index.html', { detached: true }) } as never, ORIGINS)).toBe(false)
    expect(isTrustedSender({ senderFrame: frame('app://reader/x', { parent: {} }) } as never, ORIGINS)).toBe(false)
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'about:blank', 'not a url']) {
      expect(isTrustedSender({ senderFrame: frame(url) } as never, ORIGINS)).toBe(false)
    }
  })

  it('registers exactly one handler per contract channel and rejects foreign senders', async () => {
    const t = await createTestContext()
    try {
      const registered = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>()
      const ipcMain = { handle: vi.fn((ch: string, fn: never) => registered.set(ch, fn)), on: vi.fn() }
      registerIpc(ipcMain as never, createHandlers(), t.ctx, ORIGINS)
      expect([...registered.keys()].sort()).toEqual(API_CHANNELS.map((c) => `api:${c}`).sort())

      const call = registered.get('api:settings:get')!
      expect(await call({ senderFrame: frame('https://evil.example/') }, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' }
      })
      expect(await call({ senderFrame: frame('app://reader/index.html') }, {})).toMatchObject({ ok: true })
      expect(await registered.get('api:articles:get')!({ senderFrame: frame('app://reader/') }, { id: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' }
      })
    } finally {
      t.cleanup()
    }
  })
})
