// The editor's desk in Chromium (issue 14): open the seed article's Proofread panel, accept one conversion
// finding (the corrected view shows the fix), accept all punctuation, and the original is unchanged.
// Screenshots of the panel at 1280×800 and 900×700 go to .tmp/e2e-screenshots/.
import type { Locator } from '@playwright/test'
import { expect, shot, test } from './fixtures'

const HALF_WIDTH_COMMA = /(?<=\p{Script=Han}),(?=\p{Script=Han})/gu
const count = (text: string, re: RegExp) => [...text.matchAll(re)].length

test('accept one finding, accept all of a kind, the original unchanged', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
  const body = async () => (await app.paragraphs.allTextContents()).join('\n')
  // In a narrow reading pane the text-version switch folds into the "more" menu.
  const more = app.button('更多阅读设置')
  const pickView = async (name: string) => {
    if (await more.isVisible()) await more.click()
    await app.button(name).click()
    if (await more.isVisible() && (await more.getAttribute('aria-expanded')) === 'true') await more.click()
  }
  console.log(`toolbar folded at 1280: ${await more.isVisible()}`)

  await pickView('原文')
  await expect(app.article.locator('.reader__raw')).toBeVisible()
  const originalBefore = await body()
  await pickView('清理后')
  await expect(app.article.locator('.reader__body')).toBeVisible()
  const cleaned = await body()

  await app.button('校对栏').click()
  const panel = page.getByRole('complementary', { name: '校对' })
  await expect(panel.getByRole('heading', { name: /转换错字/ })).toBeVisible()

  // One conversion finding: shown in the text, then accepted.
  const group = (name: RegExp): Locator => panel.locator('section').filter({ has: page.getByRole('heading', { name }) })
  const conversion = group(/转换错字/).getByRole('listitem').first()
  const target = conversion.getByRole('button', { name: /^在文中查看/ })
  const [, from, to] = /在文中查看：(.+) → (.+)/.exec((await target.getAttribute('aria-label')) ?? '') ?? []
  await target.click()
  await expect(target).toHaveAttribute('aria-current', 'true')
  expect(await page.evaluate(() => CSS.highlights.has('proofread-current'))).toBe(true)
  await conversion.getByRole('button', { name: '采纳', exact: true }).click()
  await expect(conversion.getByText('已采纳')).toBeVisible()

  await pickView('校对后')
  await expect.poll(async () => count(await body(), new RegExp(to as string, 'g'))).toBe(count(cleaned, new RegExp(to as string, 'g')) + 1)
  const afterOne = await body()
  console.log(`accepted ${from} → ${to}: ${count(cleaned, new RegExp(from as string, 'g'))} → ${count(afterOne, new RegExp(from as string, 'g'))} occurrences of ${from} in the corrected view`)
  await page.screenshot({ path: shot('proofread-panel-1280.png'), animations: 'disabled' })

  // Accept all punctuation: no half-width comma left between Han characters in the corrected view.
  const acceptAll = panel.getByRole('button', { name: /全部采纳「标点」/ })
  await acceptAll.click()
  await expect(acceptAll).toBeDisabled()
  await expect.poll(async () => count(await body(), HALF_WIDTH_COMMA)).toBe(0)
  console.log(`half-width commas between Han characters: cleaned ${count(cleaned, HALF_WIDTH_COMMA)}, corrected ${count(await body(), HALF_WIDTH_COMMA)}`)

  // The original is shown unchanged, and so is the cleaned text.
  await pickView('原文')
  await expect(app.article.locator('.reader__raw')).toBeVisible()
  expect(await body()).toBe(originalBefore)
  await pickView('清理后')
  await expect(app.article.locator('.reader__body')).toBeVisible()
  expect(await body()).toBe(cleaned)

  // Decisions survive a reload.
  await app.reload()
  await app.openArticle(/華龍區|华龙区/)
  await app.button('校对栏').click()
  await expect(panel.getByRole('button', { name: /全部采纳「标点」/ })).toBeDisabled()

  await page.setViewportSize({ width: 900, height: 700 })
  await expect(panel).toBeVisible()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: shot('proofread-panel-900.png'), animations: 'disabled' })
})
