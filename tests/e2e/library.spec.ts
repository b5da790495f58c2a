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
  const shown = async () => (await app.options.allInnerTexts()).map((t) => t.split('\n')[0]?.trim() ?? '')
  /** The titles of the list page the action asks for, in the host's order, once the list shows them. */
  const listed = async (action: () => Promise<unknown>, want: { sort: string; order: string; filter: string }): Promise<string[]> => {
    const response = page.waitForResponse((r) => {
      if (!r.url().includes('articles%3Alist')) return false
      const args = r.request().postDataJSON() as Record<string, unknown>
      return args.sort === want.sort && args.order === want.order && args.filter === want.filter
    })
    await action()
    const body = (await (await response).json()) as { value: { items: { title: string }[] } }
    const titles = body.value.items.map((i) => i.title)
    await expect.poll(shown).toEqual(titles)
    return titles
  }
  const sort = page.getByRole('combobox', { name: '排序' })
  const toggle = page.getByRole('button', { name: /^切换排序方向/ })
  const unread = page.getByRole('navigation').getByRole('button', { name: '未读', exact: true })
  // A title sort starts A to Z, in code point order (SQLite's binary collation).
  const all = await listed(() => sort.selectOption('title'), { sort: 'title', order: 'asc', filter: 'all' })
  expect(all).toHaveLength(3)
  expect(all).toEqual([...all].sort())
  // The samples are all unread: the unread list under the same sort holds the same rows in the same order.
  expect(await listed(() => unread.click(), { sort: 'title', order: 'asc', filter: 'unread' })).toEqual(all)
  expect(await listed(() => toggle.click(), { sort: 'title', order: 'desc', filter: 'unread' })).toEqual([...all].reverse())
  const published = await listed(() => sort.selectOption('published'), { sort: 'published', order: 'desc', filter: 'unread' })
  expect(published).toHaveLength(3)
  expect(await listed(() => toggle.click(), { sort: 'published', order: 'asc', filter: 'unread' })).toEqual([...published].reverse())
  await page.getByRole('navigation').getByRole('button', { name: '已读', exact: true }).click()
  await expect(app.options).toHaveCount(0)
})
