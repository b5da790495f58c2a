// Import history: a past import's report can be shown again, and a whole import can be undone (after
// confirmation), removing exactly the articles it added.
import { resolve } from 'node:path'
import { expect, test } from './fixtures'

const FIXTURE = resolve(__dirname, '../fixtures/import/news_txt/patrick233__testEdu__带中国处方药赴美小心触法 仅限三月内自用药量.txt')

test('shows past imports and undoes one as a whole', async ({ app, page }) => {
  await expect(app.options).toHaveCount(3)
  await page.getByLabel('导入文件').setInputFiles(FIXTURE)
  const report = page.getByRole('dialog', { name: '导入报告' })
  await expect(report).toContainText('已导入（1）', { timeout: 20_000 })
  await report.getByRole('button', { name: '知道了' }).click()
  await expect(app.options).toHaveCount(4)

  await page.getByRole('button', { name: '导入记录' }).click()
  const history = page.getByRole('dialog', { name: '导入记录' })
  // The sample seeding and this import are both listed, newest first.
  const entries = history.getByRole('listitem')
  await expect(entries).toHaveCount(2)
  await expect(entries.first()).toContainText('导入 1 · 重复 0 · 失败 0')
  await expect(entries.last()).toContainText('导入 3 · 重复 0 · 失败 0')

  // Show the report of that import again.
  await entries.first().getByRole('button', { name: /查看 .* 的导入报告/ }).click()
  await expect(report).toContainText('带中国处方药赴美小心触法')
  await report.getByRole('button', { name: '知道了' }).click()

  // Undo it: asks first, then removes exactly its article.
  await expect(history).toBeVisible()
  await entries.first().getByRole('button', { name: /撤销 .* 的导入/ }).click()
  await expect(entries.first()).toContainText('将删除这次导入的 1 篇文章及其批注。')
  await entries.first().getByRole('button', { name: '删除' }).click()
  await expect(entries.first()).toContainText('导入已撤销')
  await page.keyboard.press('Escape')
  await expect(app.options).toHaveCount(3)
})
