// The team archive of the sync specs: a real PostgreSQL and group server started for the spec file (on
// loopback), one group with its members, a second preview host on a library of its own, and joining a
// window to the group through the Connect dialog as a user does.
import type { Page } from '@playwright/test'
import { expect, startHost, stopHost, test } from './fixtures'
import { admin, startPostgres, type Postgres } from '../server/pg-harness'
import { startServer, type ArchiveServer } from '../../src/server/app'

export type Role = 'admin' | 'editor' | 'viewer'

export interface TeamArchive {
  readonly server: ArchiveServer
  readonly group: string
  /** Each member's token by name. */
  readonly tokens: Readonly<Record<string, string>>
}

/** Starts PostgreSQL, the server and a group with these members before the file's tests; stops them after. */
export function useTeamArchive(members: Array<[string, Role]>): TeamArchive {
  let pg: Postgres | undefined
  let server: ArchiveServer | undefined
  let group = ''
  const tokens: Record<string, string> = {}
  test.beforeAll(async () => {
    test.setTimeout(90_000)
    pg = await startPostgres()
    server = await startServer({ pg: pg.url, host: '127.0.0.1', port: 0 })
    group = await admin(pg.url, 'create-group', '夜班编辑部')
    for (const [name, role] of members) tokens[name] = await admin(pg.url, 'add-member', group, name, '--role', role)
  })
  test.afterAll(async () => {
    await server?.close().catch(() => undefined)
    pg?.stop()
  })
  return {
    get server() {
      if (!server) throw new Error('the team archive starts in beforeAll')
      return server
    },
    get group() {
      return group
    },
    tokens
  }
}

/** A second preview host on its own library, as the fixture starts one (stopped by the returned function). */
export async function secondHost(): Promise<{ url: string; stop: () => void }> {
  const host = await startHost('zh-CN')
  return { url: host.url, stop: () => void stopHost(host) }
}

/** The sidebar's team-archive section (named in the window's language). */
export const teamSection = (page: Page, name = '团队资料库') => page.getByRole('region', { name })

/** Joins the window's library to the group through Connect…; waits for 已同步 unless told not to. */
export async function connect(page: Page, team: TeamArchive, token: string, { synced = true } = {}): Promise<void> {
  await teamSection(page).getByRole('button', { name: '连接…' }).click()
  const dialog = page.getByRole('dialog', { name: '连接团队资料库' })
  await dialog.getByLabel('服务器地址').fill(team.server.url)
  await dialog.getByLabel('成员令牌').fill(token)
  await dialog.getByLabel('群组 ID').fill(team.group)
  await dialog.getByLabel('群组 ID').press('Enter')
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  if (synced) await expect(teamSection(page).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })
}
