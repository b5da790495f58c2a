// Each server test file starts its own PostgreSQL: initdb into a temp folder, pg_ctl on 127.0.0.1 and a
// free port, as the postgres user (both refuse root). Stopped and removed in afterAll.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ArchiveServer } from '../../src/server/app'
import { startServer } from '../../src/server/app'
import { runAdmin } from '../../src/server/admin'

function pgBin(): string {
  const root = '/usr/lib/postgresql'
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined
  if (!version) throw new Error('PostgreSQL is not installed: apt-get install postgresql')
  return join(root, version, 'bin')
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0))
    })
  })
}

export interface Postgres {
  url: string
  stop: () => void
  /** kill -9 the postmaster, then start it again on the same data folder. */
  crashAndRestart: () => void
}

export async function startPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-pg-'))
  const data = join(dir, 'data')
  chownSync(dir, uidOf('postgres'), gidOf('postgres'))
  const asPg = (cmd: string, args: string[]): string =>
    execFileSync(process.getuid?.() === 0 ? 'runuser' : cmd, process.getuid?.() === 0 ? ['-u', 'postgres', '--', join(pgBin(), cmd), ...args] : args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  asPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  const start = (): void => {
    asPg('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-k ${dir} -p ${port} -h 127.0.0.1 -c fsync=off -c max_connections=300`, 'start'])
  }
  start()
  asPg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'marginalia'])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/marginalia`,
    stop: () => {
      try {
        asPg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    crashAndRestart: () => {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
      process.kill(pid, 'SIGKILL')
      for (let i = 0; i < 100 && existsSync(join(data, 'postmaster.pid')); i++) {
        try {
          process.kill(pid, 0)
          execFileSync('sleep', ['0.05'])
        } catch {
          break
        }
      }
      start()
    }
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim())
}
function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim())
}

/** Runs an admin command in-process and returns what it printed. */
export async function admin(pg: string, ...args: string[]): Promise<string> {
  const lines: string[] = []
  await runAdmin(pg, args, (l) => lines.push(l))
  return lines.join('\n')
}

/** A tiny HTTP client for one member, in the shape the app's sync client will have. */
export class Member {
  constructor(
    readonly base: string,
    readonly group: string,
    readonly token: string
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${this.token}`, ...headers } }
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        init.body = body as string
        ;(init.headers as Record<string, string>)['content-type'] ??= 'text/plain; charset=utf-8'
      } else {
        init.body = JSON.stringify(body)
        ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
      }
    }
    const res = await fetch(new URL(path.replace(/^\//, ''), this.base), init)
    const text = await res.text()
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: res.status, json, text }
  }

  push(operations: unknown[], headers: Record<string, string> = {}) {
    return this.request('POST', `/groups/${this.group}/changes`, { operations }, headers)
  }

  async pullAll(since = 0): Promise<{ objects: any[]; deletions: any[]; version: number }> {
    const objects: any[] = []
    const deletions: any[] = []
    let cursor: string | undefined
    for (;;) {
      const q = new URLSearchParams({ since: String(since), limit: '200' })
      if (cursor) q.set('cursor', cursor)
      const r = await this.request('GET', `/groups/${this.group}/changes?${q}`)
      if (r.status !== 200) throw new Error(`pull ${r.status} ${r.text}`)
      objects.push(...r.json.objects)
      deletions.push(...r.json.deletions)
      if (!r.json.more) return { objects, deletions, version: r.json.version }
      cursor = r.json.cursor
    }
  }

  putBody(hash: string, body: string) {
    return this.request('PUT', `/groups/${this.group}/bodies/${hash}`, body)
  }
}

export interface Desk {
  pg: Postgres
  server: ArchiveServer
  stop: () => Promise<void>
}

export async function startDesk(): Promise<Desk> {
  const pg = await startPostgres()
  const server = await startServer({ pg: pg.url, host: '127.0.0.1', port: 0 })
  return {
    pg,
    server,
    stop: async () => {
      await server.close().catch(() => undefined)
      pg.stop()
    }
  }
}

export async function newGroup(pg: string, base: string, members: Array<[string, 'admin' | 'editor' | 'viewer']>): Promise<{ group: string; m: Record<string, Member> }> {
  const group = await admin(pg, 'create-group', `desk-${Math.random().toString(36).slice(2)}`)
  const m: Record<string, Member> = {}
  for (const [name, role] of members) m[name] = new Member(base, group, await admin(pg, 'add-member', group, name, '--role', role))
  return { group, m }
}
