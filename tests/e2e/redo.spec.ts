// Redo (issue 12): Ctrl+Shift+Z, and Ctrl+Y off the Mac, walks forward again through what Ctrl+Z undid —
// highlight create, colour, note and delete, tag add, rename, merge and delete — and a new change after an
// undo drops the redo branch. Real mouse and keyboard against the preview host.
import { expect, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'
import { TagsPage } from './pages/TagsPage'

const HUALONG = /華龍區|华龙区/
const FRANCE = /法国全国大罢工/

test('highlights: undo and redo a create, a colour change, a note and a delete; a new change clears redo', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(HUALONG)
  await anno.openPanel()
  const undo = () => page.keyboard.press('Control+z')
  const redo = () => page.keyboard.press('Control+Shift+z')

  await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
  await expect(anno.cards.first()).toHaveAttribute('data-annotation-id', /^[1-9]\d*$/)
  await app.readerScroll.focus()
  await undo()
  await expect(anno.marks).toHaveCount(0)
  await redo()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--yellow/)

  // Colour: undo goes back to yellow, Ctrl+Y brings the purple back.
  await anno.card('孩童歡樂地嬉笑玩耍').getByRole('button', { name: '改为紫色' }).click()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--purple/)
  await app.readerScroll.focus()
  await undo()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--yellow/)
  await page.keyboard.press('Control+y')
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--purple/)

  // A note, undone and redone.
  await anno.card('孩童歡樂地嬉笑玩耍').getByRole('button', { name: '添加批注' }).click()
  await anno.panel.locator('textarea').fill('重做的批注')
  await page.keyboard.press('Control+Enter')
  await expect(anno.panel.locator('.anno-card__note')).toHaveText('重做的批注')
  await app.readerScroll.focus()
  await undo()
  await expect(anno.panel.locator('.anno-card__note')).toHaveCount(0)
  await redo()
  await expect(anno.panel.locator('.anno-card__note')).toHaveText('重做的批注')

  // Delete: undo restores it with its note and colour, redo deletes it again, undo restores it again.
  await anno.card('孩童歡樂地嬉笑玩耍').getByRole('button', { name: '删除高亮' }).click()
  await expect(anno.marks).toHaveCount(0)
  await app.readerScroll.focus()
  await undo()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--purple/)
  await redo()
  await expect(anno.marks).toHaveCount(0)
  await undo()
  await expect(anno.panel.locator('.anno-card__note')).toHaveText('重做的批注')

  // Undo back to before the create, then redo all four changes in order.
  await undo() // the note
  await expect(anno.panel.locator('.anno-card__note')).toHaveCount(0)
  await undo() // the colour
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--yellow/)
  await undo() // the create
  await expect(anno.marks).toHaveCount(0)
  const undone = 3
  for (let i = 0; i < undone; i++) await redo()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--purple/)
  await expect(anno.panel.locator('.anno-card__note')).toHaveText('重做的批注')
  console.log(`[redo] highlight: ${undone} changes undone and redone in order (create → colour → note)`)

  // A new change after an undo drops the redo branch: Ctrl+Shift+Z then has nothing to redo.
  await undo()
  await expect(anno.panel.locator('.anno-card__note')).toHaveCount(0)
  await anno.highlight('平靜安逸的生活環境', undefined)
  await expect(anno.marks).toHaveCount(2)
  await app.readerScroll.focus()
  await redo()
  await expect(page.getByRole('status').filter({ hasText: '没有可以重做的修改' })).toBeVisible()
  await expect(anno.panel.locator('.anno-card__note')).toHaveCount(0)
  await expect(anno.marks).toHaveCount(2)
})

test('redo is not taken from a text field or under a dialog', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(HUALONG)
  await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
  await app.readerScroll.focus()
  await page.keyboard.press('Control+z')
  await expect(anno.marks).toHaveCount(0)
  // In the search field the keys belong to the field.
  await app.search.click()
  await page.keyboard.press('Control+Shift+z')
  await page.keyboard.press('Control+y')
  // Under the help dialog they do nothing either.
  await page.keyboard.press('Escape')
  await app.readerScroll.focus()
  await page.keyboard.press('F1')
  await expect(page.getByRole('dialog', { name: '帮助与快捷键' })).toBeVisible()
  await page.keyboard.press('Control+Shift+z')
  await page.keyboard.press('Escape')
  await expect(anno.marks).toHaveCount(0)
  console.log('[redo] search field + dialog: 0 highlights redone (expected 0)')
  await app.readerScroll.focus()
  await page.keyboard.press('Control+Shift+z')
  await expect(anno.marks).toHaveCount(1)
})

test('tags: add, rename, merge and delete are redone after undo', async ({ app, page }) => {
  const tags = new TagsPage(app)
  const undo = async () => {
    await app.list.focus()
    await page.keyboard.press('Control+z')
  }
  const redo = async () => {
    await app.list.focus()
    await page.keyboard.press('Control+Shift+z')
  }

  // Add in the reader.
  await app.openArticle(HUALONG)
  await tags.addInReader('华龙')
  await expect(tags.treeItem('华龙', 1)).toBeVisible()
  await undo()
  await expect(tags.treeItem('华龙')).toHaveCount(0)
  await redo()
  await expect(tags.treeItem('华龙', 1)).toBeVisible()
  await expect(tags.editor.getByText('华龙', { exact: true })).toBeVisible()

  // Rename.
  await tags.menu('华龙', '重命名…')
  const rename = page.getByRole('dialog', { name: /重命名标签/ })
  await rename.getByLabel('新名称').fill('华龙区')
  await page.keyboard.press('Enter')
  await expect(rename).toBeHidden()
  await expect(tags.treeItem('华龙区', 1)).toBeVisible()
  await undo()
  await expect(tags.treeItem('华龙', 1)).toBeVisible()
  await redo()
  await expect(tags.treeItem('华龙区', 1)).toBeVisible()
  await expect(tags.treeItem('华龙')).toHaveCount(0)

  // Merge into a tag on another article.
  await tags.bulk('add', [FRANCE], '重庆')
  await tags.clearSelection()
  await tags.menu('华龙区', '合并到…')
  const merge = page.getByRole('dialog', { name: /合并标签/ })
  await merge.getByLabel('合并到标签').fill('重庆')
  await page.keyboard.press('Enter')
  await expect(merge).toBeHidden()
  await expect(tags.treeItem('重庆', 2)).toBeVisible()
  await undo()
  await expect(tags.treeItem('华龙区', 1)).toBeVisible()
  await expect(tags.treeItem('重庆', 1)).toBeVisible()
  await redo()
  await expect(tags.treeItem('重庆', 2)).toBeVisible()
  await expect(tags.treeItem('华龙区')).toHaveCount(0)

  // Delete (confirmed), undone, redone.
  await tags.menu('重庆', '删除…')
  await page.getByRole('dialog', { name: /删除标签/ }).getByRole('button', { name: '删除', exact: true }).click()
  await expect(tags.treeItem('重庆')).toHaveCount(0)
  await undo()
  await expect(tags.treeItem('重庆', 2)).toBeVisible()
  await redo()
  await expect(tags.treeItem('重庆')).toHaveCount(0)
  const left = await tags.tree.getByRole('treeitem').count()
  console.log(`[redo] tags: add, rename, merge, delete each undone and redone; tags left ${left}`)
  expect(left).toBe(0)
})
