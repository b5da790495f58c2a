// UI language: follows the OS language reported by the host when set to "system", and switches between
// 简体中文, English and 繁體中文 from Settings (persisting across reloads), updating <html lang>.
import { expect, test } from './fixtures'

test('switches the UI language from Settings', async ({ app, page }) => {
  await expect(app.button('导入')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')

  await app.button('设置').click()
  const dialog = page.getByRole('dialog', { name: '设置' })
  await dialog.getByRole('combobox', { name: '界面语言' }).selectOption('en')
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(app.button('Import')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Unread' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  await app.button('Settings').click()
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-Hant')
  await page.keyboard.press('Escape')
  await expect(app.button('匯入')).toBeVisible()
  await expect(page.getByRole('button', { name: '未讀' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW')

  await app.reload()
  await expect(app.button('匯入')).toBeVisible()
})

test.describe('with an English OS', () => {
  test.use({ systemLocale: 'en-US' })
  test('"follow system" uses the OS language', async ({ app, page }) => {
    await expect(app.button('Import')).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  })
})
