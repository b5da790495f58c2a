// Library: the list, keyboard navigation (↑/↓/Enter, j/k, Alt+↑/↓) and search with highlighted snippets.
import { expect, test } from './fixtures'

test('keyboard moves through the list and opens articles', async ({ app, page }) => {
  await expect(app.options).toHaveCount(3)
  const titles = (await app.options.allInnerTexts()).map((t) => t.split('\n')[0]?.trim() ?? '')

  await app.list.focus()
  await page.keyboard.press('ArrowDown')
  await expect(app.options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(app.articleTitle).toBeVisible()
  const second = await app.articleTitle.innerText()
  expect(titles[1]).toContain(second.slice(0, 6))

  await page.keyboard.press('j')
  await expect(app.articleTitle).not.toHaveText(second)
  await expect(app.options.nth(2)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('k')
  await expect(app.articleTitle).toHaveText(second)
  await page.keyboard.press('Alt+ArrowDown')
  await expect(app.options.nth(2)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Alt+ArrowUp')
  await expect(app.articleTitle).toHaveText(second)
})

test('shortcuts do not fire while typing in the search box; / and Escape move focus', async ({ app, page }) => {
  await app.openArticle(/華龍區|华龙区/)
  const size = await app.articleFontSize()
  await page.keyboard.press('/')
  await expect(app.search).toBeFocused()
  await page.keyboard.type('j+')
  await expect(app.search).toHaveValue('j+')
  expect(await app.articleFontSize()).toBe(size)
  await page.keyboard.press('Escape')
  await expect(app.search).not.toBeFocused()
})

test('search shows matching articles with highlighted snippets', async ({ app }) => {
  await app.search.fill('罢工')
  await expect(app.options).toHaveCount(1)
  await expect(app.options.first()).toContainText('法国')
  await expect(app.options.first().locator('mark').first()).toBeVisible()
  await app.search.fill('没有这样的文章zzz')
  await expect(app.page.getByText('没有找到文章')).toBeVisible()
})

test('the unread list sorts by title and publication date, both ways (the read-state indexes of each sort)', async ({ app, page }) => {
  await expect(app.options).toHaveCount(3)
  const titles = async () => (await app.options.allInnerTexts()).map((t) => t.split('\n')[0]?.trim() ?? '')
  const sort = page.getByRole('combobox', { name: '排序' })
  const toggle = page.getByRole('button', { name: /^切换排序方向/ })
  await sort.selectOption('title')
  // A title sort starts A to Z.
  await expect(toggle).toHaveAccessibleName('切换排序方向: 升序')
  const all = await titles()
  // The samples are all unread: the unread list under the same sort holds the same rows in the same order.
  await page.getByRole('navigation').getByRole('button', { name: '未读', exact: true }).click()
  await expect(sort).toHaveValue('title')
  await expect.poll(titles).toEqual(all)
  await toggle.click()
  await expect(toggle).toHaveAccessibleName('切换排序方向: 降序')
  await expect.poll(titles).toEqual([...all].reverse())
  await sort.selectOption('published')
  await expect(app.options).toHaveCount(3)
  const published = await titles()
  await toggle.click()
  await expect.poll(titles).toEqual([...published].reverse())
  await page.getByRole('navigation').getByRole('button', { name: '已读', exact: true }).click()
  await expect(app.options).toHaveCount(0)
})
