// The preview host under hostile or careless local clients (issue 13, findings 2 and 10): every request
// needs the run's token, malformed requests get 400, bodies are refused while streaming once over the
// limit, uploads go to disk one raw POST per file, calls beyond the concurrency cap wait or get 503, and an
// unexpected failure is a typed error with a plain message.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../../src/shared/types'
import { createHandlers } from '../../../src/main/ipc/handlers'
import type { ApiHandlers } from '../../../src/main/ipc/dispatch'
import { createPreviewServer, type PreviewServerOptions } from '../../../src/main/preview/server'
import { createTestContext, type TestContext } from '../../helpers/context'

const TOKEN = 'hardening-token-abcdef'
const auth = { 'x-marginalia-token': TOKEN }
const MB = 1024 * 1024

let t: TestContext | undefined
let stop: (() => void) | undefined
afterEach(() => {
  stop?.()
  t?.cleanup()
  stop = t = undefined
})

async function start(options: Partial<PreviewServerOptions> = {}): Promise<{ base: string; port: number; t: TestContext }> {
  t = await createTestContext()
  const rendererDir = join(t.dir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head></html>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}')
  const server = createPreviewServer({ ctx: t.ctx, handlers: createHandlers(), rendererDir, token: TOKEN, ...options })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  stop = () => {
    server.closeAllConnections()
    server.close()
  }
  return { base: `http://127.0.0.1:${port}`, port, t }
}

/** Streams `total` bytes (no Content-Length) until the server answers; returns what was sent by then. */
function streamBody(port: number, path: string, total: number): Promise<{ status: number; body: string; sentMb: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
      answered = true
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentMb: sent / MB }))
    })
    req.on('error', (e) => (answered ? undefined : reject(e)))
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const pump = (): void => {
      while (!answered && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    pump()
  })
}

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

describe('preview host hardening', () => {
  it('refuses every route without this run’s token, and a browser needs only the printed URL', async () => {
    const { base, port } = await start()
    const routes: [string, string][] = [
      ['GET', '/'],
      ['GET', '/assets/app.js'],
      ['GET', '/__marginalia/bridge.js'],
      ['GET', '/api/events'],
      ['POST', '/api/articles:list'],
      ['POST', '/api/upload?name=a.txt'],
      ['POST', '/api/upload/import']
    ]
    let refused = 0
    for (const [method, path] of routes) {
      const attempts: Record<string, string>[] = [{}, { 'x-marginalia-token': 'wrong' }, { cookie: `marginalia-preview-${port}=${TOKEN}x` }]
      for (const headers of attempts) {
        const res = await fetch(base + path, { method, headers, ...(method === 'POST' ? { body: '{}' } : {}) })
        if (res.status === 401) refused++
        await res.body?.cancel()
      }
    }
    console.log(`preview token: ${refused}/${routes.length * 3} requests without the right token refused with 401`)
    expect(refused).toBe(routes.length * 3)

    const page = await fetch(`${base}/?token=${TOKEN}`)
    expect(page.status).toBe(200)
    const cookie = page.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(new RegExp(`^marginalia-preview-${port}=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`))
    const withCookie = await fetch(`${base}/api/settings:get`, { method: 'POST', headers: { cookie: cookie.split(';')[0]! }, body: '{}' })
    expect(await withCookie.json()).toMatchObject({ ok: true })
  })

  it('answers malformed requests with 400 and a typed error, never 500', async () => {
    const { base } = await start()
    const cases: [string, RequestInit][] = [
      ['/api/%E0%A4%A', { method: 'POST', body: '{}' }],
      ['/api/articles%3', { method: 'POST', body: '{}' }],
      ['/api/settings:get', { method: 'POST', body: '{not json' }],
      ['/api/upload', { method: 'POST', body: 'x' }],
      ['/api/upload/import', { method: 'POST', body: '{"uploads":"nope"}' }],
      ['/%E0%A4%A', { method: 'GET' }]
    ]
    const statuses: number[] = []
    for (const [path, init] of cases) {
      const res = await fetch(base + path, { ...init, headers: auth })
      statuses.push(res.status)
      const text = await res.text()
      if (path.startsWith('/api/')) expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
    console.log(`preview malformed requests: ${cases.length} sent, statuses ${statuses.join(',')}`)
    expect(statuses).toEqual(cases.map(() => 400))
  })

  it('refuses an over-limit body while it streams instead of buffering it', async () => {
    const { port } = await start({ limits: { jsonBytes: 1 * MB, uploadBytes: 2 * MB } })
    const json = await streamBody(port, '/api/settings:get', 64 * MB)
    const upload = await streamBody(port, '/api/upload?name=big.txt', 64 * MB)
    console.log(`preview body limits: 64 MB JSON refused with ${json.status} after ${json.sentMb.toFixed(1)} MB sent; 64 MB upload refused with ${upload.status} after ${upload.sentMb.toFixed(1)} MB`)
    expect(json.status).toBe(413)
    expect(JSON.parse(json.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(json.sentMb).toBeLessThan(16)
    expect(upload.status).toBe(413)
    expect(upload.sentMb).toBeLessThan(16)
  })

  it('streams uploads to disk and imports them under their own names, odd ones included', async () => {
    const { base, t: tc } = await start()
    const text = '华龙区扎实推进市域社会治理现代化工作，通过激发基层自治活力，不断扩展共治同心圆。'
    const names = [`${'很长的标题'.repeat(60)}.txt`, 'nul\u0000name.txt', '../../escape.txt']
    const uploads: string[] = []
    for (const [i, name] of names.entries()) {
      const res = await fetch(`${base}/api/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: auth, body: `${text}（第${i + 1}篇）`.repeat(4) })
      const answer = (await res.json()) as { ok: boolean; value: { uploadId: string } }
      expect(answer.ok).toBe(true)
      uploads.push(answer.value.uploadId)
    }
    const res = await fetch(`${base}/api/upload/import`, { method: 'POST', headers: auth, body: JSON.stringify({ uploads }) })
    const { value } = (await res.json()) as { value: { importId: number } }
    const report = await finished(tc, value.importId)
    console.log(`preview uploads: ${names.length} uploaded (longest name ${Buffer.byteLength(names[0]!)} bytes), ${report.imported.length} imported, ${report.failed.length} failed`)
    expect(report.imported.map((a) => a.file).sort()).toEqual([...names].sort())
    const again = await fetch(`${base}/api/upload/import`, { method: 'POST', headers: auth, body: JSON.stringify({ uploads }) })
    expect(again.status).toBe(404)
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('caps concurrent calls: the cap runs, the line waits, the rest get 503', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const real = createHandlers()
    const handlers: ApiHandlers = { ...real, 'settings:get': async (args, ctx) => (await gate, real['settings:get'](args, ctx)) }
    const { base } = await start({ handlers, limits: { concurrent: 2, queued: 1 } })
    const calls = Array.from({ length: 5 }, () => fetch(`${base}/api/settings:get`, { method: 'POST', headers: auth, body: '{}' }))
    await new Promise((r) => setTimeout(r, 200))
    release()
    const statuses = (await Promise.all(calls)).map((r) => r.status).sort()
    console.log(`preview concurrency: 5 calls against a cap of 2 running + 1 waiting: statuses ${statuses.join(',')}`)
    expect(statuses).toEqual([200, 200, 200, 503, 503])
  })

  it('turns an unexpected failure into a typed error with a plain message, leaving no upload behind', async () => {
    const uploadDir = join(tmpdir(), `marginalia-hardening-uploads-${process.pid}`)
    mkdirSync(uploadDir, { recursive: true })
    const { base, t: tc } = await start({ uploadDir })
    const up = (await (await fetch(`${base}/api/upload?name=a.txt`, { method: 'POST', headers: auth, body: 'text' })).json()) as { value: { uploadId: string } }
    expect(readdirSync(uploadDir)).toHaveLength(1)
    tc.db.sqlite.close() // the library fails underneath the host
    const res = await fetch(`${base}/api/upload/import`, { method: 'POST', headers: auth, body: JSON.stringify({ uploads: [up.value.uploadId] }) })
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } }
    console.log(`preview unexpected error: ${res.status} ${body.error.code}: ${body.error.message}`)
    expect(res.status).toBe(500)
    expect(body.error.code).toBe('internal')
    expect(body.error.message).not.toMatch(/database|sqlite|Error|at /i)
    // The upload was taken for the import that never started: nothing else would remove it.
    expect(readdirSync(uploadDir)).toEqual([])
    rmSync(uploadDir, { recursive: true, force: true })
  })
})
