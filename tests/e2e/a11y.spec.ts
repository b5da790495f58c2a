// Accessibility of the main window (issue 12): main / nav / complementary landmarks, ? and F1 open Help, and
// an axe-core scan of the main states (list, open article with the notes panel, find bar, narrow window
// with the list drawer, Help dialog) with no serious or critical violations.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const HUALONG = /華龍區|华龙区/

async function seriousViolations(page: Page, state: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const lines = bad.map((v) => `${state}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.map((n) => n.target.join(' ')).join(", ")}`)
  console.log(`[a11y] ${state}: ${result.violations.length} violations, ${bad.length} serious or critical${lines.length ? `\n  ${lines.join('\n  ')}` : ''}`)
  return lines
}

test('landmarks, and ? and F1 open Help', async ({ app, page }) => {
  await app.openArticle(HUALONG)
  await expect(page.getByRole('main')).toHaveCount(1)
  await expect(page.getByRole('navigation', { name: '资料库导航' })).toBeVisible()
  await app.button('批注栏').click()
  await expect(page.getByRole('complementary')).toBeVisible()

  const help = page.getByRole('dialog', { name: '帮助与快捷键' })
  await page.locator('.reader-scroll').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('?')
  await expect(help).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  await page.keyboard.press('F1')
  await expect(help).toBeVisible()
  console.log('[a11y] landmarks main 1, nav 1, complementary 1; ? and F1 each opened Help')
})

test('axe-core finds no serious or critical violations in the main states', async ({ app, page }) => {
  const found: string[] = []
  found.push(...(await seriousViolations(page, 'list')))
  await app.openArticle(HUALONG)
  await app.button('批注栏').click()
  await page.keyboard.press('Control+f')
  await page.getByRole('textbox', { name: '在文中查找' }).fill('华龙区')
  found.push(...(await seriousViolations(page, 'article + notes + find')))
  await page.keyboard.press('Escape')
  await app.search.fill('罢工')
  await expect(app.options).toHaveCount(1)
  found.push(...(await seriousViolations(page, 'search results')))
  await page.setViewportSize({ width: 900, height: 700 })
  await page.getByRole('button', { name: '显示文章列表' }).click()
  found.push(...(await seriousViolations(page, '900 px, list drawer')))
  await page.keyboard.press('Escape')
  await page.keyboard.press('F1')
  await expect(page.getByRole('dialog', { name: '帮助与快捷键' })).toBeVisible()
  found.push(...(await seriousViolations(page, 'help dialog')))
  expect(found).toEqual([])
})
