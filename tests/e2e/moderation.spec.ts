// Moderation in the team archive (issue 15), in Chromium: a real PostgreSQL and group server started here,
// two preview hosts on two libraries joined to one group. The admin hides an editor's comment (Hide, then
// Really hide); it leaves the admin's window at once and the editor's, open on the article, after the
// background sync. Undo in the admin's toast shows it again everywhere.
import type { Page } from '@playwright/test'
import { expect, shot, startHost, stopHost, test } from './fixtures'
import { MarginaliaPage } from './pages/MarginaliaPage'
import { admin, startPostgres, type Postgres } from '../server/pg-harness'
import { startServer, type ArchiveServer } from '../../src/server/app'

test.use({ actionTimeout: 15_000 })

let pg: Postgres
let server: ArchiveServer
let group: string
const tokens: Record<string, string> = {}

test.beforeAll(async () => {
  test.setTimeout(90_000)
  pg = await startPostgres()
  server = await startServer({ pg: pg.url, host: '127.0.0.1', port: 0 })
  group = await admin(pg.url, 'create-group', '夜班编辑部')
  tokens.chief = await admin(pg.url, 'add-member', group, 'chief', '--role', 'admin')
  tokens.li = await admin(pg.url, 'add-member', group, 'li', '--role', 'editor')
})

test.afterAll(async () => {
  await server?.close().catch(() => undefined)
  pg?.stop()
})

const sidebarSync = (page: Page) => page.getByRole('region', { name: '团队资料库' })
const discussion = (page: Page) => page.getByRole('region', { name: '讨论' })

async function connect(page: Page, token: string): Promise<void> {
  await sidebarSync(page).getByRole('button', { name: '连接…' }).click()
  const dialog = page.getByRole('dialog', { name: '连接团队资料库' })
  await dialog.getByLabel('服务器地址').fill(server.url)
  await dialog.getByLabel('成员令牌').fill(token)
  await dialog.getByLabel('群组 ID').fill(group)
  await dialog.getByLabel('群组 ID').press('Enter')
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(sidebarSync(page).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })
}

test("an admin hides a colleague's comment: it disappears in the colleague's window, and Undo brings it back", async ({ app, page, browser }) => {
  test.setTimeout(150_000)
  const hostB = await startHost('zh-CN')
  const contextB = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } })
  try {
    const pageB = await contextB.newPage()
    const appB = new MarginaliaPage(pageB, hostB.url)
    await appB.open()
    await connect(page, tokens.chief!)
    await connect(pageB, tokens.li!)
    await app.openArticle(/華龍區|华龙区/)
    await appB.openArticle(/華龍區|华龙区/)

    const text = '这条评论含有未经证实的指控。'
    const box = discussion(pageB).getByRole('textbox', { name: '写评论' })
    await box.fill(text)
    await box.press('Control+Enter')
    const inB = discussion(pageB).getByRole('listitem').filter({ hasText: text })
    await expect(inB).toContainText('li（你）')
    // The author has no Hide (theirs to delete); the admin sees one on the colleague's comment.
    await expect(inB.getByRole('button', { name: /隐藏/ })).toHaveCount(0)
    const inA = discussion(page).getByRole('listitem').filter({ hasText: text })
    await expect(inA).toBeVisible({ timeout: 30_000 })

    await inA.getByRole('button', { name: '对全组隐藏 li 的评论' }).click()
    await inA.screenshot({ path: shot('moderation-confirm.png') })
    await inA.getByRole('button', { name: '确认隐藏' }).click()
    await expect(inA).toHaveCount(0)
    const toast = page.getByText('下次同步后，小组的每个资料库都不再显示它。')
    await expect(toast).toBeVisible()
    await page.screenshot({ path: shot('moderation-admin-hid.png') })

    const started = Date.now()
    await expect(inB).toHaveCount(0, { timeout: 30_000 })
    const goneAfter = Date.now() - started
    await expect(discussion(pageB)).toContainText('还没有人评论这篇文章。')
    await pageB.screenshot({ path: shot('moderation-colleague.png') })

    // Undo (in the admin's toast): the unhide goes out and both windows show the comment again.
    await page.getByRole('button', { name: '撤销' }).click()
    await expect(inA).toBeVisible({ timeout: 30_000 })
    await expect(inB).toBeVisible({ timeout: 30_000 })
    await expect(inB).toContainText('li（你）')
    console.log(`group ${group}: the comment the admin hid left li's open reader ${goneAfter} ms after Really hide`)
  } finally {
    await contextB.close()
    await stopHost(hostB)
  }
})
