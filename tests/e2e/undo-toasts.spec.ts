// Undo in every destructive toast (issue 12): deleting a highlight or a note, removing a tag from one
// article or from several, merging and deleting a tag — each toast carries an Undo button that puts the
// change back. They are all the app's one toast stack (no second toast component).
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'
import { TagsPage } from './pages/TagsPage'

const HUALONG = /華龍區|华龙区/
const FRANCE = /法国全国大罢工/

/** The toast saying `text`, from the one toast stack; clicks its Undo. */
async function undoFrom(page: Page, text: string | RegExp, counted: string[]): Promise<void> {
  const toast: Locator = page.locator('.toasts .toast').filter({ hasText: text })
  await expect(toast).toHaveCount(1)
  await toast.getByRole('button', { name: '撤销', exact: true }).click()
  await expect(toast).toHaveCount(0)
  counted.push(String(text))
}

test('highlight and note deletions: the toast’s Undo restores them', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  const undone: string[] = []
  await app.openArticle(HUALONG)
  await anno.openPanel()
  await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
  await anno.card('孩童歡樂地嬉笑玩耍').getByRole('button', { name: '添加批注' }).click()
  await anno.panel.locator('textarea').fill('要删除的批注')
  await page.keyboard.press('Control+Enter')
  await expect(anno.panel.locator('.anno-card__note')).toHaveText('要删除的批注')

  // Emptying the note deletes it: its toast offers Undo.
  await anno.card('孩童歡樂地嬉笑玩耍').getByRole('button', { name: '编辑批注' }).click()
  await anno.panel.locator('textarea').fill('')
  await page.keyboard.press('Control+Enter')
  await expect(anno.panel.locator('.anno-card__note')).toHaveCount(0)
  await undoFrom(page, '已删除批注', undone)
  await expect(anno.panel.locator('.anno-card__note')).toHaveText('要删除的批注')

  await anno.card('孩童歡樂地嬉笑玩耍').getByRole('button', { name: '删除高亮' }).click()
  await expect(anno.marks).toHaveCount(0)
  await undoFrom(page, /已删除高亮/, undone)
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
  await expect(anno.panel.locator('.anno-card__note')).toHaveText('要删除的批注')
  console.log(`[undo-toasts] highlights: ${undone.length} toasts undone (${undone.join(' · ')})`)
  await expect(page.locator('.undo-toast')).toHaveCount(0)
})

test('tag removals, a merge and a delete: the toast’s Undo restores them', async ({ app, page }) => {
  const tags = new TagsPage(app)
  const undone: string[] = []
  await tags.bulk('add', [HUALONG, FRANCE], '要闻')
  await tags.clearSelection()
  await expect(tags.treeItem('要闻', 2)).toBeVisible()

  // Removed from one article in the reader.
  await app.openArticle(HUALONG)
  await page.getByRole('button', { name: '移除标签 要闻' }).click()
  await expect(tags.treeItem('要闻', 1)).toBeVisible()
  await undoFrom(page, '已移除标签“要闻”（1 篇文章）', undone)
  await expect(tags.treeItem('要闻', 2)).toBeVisible()

  // Removed from both through the bulk bar.
  await tags.bulk('remove', [HUALONG, FRANCE], '要闻')
  await tags.clearSelection()
  await expect(tags.treeItem('要闻')).toHaveCount(0)
  await undoFrom(page, /已移除标签“要闻”（2 篇文章）/, undone)
  await expect(tags.treeItem('要闻', 2)).toBeVisible()

  // Merged into another tag.
  await tags.bulk('add', [FRANCE], '国际')
  await tags.clearSelection()
  await tags.menu('要闻', '合并到…')
  const merge = page.getByRole('dialog', { name: /合并标签/ })
  await merge.getByLabel('合并到标签').fill('国际')
  await merge.getByRole('button', { name: '合并', exact: true }).click()
  await expect(tags.treeItem('要闻')).toHaveCount(0)
  await undoFrom(page, '已将标签“要闻”合并到“国际”', undone)
  await expect(tags.treeItem('要闻', 2)).toBeVisible()
  await expect(tags.treeItem('国际', 1)).toBeVisible()

  // Deleted (after confirming).
  await tags.menu('要闻', '删除…')
  await page.getByRole('dialog', { name: /删除标签/ }).getByRole('button', { name: '删除', exact: true }).click()
  await expect(tags.treeItem('要闻')).toHaveCount(0)
  await undoFrom(page, /已删除标签“要闻”/, undone)
  await expect(tags.treeItem('要闻', 2)).toBeVisible()
  console.log(`[undo-toasts] tags: ${undone.length} toasts undone (${undone.join(' · ')})`)
  await expect(page.locator('.undo-toast')).toHaveCount(0)
})
