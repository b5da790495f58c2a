// The browser preview host: the same dispatch() over HTTP on loopback, the bridge script, static files
// with CSP, the per-run token, streamed bodies under limits, uploads, and refusal of foreign hosts/origins,
// malformed requests and path traversal.
import { mkdirSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { request } from 'node:http'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_CHANNELS, API_EVENTS } from '../../../src/shared/api'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createPreviewServer } from '../../../src/main/preview/server'
import { APP_CSP } from '../../../src/main/security/csp'
import { createTestContext, type TestContext } from '../../helpers/context'

const TOKEN = 'test-token-0123456789'
const auth = { 'x-marginalia-token': TOKEN }

function raw(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let data = ''
      res.on('data', (c) => (data += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }))
    })
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

describe('preview host', () => {
  let t: TestContext
  let port = 0
  let close: () => void
  beforeAll(async () => {
    t = await createTestContext()
    const rendererDir = join(t.dir, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head></html>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}')
    writeFileSync(join(t.dir, 'secret.txt'), 'secret')
    const server = createPreviewServer({ ctx: t.ctx, handlers: createHandlers(), rendererDir, token: TOKEN })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    port = (server.address() as AddressInfo).port
    close = () => server.close()
  })
  afterAll(() => {
    close()
    t.cleanup()
  })

  const base = () => `http://127.0.0.1:${port}`
  const call = async (channel: string, args: unknown) =>
    (await fetch(`${base()}/api/${channel}`, { method: 'POST', headers: auth, body: JSON.stringify(args) })).json()

  it('answers the contract with the same handlers and validation as IPC', async () => {
    expect(await call('settings:get', {})).toMatchObject({ ok: true, value: { theme: 'light' } })
    expect(await call('articles:get', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await call('fs:read', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    const res = await fetch(`${base()}/api/settings:get`, { method: 'POST', headers: auth, body: '{not json' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
  })

  it('serves the renderer with the CSP header and injects the bridge before the app script', async () => {
    const res = await fetch(`${base()}/`, { headers: auth })
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP)
    const html = await res.text()
    expect(html.indexOf('/__marginalia/bridge.js')).toBeGreaterThan(-1)
    expect(html.indexOf('/__marginalia/bridge.js')).toBeLessThan(html.indexOf('/assets/app.js'))
    const bridge = await (await fetch(`${base()}/__marginalia/bridge.js`, { headers: auth })).text()
    for (const channel of API_CHANNELS) expect(bridge).toContain(JSON.stringify(channel))
  })

  it('builds window.api in the page from the contract, each method posting to its own URL', async () => {
    const bridge = await (await fetch(`${base()}/__marginalia/bridge.js`, { headers: auth })).text()
    const posted: { url: string; body: string }[] = []
    const page = {
      window: {} as { api?: any },
      fetch: async (url: string, init: { body: string }) => {
        posted.push({ url, body: init.body })
        return { json: async () => ({ ok: true, value: 1 }) }
      },
      EventSource: class {
        addEventListener(): void {}
      },
      console
    }
    runInNewContext(bridge, page)
    const api = page.window.api
    expect(Object.keys(api).filter((k) => k !== 'events').sort()).toEqual([...API_CHANNELS].sort())
    expect(Object.keys(api.events).sort()).toEqual([...API_EVENTS].sort())
    expect(Object.isFrozen(api)).toBe(true)
    expect(await api['articles:get']({ id: 3 })).toEqual({ ok: true, value: 1 })
    expect(posted).toEqual([{ url: '/api/articles%3Aget', body: '{"id":3}' }])
  })

  it('refuses other Host headers (DNS rebinding) and cross-origin API calls', async () => {
    expect((await raw(port, '/', { host: 'evil.example', ...auth })).status).toBe(403)
    const cross = await raw(port, '/api/settings:get', { host: `127.0.0.1:${port}`, origin: 'https://evil.example', ...auth }, 'POST', '{}')
    expect(cross.status).toBe(403)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/%00']) {
      const r = await raw(port, path, { host: `127.0.0.1:${port}`, ...auth })
      expect([400, 404]).toContain(r.status)
      expect(r.body).not.toContain('secret')
    }
  })

  it('pushes events over Server-Sent Events', async () => {
    const controller = new AbortController()
    const res = await fetch(`${base()}/api/events`, { headers: auth, signal: controller.signal })
    const reader = res.body!.getReader()
    await reader.read()
    t.ctx.events.emit('library:changed', { reason: 'test' })
    let text = ''
    while (!text.includes('library:changed')) text += new TextDecoder().decode((await reader.read()).value)
    expect(text).toContain('data: {"reason":"test"}')
    controller.abort()
  })
})
