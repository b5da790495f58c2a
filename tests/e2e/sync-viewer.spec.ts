// Team archive beyond connect/sync (issue 15), in Chromium with a real PostgreSQL and group server: an
// editor (li, a second preview host) highlights and syncs; a viewer (zhao, the fixture's host) sees the
// library read-only (badge, no highlight or tag controls), shows or hides li's layer (persisted across a
// reload), and opens the activity view: today's date in the UI locale, counts in its plural rules in
// Simplified, Traditional and English; with the server gone the view says so plainly.
import { expect, shot, test } from './fixtures'
import { MarginaliaPage } from './pages/MarginaliaPage'
import { ReaderAnnotations } from './pages/ReaderAnnotations'
import { connect, secondHost, teamSection, useTeamArchive } from './team-archive'

test.use({ actionTimeout: 15_000 })

const team = useTeamArchive([['li', 'editor'], ['zhao', 'viewer']])
const { tokens } = team

test("a viewer's library is read-only, shows or hides a colleague's layer, and shows the team's activity", async ({ app, page, browser }) => {
  test.setTimeout(150_000)
  const b = await secondHost()
  const contextB = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } })
  try {
    // li (editor) highlights in their library and sends it.
    const pageB = await contextB.newPage()
    const appB = new MarginaliaPage(pageB, b.url)
    await appB.open()
    await connect(pageB, team, tokens.li!)
    await expect(teamSection(pageB).getByText('只读')).toHaveCount(0)
    await appB.openArticle(/華龍區|华龙区/)
    const annoB = new ReaderAnnotations(pageB)
    await annoB.select('孩童歡樂地嬉笑玩耍')
    await annoB.popover.getByRole('button', { name: '黄色高亮' }).click()
    await expect(annoB.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
    await expect(teamSection(pageB).getByRole('status')).toHaveText('1 项更改待同步', { timeout: 10_000 })
    await teamSection(pageB).getByRole('button', { name: '立即同步' }).click()
    await expect(teamSection(pageB).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })

    // zhao (viewer) joins: the team section says read-only.
    await connect(page, team, tokens.zhao!)
    await expect(teamSection(page)).toContainText('成员：zhao（只读）')
    const badge = teamSection(page).getByText('只读', { exact: true })
    await expect(badge).toBeVisible()
    await teamSection(page).screenshot({ path: shot('sync-viewer-sidebar.png') })

    // The reader offers no highlight, note or tag controls; looking a word up still works.
    const anno = new ReaderAnnotations(page)
    await app.openArticle(/華龍區|华龙区/)
    await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible({ timeout: 10_000 })
    await anno.select('老人悠閑地下棋打牌')
    await expect(anno.popover).toBeVisible()
    await expect(anno.popover.getByRole('button', { name: '查词' })).toBeVisible()
    const offered = await anno.popover.getByRole('button').allTextContents()
    await expect(anno.popover.getByRole('button', { name: /高亮$/ })).toHaveCount(0)
    await expect(anno.popover.getByRole('button', { name: '添加批注' })).toHaveCount(0)
    await expect(page.getByRole('group', { name: '文章标签' }).getByRole('button', { name: /添加标签/ })).toHaveCount(0)
    await page.mouse.click(5, 5)

    // li's layer: shown with their name; the panel's toggle hides it, and the choice survives a reload.
    await anno.openPanel()
    await expect(anno.card('孩童歡樂地嬉笑玩耍')).toContainText('li 的标注')
    await expect(anno.panel.getByRole('button', { name: '撤销' })).toHaveCount(0)
    const layers = anno.panel.getByRole('checkbox', { name: '同事的高亮' })
    await expect(layers).toBeChecked()
    await layers.uncheck()
    await expect(anno.card('孩童歡樂地嬉笑玩耍')).toHaveCount(0)
    await expect(anno.panel).toContainText('已隐藏同事的 1 处高亮')
    await anno.panel.screenshot({ path: shot('sync-colleague-layer-hidden.png') })
    await app.reload()
    await app.openArticle(/華龍區|华龙区/)
    // The panel stays open across the reload.
    await expect(anno.panel).toBeVisible()
    await expect(anno.panel.getByRole('checkbox', { name: '同事的高亮' })).not.toBeChecked()
    await expect(anno.card('孩童歡樂地嬉笑玩耍')).toHaveCount(0)
    await anno.panel.getByRole('checkbox', { name: '同事的高亮' }).check()
    await expect(anno.card('孩童歡樂地嬉笑玩耍')).toContainText('li 的标注')

    // Activity: today, li imported the three samples and made one highlight; zhao did nothing.
    await teamSection(page).getByRole('button', { name: '动态…' }).click()
    const activity = page.getByRole('dialog', { name: '团队动态' })
    const today = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date())
    await expect(activity.getByRole('heading', { name: today('zh-CN') })).toBeVisible({ timeout: 10_000 })
    await expect(activity.getByRole('listitem').filter({ hasText: /^li / })).toHaveText('li 导入 3 篇文章和高亮 1 处')
    await expect(activity).not.toContainText('zhao')
    await activity.screenshot({ path: shot('sync-activity-zh-Hans.png') })
    const zhText = await activity.getByRole('listitem').filter({ hasText: /^li / }).textContent()
    await activity.getByRole('button', { name: '关闭' }).click()

    await app.setLanguage('zh-Hant')
    await teamSection(page, '團隊資料庫').getByRole('button', { name: '動態…' }).click()
    const activityHant = page.getByRole('dialog', { name: '團隊動態' })
    await expect(activityHant.getByRole('heading', { name: today('zh-TW') })).toBeVisible({ timeout: 10_000 })
    await expect(activityHant.getByRole('listitem').filter({ hasText: /^li / })).toHaveText('li 匯入 3 篇文章和畫線 1 處')
    await page.keyboard.press('Escape')

    // From Traditional to English (the page object's setLanguage starts from Simplified).
    await page.getByRole('button', { name: '設定', exact: true }).click()
    await page.getByRole('combobox', { name: '介面語言' }).selectOption('en')
    await page.keyboard.press('Escape')
    await teamSection(page, 'Team archive').getByRole('button', { name: 'Activity…' }).click()
    const activityEn = page.getByRole('dialog', { name: 'Team activity' })
    await expect(activityEn.getByRole('heading', { name: today('en') })).toBeVisible({ timeout: 10_000 })
    await expect(activityEn.getByRole('listitem').filter({ hasText: /^li / })).toHaveText('li imported 3 articles and made 1 highlight')
    await expect(teamSection(page, 'Team archive').getByText('Read-only', { exact: true })).toBeVisible()
    await page.keyboard.press('Escape')

    // Offline: the server goes away; the view says so in plain words, nothing breaks.
    await team.server.close()
    await teamSection(page, 'Team archive').getByRole('button', { name: 'Activity…' }).click()
    const offline = page.getByRole('dialog', { name: 'Team activity' }).getByRole('alert')
    await expect(offline).toHaveText('The archive server cannot be reached, so the activity cannot be shown now. Try again when you are online.', { timeout: 15_000 })
    await page.getByRole('dialog', { name: 'Team activity' }).screenshot({ path: shot('sync-activity-offline.png') })
    console.log(`viewer popover offered ${JSON.stringify(offered)}; activity: "${zhText ?? ''}"`)
  } finally {
    await contextB.close()
    b.stop()
  }
})
