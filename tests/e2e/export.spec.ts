// Export through the dialog: notes as Markdown and as Readwise CSV (UTF-8 with BOM), and the article
// itself, each delivered as a browser download by the preview host.
import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'

async function exportVia(page: Page, choose: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByRole('toolbar', { name: '阅读设置' }).getByRole('button', { name: '导出…' }).click()
  const dialog = page.getByRole('dialog', { name: '导出' })
  await expect(dialog).toBeVisible()
  await choose(dialog)
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '导出', exact: true }).click()])
  await expect(dialog).toBeHidden()
  const path = await download.path()
  return { download, bytes: readFileSync(path) }
}

test('export notes as Markdown and CSV, and the article as text', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
  await anno.highlight('孩童歡樂地嬉笑玩耍', undefined, '绿色高亮')
  await anno.openPanel()
  await anno.cards.first().getByRole('button', { name: '添加批注' }).click()
  await anno.panel.getByRole('textbox', { name: '批注内容' }).fill('童年的快乐')
  await anno.panel.getByRole('button', { name: '保存批注' }).click()
  await expect(anno.cards.first()).toContainText('童年的快乐')

  // Markdown, this article, original script.
  const md = await exportVia(page, async (dialog) => {
    await expect(dialog.getByRole('radio', { name: '当前文章' })).toBeChecked()
    await expect(dialog.getByRole('radio', { name: 'Markdown' })).toBeChecked()
  })
  expect(md.download.suggestedFilename()).toMatch(/\.md$/)
  const mdText = md.bytes.toString('utf8')
  expect(mdText).toContain('孩童歡樂地嬉笑玩耍')
  expect(mdText).toContain('童年的快乐')

  // Readwise CSV of the whole library, converted to Simplified.
  const csv = await exportVia(page, async (dialog) => {
    await dialog.getByRole('radio', { name: '整个资料库' }).check()
    await dialog.getByRole('radio', { name: 'CSV（Readwise）' }).check()
    await dialog.getByRole('combobox', { name: '字形' }).selectOption('cn')
  })
  expect(csv.download.suggestedFilename()).toMatch(/\.csv$/)
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(csv.bytes.toString('utf8')).toContain('孩童欢乐地嬉笑玩耍')

  // The article itself as plain text.
  const txt = await exportVia(page, async (dialog) => {
    await dialog.getByRole('button', { name: '导出文章…' }).click()
    await dialog.getByRole('radio', { name: '纯文本' }).check()
  })
  expect(txt.download.suggestedFilename()).toMatch(/\.txt$/)
  expect(txt.bytes.toString('utf8')).toContain('孩童歡樂地嬉笑玩耍')
})

test('export the notes of the articles selected in the list', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
  await anno.highlight('孩童歡樂地嬉笑玩耍', undefined, '绿色高亮')
  await app.openArticle(/法国全国大罢工/)
  await expect(app.paragraphs.first()).toBeVisible()
  await anno.highlight(await app.paragraphs.first().innerText().then((t) => t.slice(0, 8)), undefined, '黄色高亮')

  // Select two articles in the list, then export from the selection bar.
  await app.option(/華龍區|华龙区/).first().click({ modifiers: ['ControlOrMeta'] })
  await app.option(/法国全国大罢工/).first().click({ modifiers: ['ControlOrMeta'] })
  await page.getByRole('toolbar', { name: '批量操作' }).getByRole('button', { name: '导出…' }).click()
  const dialog = page.getByRole('dialog', { name: '导出' })
  await expect(dialog.getByRole('radio', { name: '选中的 2 篇文章' })).toBeChecked()
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '导出', exact: true }).click()])
  const text = readFileSync(await download.path(), 'utf8')
  expect(text).toContain('孩童歡樂地嬉笑玩耍')
  expect(text).toContain('法国全国大罢工')
  expect(text).not.toContain('维密超模')
})
