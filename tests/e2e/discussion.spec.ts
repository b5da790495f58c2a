// A discussion thread per article in the team archive (issue 15), in Chromium: a real PostgreSQL and group
// server started here, two preview hosts on two libraries joined to one group. A comment posted with
// Ctrl+Enter in one window appears in the other, already open on the article, with its author after the
// background sync (the server's event stream starts the round, no button pressed); the author edits it
// and the edit follows. The second window reads at 900×700.
import type { Page } from '@playwright/test'
import { expect, shot, startHost, stopHost, test } from './fixtures'
import { MarginaliaPage } from './pages/MarginaliaPage'
import { connect, useTeamArchive } from './team-archive'

test.use({ actionTimeout: 15_000 })

const team = useTeamArchive([['li', 'editor'], ['wang', 'editor']])
const { tokens } = team

const discussion = (page: Page) => page.getByRole('region', { name: '讨论' })

test('a comment posted in one library appears in the other, open on the article, with its author', async ({ app, page, browser }) => {
  test.setTimeout(150_000)
  const hostB = await startHost('zh-CN')
  const contextB = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } })
  try {
    const pageB = await contextB.newPage()
    const appB = new MarginaliaPage(pageB, hostB.url)
    await appB.open()

    // Not joined: no discussion at all.
    await app.openArticle(/華龍區|华龙区/)
    await expect(app.paragraphs.first()).toBeVisible()
    await expect(discussion(page)).toHaveCount(0)

    await connect(page, team, tokens.li!)
    await connect(pageB, team, tokens.wang!)
    await appB.openArticle(/華龍區|华龙区/)
    // The smallest window the app supports (below 1100 px the sidebar is a rail, so it is joined first).
    await pageB.setViewportSize({ width: 900, height: 700 })
    await expect(discussion(pageB)).toContainText('还没有人评论这篇文章。', { timeout: 10_000 })
    await expect(discussion(page)).toBeVisible({ timeout: 10_000 })

    // A: typed into the labelled box, sent with Ctrl+Enter; shown at once as li's own, waiting to sync.
    const box = discussion(page).getByRole('textbox', { name: '写评论' })
    await box.fill('第三段的伤亡数字需要再核实。')
    await box.press('Control+Enter')
    const posted = discussion(page).getByRole('listitem').filter({ hasText: '第三段的伤亡数字需要再核实。' })
    await expect(posted).toContainText('li（你）')
    // Held by its id from here: while it is edited, its text is in the edit box, not the item's text.
    const mine = discussion(page).locator(`[data-comment-id="${await posted.getAttribute('data-comment-id')}"]`)
    await expect(box).toHaveValue('')
    await expect(mine.locator('.discussion__text')).toHaveAttribute('lang', /^zh/)

    // B, with the article open and no button pressed: the background round brings it, with li's name.
    const started = Date.now()
    const arrived = discussion(pageB).getByRole('listitem').filter({ hasText: '第三段的伤亡数字需要再核实。' })
    await expect(arrived).toBeVisible({ timeout: 30_000 })
    const theirs = discussion(pageB).locator(`[data-comment-id="${await arrived.getAttribute('data-comment-id')}"]`)
    await expect(theirs).not.toContainText('已编辑')
    const seenAfter = Date.now() - started
    await expect(theirs.locator('.discussion__author')).toHaveText('li')
    await expect(theirs.getByRole('button', { name: '编辑评论' })).toHaveCount(0)
    await expect(theirs.getByRole('button', { name: '删除评论' })).toHaveCount(0)
    await expect(discussion(pageB).getByRole('heading')).toContainText('1 条评论')
    await expect(mine).not.toContainText('待同步', { timeout: 20_000 })

    // B answers; A edits its comment; both changes cross.
    const boxB = discussion(pageB).getByRole('textbox', { name: '写评论' })
    await boxB.fill('已和记者核对，按新华社通稿改。')
    await boxB.press('Control+Enter')
    await mine.getByRole('button', { name: '编辑评论' }).click()
    const edit = mine.getByRole('textbox', { name: '修改评论' })
    await edit.fill('第三段的伤亡数字需要再核实（以应急管理局通报为准）。')
    await edit.press('Control+Enter')
    await expect(theirs).toContainText('以应急管理局通报为准', { timeout: 30_000 })
    await expect(theirs).toContainText('已编辑')
    await expect(discussion(page).getByRole('listitem').filter({ hasText: '已和记者核对' })).toContainText('wang', { timeout: 30_000 })
    await expect(discussion(pageB).getByRole('listitem').first()).toContainText('li')

    await discussion(pageB).scrollIntoViewIfNeeded()
    await pageB.screenshot({ path: shot('discussion-900.png') })
    await discussion(pageB).screenshot({ path: shot('discussion-thread.png') })

    await appB.setLanguage('en')
    await expect(pageB.getByRole('region', { name: 'Discussion' }).getByRole('heading')).toContainText('2 comments')
    await expect(pageB.getByRole('region', { name: 'Discussion' }).getByRole('textbox', { name: 'Write a comment' })).toBeEnabled()
    console.log(`group ${team.group}: li's comment shown in wang's open reader ${seenAfter} ms after it was posted, without Sync now`)
  } finally {
    await contextB.close()
    await stopHost(hostB)
  }
})
