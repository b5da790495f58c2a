// Screenshots of the main window for the README and visual review: reading the hualong sample in the light,
// sepia and dark themes, plus a search. Written to .tmp/e2e-screenshots/ (see fixtures.ts `shot`).
import { expect, shot, test } from './fixtures'


test('main window screenshots (light, sepia, dark)', async ({ app, page }) => {
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: shot('main-window.png'), animations: 'disabled' })

  await app.button(/米黄/).click()
  await expect.poll(() => app.theme()).toBe('sepia')
  await page.screenshot({ path: shot('main-window-sepia.png'), animations: 'disabled' })

  await app.button(/深色/).click()
  await expect.poll(() => app.theme()).toBe('dark')
  await page.screenshot({ path: shot('main-window-dark.png'), animations: 'disabled' })
})

test('search and settings screenshots', async ({ app, page }) => {
  await app.search.fill('罢工')
  await expect(app.options.first().locator('mark').first()).toBeVisible()
  await app.openArticle(/罢工/)
  await page.screenshot({ path: shot('search.png'), animations: 'disabled' })

  await app.button('设置').click()
  await expect(page.getByRole('dialog', { name: '设置' })).toBeVisible()
  await page.screenshot({ path: shot('settings.png'), animations: 'disabled' })
})
