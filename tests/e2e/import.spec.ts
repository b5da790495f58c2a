// Import in the preview host: the hidden file input sends the bytes through import:files; the report lists
// the new article, which opens from the report, and the list refreshes.
import { resolve } from 'node:path'
import { expect, test } from './fixtures'

// A real scraped news article (see tests/fixtures/import/PROVENANCE.md); its title is its file name.
const FIXTURE = resolve(__dirname, '../fixtures/import/news_txt/patrick233__testEdu__带中国处方药赴美小心触法 仅限三月内自用药量.txt')

test('imports a file through the file input and opens it from the report', async ({ app, page }) => {
  await expect(app.options).toHaveCount(3)
  await page.getByLabel('导入文件').setInputFiles(FIXTURE)

  const report = page.getByRole('dialog', { name: '导入报告' })
  await expect(report).toBeVisible({ timeout: 20_000 })
  await expect(report).toContainText('已导入（1）')
  await report.getByRole('button', { name: /带中国处方药赴美小心触法/ }).click()
  await expect(report).toBeHidden()
  await expect(app.articleTitle).toContainText('带中国处方药赴美小心触法')
  await expect(app.options).toHaveCount(4)

  // Importing the same file again is reported as a duplicate.
  await page.getByLabel('导入文件').setInputFiles(FIXTURE)
  await expect(report).toBeVisible({ timeout: 20_000 })
  await expect(report).toContainText('重复，已跳过（1）')
  await report.getByRole('button', { name: '知道了' }).click()
  await expect(app.options).toHaveCount(4)
})
