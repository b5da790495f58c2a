// Search: Simplified and Traditional queries both find the hualong sample with a highlighted snippet, the
// relevance sort appears while searching (and the previous sort returns after), and search combines with
// tag chips, the date range and the source filter.
import { expect, shot, test } from './fixtures'
import { NEWS_TXT, TagsPage } from './pages/TagsPage'

const HUALONG = /華龍區|华龙区/

test('华龙区 and 華龍區 both find hualong with a highlighted snippet; relevance sort while searching', async ({ app }) => {
  const tags = new TagsPage(app)
  await expect(app.options).toHaveCount(3)
  await tags.sort.selectOption('title')
  await expect(tags.sort.locator('option[value="relevance"]')).toHaveCount(0)

  for (const query of ['华龙区', '華龍區']) {
    await app.search.fill(query)
    await expect(app.options).toHaveCount(1)
    await expect(app.options.first()).toContainText(HUALONG)
    await expect(app.options.first().locator('mark').first()).toHaveText(HUALONG)
    await expect(tags.sort).toHaveValue('relevance')
    await expect(tags.sort.locator('option[value="relevance"]')).toHaveText('相关度')
  }

  // Clearing the search brings back the sort chosen before it.
  await app.search.fill('')
  await expect(app.options).toHaveCount(3)
  await expect(tags.sort).toHaveValue('title')
  await expect(tags.sort.locator('option[value="relevance"]')).toHaveCount(0)
})

test('search combines with tag chips, date range and source', async ({ app, page }) => {
  const tags = new TagsPage(app)
  await tags.importFiles(NEWS_TXT)
  await tags.bulk('add', [HUALONG, /带中国处方药/], '社会')
  await tags.clearSelection()

  // 美国 occurs in several articles; the tag chip narrows the results.
  await app.search.fill('美国')
  await expect.poll(() => app.options.count()).toBeGreaterThan(1)
  await tags.treeItem('社会').click()
  await expect(tags.chip('社会')).toBeVisible()
  await expect(app.options).toHaveCount(1)
  await expect(app.options.first()).toContainText('带中国处方药')
  await expect(app.options.first().locator('mark').first()).toHaveText('美国')
  await tags.chip('社会').click()

  // Source and date range live behind the Filters toggle.
  await app.search.fill('华龙区')
  await expect(app.options).toHaveCount(1)
  await page.getByRole('button', { name: '筛选', exact: true }).click()
  const filters = page.getByRole('group', { name: '日期、来源与阅读状态' })
  await filters.getByLabel('来源').fill('新华网')
  await expect(page.getByText('没有找到文章')).toBeVisible()
  await filters.getByLabel('来源').fill('天天快報')
  await expect(app.options).toHaveCount(1)
  await filters.getByLabel('起始日期').fill('2999-01-01')
  await expect(page.getByText('没有找到文章')).toBeVisible()
  await filters.getByLabel('起始日期').fill('2000-01-01')
  await expect(app.options).toHaveCount(1)
  await expect(page.getByRole('button', { name: '筛选（2）' })).toBeVisible()
  await filters.getByRole('button', { name: '清除日期和来源' }).click()

  // Snippets follow the global script: with Simplified chosen, the Traditional article's match reads 华龙区.
  await app.button('设置').click()
  const settings = page.getByRole('dialog', { name: '设置' })
  await settings.getByLabel('默认显示字形').selectOption('cn')
  await settings.getByRole('button', { name: '关闭' }).click()
  await app.search.fill('華龍區')
  await expect(app.options.first().locator('mark').first()).toHaveText('华龙区')
  await app.openArticle(HUALONG)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: shot('search-results.png'), animations: 'disabled' })
})
