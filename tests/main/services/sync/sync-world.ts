// The team-archive world of the sync client's tests: one group server on one real PostgreSQL per test file
// (both started here, on loopback), the SQLite libraries a test opens (real files, removed after it), and
// groups with members. Call useSyncWorld() at the top of a test file: it registers the hooks.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Pool } from 'pg'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import type { SyncTarget } from '../../../../src/main/services/sync'
import { startServer, type ArchiveServer } from '../../../../src/server/app'
import { newGroup, startPostgres, type Postgres } from '../../../server/pg-harness'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

export type Role = 'admin' | 'editor' | 'viewer'

export interface SyncWorld {
  readonly pg: Postgres
  readonly server: ArchiveServer
  /** A small pool of this file's own, for reading what the server stored. */
  readonly pool: Pool
  /** A new library, closed and removed after the test. */
  library(): Promise<TestDb>
  /** A new group with these members: each member's sync target by name. */
  group(...members: Array<[string, Role]>): Promise<Record<string, SyncTarget>>
  /** Stops the server (the archive unreachable) and returns its port, to start it again on. */
  stopServer(): Promise<number>
  startServerAgain(port: number): Promise<void>
}

export function useSyncWorld(): SyncWorld {
  let pg: Postgres | undefined
  let server: ArchiveServer | undefined
  let pool: Pool | undefined
  const libraries: TestDb[] = []
  beforeAll(async () => {
    pg = await startPostgres()
    server = await startServer({ pg: pg.url, port: 0 })
    pool = new Pool({ connectionString: pg.url, max: 2 })
  })
  afterAll(async () => {
    await pool?.end()
    await server?.close().catch(() => undefined)
    pg?.stop()
  })
  afterEach(() => libraries.splice(0).forEach((l) => l.cleanup()))
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the sync world starts in beforeAll: use it inside a test')
    return value
  }
  return {
    get pg() {
      return started(pg)
    },
    get server() {
      return started(server)
    },
    get pool() {
      return started(pool)
    },
    async library() {
      const l = await createTestDb()
      libraries.push(l)
      return l
    },
    async stopServer() {
      const port = Number(new URL(started(server).url).port)
      await started(server).close()
      return port
    },
    async startServerAgain(port) {
      server = await startServer({ pg: started(pg).url, port })
    },
    async group(...members) {
      const url = started(server).url
      const { group, m } = await newGroup(started(pg).url, url, members)
      return Object.fromEntries(Object.entries(m).map(([name, member]) => [name, { server: url, token: member.token, group }]))
    }
  }
}

export const BODY = '华龙区今日召开会议，部署下一阶段的防汛工作。会议要求各部门加强值守，确保群众安全。'

/** A text file of this title written into the library's folder. */
export function articleFile(t: TestDb, title: string): string {
  const file = join(t.dir, `${title}.txt`)
  writeFileSync(file, `${title}\n\n${BODY.repeat(5)}${title}`)
  return file
}

let n = 0
/** Imports one article (a distinct title each call unless given) and returns its id. */
export async function importOne(t: TestDb, title = `防汛会议${n++}`): Promise<number> {
  return (await importPaths(t.db, [articleFile(t, title)], { worker: false })).imported[0]!.id
}
