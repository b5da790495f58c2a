// Moderation in the team archive (issue 15), in Chromium: a real PostgreSQL and group server started here,
// two preview hosts on two libraries joined to one group. The admin hides an editor's comment (Hide, then
// Really hide); it leaves the admin's window at once and the editor's, open on the article, after the
// background sync. Undo in the admin's toast shows it again everywhere.
import type { Page } from '@playwright/test'
import { expect, shot, startHost, stopHost, test } from './fixtures'
import { MarginaliaPage } from './pages/MarginaliaPage'
import { connect, useTeamArchive } from './team-archive'

test.use({ actionTimeout: 15_000 })

const team = useTeamArchive([['chief', 'admin'], ['li', 'editor']])
const { tokens } = team

const discussion = (page: Page) => page.getByRole('region', { name: '讨论' })

test("an admin hides a colleague's comment: it disappears in the colleague's window, and Undo brings it back", async ({ app, page, browser }) => {
  test.setTimeout(150_000)
  const hostB = await startHost('zh-CN')
  const contextB = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } })
  try {
    const pageB = await contextB.newPage()
    const appB = new MarginaliaPage(pageB, hostB.url)
    await appB.open()
    await connect(page, team, tokens.chief!)
    await connect(pageB, team, tokens.li!)
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
    console.log(`group ${team.group}: the comment the admin hid left li's open reader ${goneAfter} ms after Really hide`)
  } finally {
    await contextB.close()
    await stopHost(hostB)
  }
})
