// The About count is live (issue 12): after an import, and after that import is undone, Help/About shows
// the library's current article count without a reload.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { NEWS_TXT, TagsPage } from './pages/TagsPage'

async function aboutCount(page: Page): Promise<number> {
  await page.getByRole('button', { name: '帮助与快捷键' }).first().click()
  const dialog = page.getByRole('dialog', { name: '帮助与快捷键' })
  const line = dialog.locator('.about__line', { hasText: /^共 \d+ 篇文章$/ })
  await expect(line).toBeVisible()
  const count = Number(/\d+/.exec(await line.innerText())?.[0])
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  return count
}

test('Help/About counts the articles after an import and after undoing it, without a reload', async ({ app, page }) => {
  const tags = new TagsPage(app)
  const start = await aboutCount(page)
  expect(start).toBe(3)

  // Three files, one a duplicate of a sample article: two new articles.
  await tags.importFiles(NEWS_TXT)
  await tags.expectCount(5)
  await expect.poll(() => aboutCount(page)).toBe(5)

  await page.getByRole('button', { name: '导入记录' }).click()
  const history = page.getByRole('dialog', { name: '导入记录' })
  const newest = history.getByRole('listitem').first()
  await newest.getByRole('button', { name: /撤销 .* 的导入/ }).click()
  await newest.getByRole('button', { name: '删除' }).click()
  await expect(newest).toContainText('导入已撤销')
  await page.keyboard.press('Escape')
  await tags.expectCount(3)
  const after = await aboutCount(page)
  console.log(`[about] article count: start ${start}, after import 5, after undoing it ${after}`)
  expect(after).toBe(3)
})
