// Team archive in Chromium (issue 15): a real PostgreSQL and group server started here, two preview hosts
// on two libraries (the fixture's and a second one), both joined to one group through the Connect dialog.
// A highlight made with a real mouse drag in the first shows in the second with its author after "Sync
// now". Screenshots of the connect dialog (with a refusal) and of the sidebar's state.
import { expect, shot, test } from './fixtures'
import { MarginaliaPage } from './pages/MarginaliaPage'
import { ReaderAnnotations } from './pages/ReaderAnnotations'
import { connect, secondHost, teamSection, useTeamArchive } from './team-archive'

test.use({ actionTimeout: 15_000 })

const team = useTeamArchive([['li', 'editor'], ['wang', 'editor']])
const { tokens } = team

test('two libraries on one group: a highlight made in one shows in the other with its author', async ({ app, page, browser }) => {
  test.setTimeout(120_000)
  const b = await secondHost()
  const contextB = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } })
  try {
    const pageB = await contextB.newPage()
    const appB = new MarginaliaPage(pageB, b.url)
    await appB.open()

    // A: unbound, then a wrong token is refused inside the dialog, in the UI language; Escape cancels.
    await expect(teamSection(page).getByRole('status')).toHaveText('未连接')
    await teamSection(page).getByRole('button', { name: '连接…' }).click()
    const dialog = page.getByRole('dialog', { name: '连接团队资料库' })
    await dialog.getByLabel('服务器地址').fill(team.server.url)
    await dialog.getByLabel('成员令牌').fill('x'.repeat(32))
    await dialog.getByLabel('群组 ID').fill(team.group)
    await dialog.getByLabel('群组 ID').press('Enter')
    await expect(dialog.getByRole('alert')).toHaveText('服务器拒绝了此令牌（令牌有误或已被撤销）。')
    await dialog.screenshot({ path: shot('sync-connect-dialog-refused.png') })
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()

    // Both join through the dialog; each then says 已同步 with its member name.
    await connect(page, team, tokens.li!, { synced: false })
    await expect(teamSection(page).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })
    await expect(teamSection(page)).toContainText('成员：li')
    await connect(pageB, team, tokens.wang!, { synced: false })
    await expect(teamSection(pageB).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })

    // A: a highlight by a real mouse drag; the sidebar counts it as waiting, then Sync now sends it.
    const anno = new ReaderAnnotations(page)
    await app.openArticle(/華龍區|华龙区/)
    await expect(app.paragraphs.first()).toBeVisible()
    await anno.select('孩童歡樂地嬉笑玩耍')
    await anno.popover.getByRole('button', { name: '黄色高亮' }).click()
    await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
    await expect(teamSection(page).getByRole('status')).toHaveText('1 项更改待同步', { timeout: 10_000 })
    await teamSection(page).screenshot({ path: shot('sync-sidebar-pending.png') })
    await teamSection(page).getByRole('button', { name: '立即同步' }).click()
    await expect(teamSection(page).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })

    // B: Sync now pulls it; the card carries li's name and no edit buttons (it is li's layer).
    await teamSection(pageB).getByRole('button', { name: '立即同步' }).click()
    await expect(teamSection(pageB).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })
    await appB.openArticle(/華龍區|华龙区/)
    const annoB = new ReaderAnnotations(pageB)
    await expect(annoB.mark('孩童歡樂地嬉笑玩耍')).toBeVisible({ timeout: 10_000 })
    await annoB.openPanel()
    const card = annoB.card('孩童歡樂地嬉笑玩耍')
    await expect(card).toContainText('li 的标注')
    const byline = await card.locator('.anno-card__author').textContent()
    await expect(card.getByRole('button', { name: '删除高亮' })).toHaveCount(0)
    await expect(card.getByRole('button', { name: '添加批注' })).toHaveCount(0)
    await teamSection(pageB).screenshot({ path: shot('sync-sidebar-synced.png') })
    await pageB.screenshot({ path: shot('sync-colleague-highlight.png') })

    // The same state in the other UI languages.
    await appB.setLanguage('en')
    const english = pageB.getByRole('region', { name: 'Team archive' })
    await expect(english.getByRole('status')).toHaveText('Synced')
    await expect(english.getByRole('button', { name: 'Sync now' })).toBeVisible()
    await expect(pageB.getByText('By li')).toBeVisible()
    await app.setLanguage('zh-Hant')
    await expect(page.getByRole('region', { name: '團隊資料庫' }).getByRole('status')).toHaveText('已同步')
    await expect(page.getByRole('region', { name: '團隊資料庫' })).toContainText('成員：li')
    console.log(`group ${team.group}: li's highlight shown in wang's library with "${byline ?? ''}"`)
  } finally {
    await contextB.close()
    b.stop()
  }
})
