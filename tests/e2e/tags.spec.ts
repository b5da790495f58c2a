// Tags: the reader's tag editor, multi-select bulk tagging, the hierarchical tag tree with counts that
// include sub-tags, tag filter chips combined with AND / OR / NOT, rename/delete with undo, and suggestions.
import { expect, shot, test } from './fixtures'
import { NEWS_TXT, TagsPage } from './pages/TagsPage'

const HUALONG = /華龍區|华龙区/
const FRANCE = /法国全国大罢工/
const TOEFL = /备考托福听力/

test('tag editor, bulk tags, tree counts and AND/OR/NOT filter chips', async ({ app, page }) => {
  const tags = new TagsPage(app)
  await tags.importFiles(NEWS_TXT)
  await tags.expectCount(5)

  // One tag on one article, from the reader header.
  await app.openArticle(HUALONG)
  await tags.addInReader('华龙')
  await expect(tags.editor.getByText('华龙', { exact: true })).toBeVisible()
  await expect(tags.undoToast).toContainText('已添加标签“华龙”')
  await expect(tags.treeItem('华龙', 1)).toBeVisible()
  await page.getByRole('button', { name: '完成' }).click()

  // A hierarchical tag on two articles through multi-select, and its parent directly on a third.
  await tags.bulk('add', [HUALONG, FRANCE], '政法/平安建設')
  await expect(app.option(FRANCE).getByText('政法/平安建設')).toBeVisible()
  await tags.clearSelection()
  await tags.bulk('add', [TOEFL], '政法')

  // The parent counts articles carrying it or any sub-tag; it starts collapsed.
  const parent = tags.treeItem('政法', 3)
  await expect(parent).toHaveAttribute('aria-expanded', 'false')
  await expect(tags.treeItem('平安建設')).toHaveCount(0)
  await parent.focus()
  await page.keyboard.press('ArrowRight')
  await expect(parent).toHaveAttribute('aria-expanded', 'true')
  await expect(tags.treeItem('平安建設', 2)).toBeVisible()
  await expect(tags.treeItem('平安建設')).toHaveAttribute('aria-level', '2')
  // Arrow keys move through the tree; Left on a child goes back to its parent.
  await page.keyboard.press('ArrowDown')
  await expect(tags.treeItem('平安建設')).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await expect(parent).toBeFocused()

  // Click filters the list by one tag (sub-tags included).
  await parent.click()
  await expect(tags.chip('政法')).toBeVisible()
  await tags.expectCount(3)
  await expect(parent).toHaveAttribute('aria-selected', 'true')

  // Ctrl/Cmd-click combines: AND by default, OR from the mode switch.
  await tags.treeItem('华龙').click({ modifiers: ['ControlOrMeta'] })
  await expect(tags.chip('华龙')).toBeVisible()
  await tags.expectCount(1)
  await expect(app.options.first()).toContainText(HUALONG)
  await page.getByRole('button', { name: '任一满足' }).click()
  await expect(page.getByRole('button', { name: '任一满足' })).toHaveAttribute('aria-pressed', 'true')
  await tags.expectCount(3)
  await page.getByRole('button', { name: '全部满足' }).click()
  await tags.expectCount(1)

  // Removing a chip drops that tag from the filter.
  await tags.chip('华龙').click()
  await expect(tags.chip('华龙')).toHaveCount(0)
  await tags.expectCount(3)

  // Alt-click excludes (NOT): 政法 but not 政法/平安建設 leaves the TOEFL article.
  await tags.treeItem('平安建設').click({ modifiers: ['Alt'] })
  await expect(tags.chip('政法/平安建設')).toBeVisible()
  await tags.expectCount(1)
  await expect(app.options.first()).toContainText(TOEFL)

  // The menu's exclude works on its own too: everything except 华龙.
  await tags.chip('政法').click()
  await tags.chip('政法/平安建設').click()
  await tags.expectCount(5)
  await tags.menu('华龙', '排除此标签')
  await expect(tags.chip('华龙')).toBeVisible()
  await tags.expectCount(4)
  await tags.treeItem('政法').click({ modifiers: ['ControlOrMeta'] })
  await tags.expectCount(2)

  // All three together: (政法 OR 华龙) AND NOT 平安建設.
  await tags.chip('华龙').click()
  await tags.treeItem('华龙').click({ modifiers: ['ControlOrMeta'] })
  await page.getByRole('button', { name: '任一满足' }).click()
  await tags.treeItem('平安建設').click({ modifiers: ['Alt'] })
  await tags.expectCount(1)
  await expect(app.options.first()).toContainText(TOEFL)

  await app.openArticle(TOEFL)
  await app.option(TOEFL).click({ modifiers: ['ControlOrMeta'] })
  await expect(app.option(TOEFL)).toHaveAttribute('aria-checked', 'true')
  await page.mouse.move(0, 0)
  await page.screenshot({ path: shot('tags.png'), animations: 'disabled' })
})

test('rename a parent moves its sub-tags; undo restores; delete and undo', async ({ app, page }) => {
  const tags = new TagsPage(app)
  await tags.bulk('add', [HUALONG, FRANCE], '政法/平安建設')
  await tags.clearSelection()
  await expect(tags.treeItem('政法', 2)).toBeVisible()
  await tags.treeItem('政法').click()
  await tags.expectCount(2)

  // Rename the parent: the child follows, and so does the active filter chip.
  await tags.menu('政法', '重命名…')
  const dialog = page.getByRole('dialog', { name: /重命名标签/ })
  await dialog.getByLabel('新名称').fill('法治')
  await dialog.getByRole('button', { name: '重命名', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(tags.treeItem('法治', 2)).toBeVisible()
  await expect(tags.treeItem('政法')).toHaveCount(0)
  await expect(tags.chip('法治')).toBeVisible()
  await tags.expectCount(2)
  await expect(app.option(FRANCE).getByText('法治/平安建設')).toBeVisible()
  await tags.treeItem('法治').focus()
  await page.keyboard.press('ArrowRight')
  await expect(tags.treeItem('平安建設', 2)).toBeVisible()

  // Undo from the toast.
  await expect(tags.undoToast).toContainText('已将标签“政法”重命名为“法治”')
  await tags.undoToast.getByRole('button', { name: '撤销' }).click()
  await expect(tags.treeItem('政法', 2)).toBeVisible()
  await expect(tags.treeItem('法治')).toHaveCount(0)
  await expect(tags.chip('政法')).toBeVisible()
  await expect(app.option(FRANCE).getByText('政法/平安建設')).toBeVisible()

  // Delete through the ⋯ button, then undo with Ctrl/Cmd+Z (focus outside any text field).
  await tags.treeItem('政法').hover()
  await page.getByRole('button', { name: '标签操作：政法' }).click()
  await page.getByRole('menuitem', { name: '删除…' }).click()
  const confirm = page.getByRole('dialog', { name: /删除标签/ })
  await expect(confirm).toContainText('及其全部子标签')
  await confirm.getByRole('button', { name: '删除', exact: true }).click()
  await expect(confirm).toBeHidden()
  await expect(tags.treeItem('政法')).toHaveCount(0)
  await expect(tags.chips).toHaveCount(0)
  await tags.expectCount(3)
  await app.list.focus()
  await page.keyboard.press('ControlOrMeta+z')
  await expect(tags.treeItem('政法', 2)).toBeVisible()
  await expect(app.option(HUALONG).getByText('政法/平安建設')).toBeVisible()
})

test('suggested tags appear for hualong and one click applies one', async ({ app, page }) => {
  const tags = new TagsPage(app)
  await app.openArticle(HUALONG)
  await app.button('添加标签').click()
  const suggestions = page.getByRole('group', { name: '建议标签' })
  const first = suggestions.getByRole('button').first()
  await expect(first).toBeVisible()
  // Shown, never applied on their own.
  await expect(tags.editor.locator('.tag-editor__chip')).toHaveCount(0)
  const name = ((await first.getAttribute('aria-label')) ?? '').replace('添加建议标签 ', '')
  expect(name.length).toBeGreaterThan(1)
  await first.click()
  await expect(tags.editor.locator('.tag-editor__chip', { hasText: name })).toBeVisible()
  await expect(suggestions.getByRole('button', { name: `添加建议标签 ${name}`, exact: true })).toHaveCount(0)
  await expect(tags.treeItem(name, 1)).toBeVisible()

  // The tag can be removed again from the reader, and that is undoable too.
  await page.getByRole('button', { name: `移除标签 ${name}` }).click()
  await expect(tags.editor.locator('.tag-editor__chip')).toHaveCount(0)
  await tags.undoToast.getByRole('button', { name: '撤销' }).click()
  await expect(tags.editor.locator('.tag-editor__chip', { hasText: name })).toBeVisible()
})

test('a library with 3,000 tags: the tree renders only what is in view, keyboard and filter reach every tag', async ({ app, page }) => {
  const TOTAL = 3000
  const nodes = Array.from({ length: TOTAL }, (_, i) => ({
    name: `标签${i + 1}`,
    label: `标签${i + 1}`,
    count: TOTAL - i,
    direct: TOTAL - i,
    implicit: false,
    children: []
  }))
  await page.route('**/api/tags%3Atree', (route) => route.fulfill({ json: { ok: true, value: nodes } }))
  await app.reload()
  const tree = page.getByRole('tree', { name: '标签' })
  await expect(tree.getByRole('treeitem').first()).toBeVisible()
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(80)
  // Keyboard: End reaches the last tag (rendered on demand, focused, scrolled into view).
  await tree.getByRole('treeitem').first().focus()
  await page.keyboard.press('End')
  const last = tree.getByRole('treeitem', { name: /^标签3000，/ })
  await expect(last).toBeFocused()
  await expect(last).toBeInViewport()
  await expect(last).toHaveAttribute('aria-setsize', String(TOTAL))
  await expect(last).toHaveAttribute('aria-posinset', String(TOTAL))
  await page.screenshot({ path: shot('tags-3000.png'), animations: 'disabled' })
  await page.keyboard.press('Home')
  await expect(tree.getByRole('treeitem', { name: /^标签1，/ })).toBeFocused()
  // Filter as you type finds a tag far down the list.
  await page.getByRole('textbox', { name: '筛选标签' }).fill('标签2999')
  await expect(tree.getByRole('treeitem')).toHaveCount(1)
  await expect(tree.getByRole('treeitem', { name: /^标签2999，/ })).toBeVisible()
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(80)
})
