// Unattached notes (issue 11): Kindle clippings imported before their book is in the library are listed in
// the notes view ("Unattached notes", in each UI language) with quote, book and file; Delete has an Undo;
// importing the book attaches the note, which then leaves the list and shows among the notes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from './fixtures'

const KINDLE = resolve(__dirname, '../fixtures/annotations/kindle-my-clippings.txt')
const QUOTE = '給歲月以文明，而不是給文明以歲月。'

const LANGUAGES = [
  { id: 'zh-Hans', input: '导入文件', report: '导入报告', dismiss: '知道了', notes: '全部批注', title: '未归属的批注（1）', del: '删除这条未归属的批注', undo: '撤销', book: '出自《三體》' },
  { id: 'zh-Hant', input: '匯入檔案', report: '匯入報告', dismiss: '知道了', notes: '全部批註', title: '未歸屬的批註（1）', del: '刪除這條未歸屬的批註', undo: '復原', book: '出自《三體》' },
  { id: 'en', input: 'Import files', report: 'Import report', dismiss: 'Dismiss', notes: 'All notes', title: 'Unattached notes (1)', del: 'Delete this unattached note', undo: 'Undo', book: 'In “三體”' }
] as const

for (const lang of LANGUAGES) {
  test(`${lang.id}: a Kindle note without its book waits in the notes view, survives Delete + Undo, and attaches when the book comes`, async ({ app, page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-unattached-'))
    try {
      await expect(app.list).toBeVisible()
      await app.setLanguage(lang.id)
      const importFiles = async (files: string[]) => {
        await page.getByLabel(lang.input).setInputFiles(files)
        const report = page.getByRole('dialog', { name: lang.report })
        await expect(report).toBeVisible({ timeout: 30_000 })
        await report.getByRole('button', { name: lang.dismiss }).click()
        await expect(report).toBeHidden()
      }
      // The sample library holds the Hualong article (its clippings attach) but not 三體.
      await importFiles([KINDLE])
      await page.getByRole('button', { name: lang.notes }).click()
      const view = page.getByRole('region', { name: lang.notes })
      const unattached = view.getByRole('region', { name: lang.title })
      await expect(unattached).toBeVisible()
      const item = unattached.getByRole('listitem')
      await expect(item).toHaveCount(1)
      await expect(item).toContainText(QUOTE)
      await expect(item).toContainText(lang.book)
      await expect(item).toContainText('kindle-my-clippings.txt')

      await item.getByRole('button', { name: lang.del }).click()
      await expect(unattached).toBeHidden()
      await page.getByRole('button', { name: lang.undo, exact: true }).click()
      await expect(unattached.getByRole('listitem')).toHaveCount(1)

      const book = join(dir, '三體.txt')
      writeFileSync(book, `三體\n\n${'汪淼覺得，來找他的這四個人是一個奇怪的組合。'.repeat(4)}\n\n${QUOTE}\n\n${'葉文潔看著遠方的山巒，沉默了很久。'.repeat(4)}\n`)
      await importFiles([book])
      await expect(unattached).toBeHidden()
      const counted = await view.locator('.notes-view__unattached').count()
      console.log(`[unattached-notes] ${lang.id}: 1 note kept, deleted and restored; after importing the book ${counted} unattached sections remain`)
      await expect(view.locator('.notes-view__quote', { hasText: QUOTE })).toBeVisible()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
}
