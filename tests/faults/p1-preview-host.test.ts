// The real preview host process against a hostile local client (issue 13, findings 2, 3 and 10): without
// the run's token nothing answers, not even the old /etc/passwd import; a 300 MB body is refused while it
// streams and the host's memory stays flat; 300 calls at once are answered 200 or 503, never 500; a batch of
// 30 uploads with hostile names ends with its report and import:finished event, every name kept.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exited, figures, ROOT, seconds, tempDir } from './helpers'

const MB = 1024 * 1024
const TEXT = '华龙区扎实推进市域社会治理现代化工作，通过激发基层自治活力，不断扩展共治同心圆，汇聚基层平安建设力量。'

/** 30 names an upload or a drop can carry: byte-long, NUL, control characters, separators, reserved words. */
const HOSTILE_NAMES = [
  `${'标题'.repeat(150)}.txt`, `${'a'.repeat(1000)}.md`, `${'🙂'.repeat(80)}.txt`, 'nul\u0000inside.txt', '\u0000', 'tab\tnew\nline.txt',
  '../../../../tmp/escape.txt', '/etc/passwd', 'C:\\Windows\\win.ini', '\\\\server\\share\\x.txt', 'CON', 'NUL.txt', 'aux.md',
  '...', '. .txt', 'trailing dot.', 'trailing space.txt ', '\u202Etxt.exe', '%2e%2e%2fx.txt', 'a/b/c/d.txt', 'a\\b.txt',
  '<script>.txt', 'q?u*o"t|e:s.txt', '\u0007bell.txt', '\u007fdel.txt', `${'x'.repeat(250)}.${'e'.repeat(30)}`, 'ok.txt',
  '空 格.txt', '\uFEFFbom.txt', 'ümlaut-NFD-u\u0308.txt'
]

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
}

async function startHost(dir: string): Promise<{ child: ChildProcess; url: URL; token: string }> {
  const renderer = join(dir, 'renderer')
  await import('node:fs').then((fs) => fs.mkdirSync(renderer))
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body></body></html>')
  // node with tsx as a loader, not the tsx CLI: one process, so its memory can be read.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/preview/index.ts', '--db', join(dir, 'library.sqlite'), '--port', '0', '--renderer', renderer, '--no-samples'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }
  })
  let output = ''
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview host did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const m = /Marginalia preview ready at (\S+)\r?\n/.exec(output)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => reject(new Error(`preview host exited with ${code}:\n${output}`)))
  })
  const url = new URL(line)
  return { child, url, token: url.searchParams.get('token') ?? '' }
}

/** Streams `total` bytes without a Content-Length until the host answers. */
function streamBody(url: URL, path: string, headers: Record<string, string>, total: number): Promise<{ status: number; sentMb: number; ms: number }> {
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers }, (res) => {
      answered = true
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sentMb: sent / MB, ms: performance.now() - t0 }))
    })
    req.on('error', (e) => (answered ? undefined : reject(e)))
    const chunk = Buffer.alloc(256 * 1024, 0x7b)
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

describe('preview host process under a hostile local client', () => {
  const t = tempDir('marginalia-p1-preview-')
  let host: Awaited<ReturnType<typeof startHost>> | undefined
  afterAll(async () => {
    if (host?.child.exitCode === null) {
      host.child.kill('SIGTERM')
      await exited(host.child)
    }
    t.cleanup()
  })

  it('token, streamed limits, concurrency cap and hostile upload names, end to end', async () => {
    const t0 = performance.now()
    host = await startHost(t.dir)
    const { url, token } = host
    const base = url.origin
    const auth = { 'x-marginalia-token': token }
    const pid = host.child.pid!
    expect(token.length).toBeGreaterThanOrEqual(32)

    // 1. Without the token nothing answers; with it, no method takes a path.
    const passwd = JSON.stringify({ paths: ['/etc/passwd', '/proc/self/status'] })
    const anonymous = await fetch(`${base}/api/import:paths`, { method: 'POST', body: passwd })
    const withToken = (await (await fetch(`${base}/api/import:paths`, { method: 'POST', headers: auth, body: passwd })).json()) as { ok: boolean; error: { code: string } }
    expect(anonymous.status).toBe(401)
    expect(withToken).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })

    // 2. A 300 MB body, as JSON and as an upload: refused while it streams; the host does not grow.
    const rssBefore = rssKb(pid)
    const json = await streamBody(url, '/api/settings:get', { ...auth, 'content-type': 'application/json' }, 300 * MB)
    const upload = await streamBody(url, '/api/upload?name=huge.txt', { ...auth, 'content-type': 'application/octet-stream' }, 300 * MB)
    const rssGrowthMb = (rssKb(pid) - rssBefore) / 1024
    expect(json.status).toBe(413)
    expect(json.sentMb).toBeLessThan(64)
    // An upload up to the per-file limit (512 MB) is legitimate: it goes to disk, not into memory.
    expect(upload.status).toBe(200)
    expect(rssGrowthMb).toBeLessThan(100)

    // 3. 300 calls at once: each answered 200 or 503 (busy), never a 500 or a dropped connection.
    const statuses = await Promise.all(
      Array.from({ length: 300 }, () =>
        fetch(`${base}/api/articles:list`, { method: 'POST', headers: auth, body: '{}' }).then(
          (r) => r.status,
          () => -1
        )
      )
    )
    const by = (s: number): number => statuses.filter((x) => x === s).length
    expect(by(200) + by(503)).toBe(300)
    expect(by(200)).toBeGreaterThan(0)

    // 4. 30 hostile names in one batch: one raw POST each, then one import; its event arrives with every name.
    const events = new AbortController()
    const stream = await fetch(`${base}/api/events`, { headers: auth, signal: events.signal })
    const reader = stream.body!.getReader()
    const ids: string[] = []
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const r = await fetch(`${base}/api/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: auth, body: `${TEXT}（第${i + 1}篇）\n`.repeat(3) })
      const answer = (await r.json()) as { ok: boolean; value: { uploadId: string } }
      expect(answer.ok).toBe(true)
      ids.push(answer.value.uploadId)
    }
    const started = (await (await fetch(`${base}/api/upload/import`, { method: 'POST', headers: auth, body: JSON.stringify({ uploads: ids }) })).json()) as { value: { importId: number } }
    let text = ''
    const deadline = Date.now() + 60_000
    while (!/event: import:finished\ndata: .*\n\n/.test(text) && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value)
    events.abort()
    const report = JSON.parse(/event: import:finished\ndata: (.*)\n\n/.exec(text)![1]!) as { importId: number; status: string; imported: { file: string }[]; failed: { file: string; reason: string }[] }
    expect(report.importId).toBe(started.value.importId)
    expect(report.status).toBe('done')
    // Every file is in the report under the name it was sent with; none was lost to its name. (A name
    // whose extension says "program" or "settings" may still be refused for what it claims to be.)
    expect([...report.imported, ...report.failed].map((a) => a.file).sort()).toEqual([...HOSTILE_NAMES].sort())
    expect(report.failed.filter((f) => /could not be stored/.test(f.reason))).toEqual([])

    figures(
      `p1 preview host: anonymous /etc/passwd import → ${anonymous.status}, with token → ${withToken.error.code}; ` +
        `300 MB JSON refused ${json.status} after ${json.sentMb.toFixed(1)} MB in ${json.ms.toFixed(0)} ms, 300 MB upload streamed to disk (${upload.status}), host RSS +${rssGrowthMb.toFixed(1)} MB; ` +
        `300 concurrent calls: ${by(200)} × 200, ${by(503)} × 503, ${300 - by(200) - by(503)} other; ` +
        `${HOSTILE_NAMES.length} hostile upload names (up to ${Math.max(...HOSTILE_NAMES.map((n) => Buffer.byteLength(n)))} bytes): ${report.imported.length} imported and ${report.failed.length} refused for their content (${report.failed.map((f) => JSON.stringify(f.file)).join(', ')}), every one reported under its own name, import:finished received; ${seconds(performance.now() - t0)}`
    )
  }, 240_000)
})
