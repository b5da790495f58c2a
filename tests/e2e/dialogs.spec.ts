// Dialogs take the keyboard at once (issue 12): each opens with focus on its first field, text selected (not
// on the header's close button), Enter confirms and Escape cancels.
import { expect, test } from './fixtures'
import { TagsPage } from './pages/TagsPage'

const HUALONG = /華龍區|华龙区/
const FRANCE = /法国/

test('Rename tag: the name is focused and selected, typing replaces it, Enter renames, Escape cancels', async ({ app, page }) => {
  const tags = new TagsPage(app)
  await tags.bulk('add', [HUALONG, FRANCE], '政法')
  await tags.clearSelection()
  await expect(tags.treeItem('政法', 2)).toBeVisible()

  await tags.menu('政法', '重命名…')
  const dialog = page.getByRole('dialog', { name: /重命名标签/ })
  const field = dialog.getByLabel('新名称')
  await expect(field).toBeFocused()
  const selected = await field.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0))
  console.log(`[dialogs] Rename tag opens with focus on the name field, "${selected}" selected`)
  expect(selected).toBe('政法')
  await page.keyboard.type('法治')
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(tags.treeItem('法治', 2)).toBeVisible()

  // Escape cancels: nothing renamed.
  await tags.menu('法治', '重命名…')
  await expect(field).toBeFocused()
  await page.keyboard.type('别的')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(tags.treeItem('法治', 2)).toBeVisible()
  await expect(tags.treeItem('别的')).toHaveCount(0)

  // Delete has no field: its confirming button takes focus, so Enter deletes.
  await tags.menu('法治', '删除…')
  const del = page.getByRole('dialog', { name: /删除标签/ })
  await expect(del.getByRole('button', { name: '删除', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(del).toBeHidden()
  await expect(tags.treeItem('法治')).toHaveCount(0)
})

test('every dialog opens on its first field, not the close button, and Escape closes it', async ({ app, page }) => {
  const focused: string[] = []
  const check = async (open: () => Promise<void>, name: RegExp, field: RegExp) => {
    await open()
    const dialog = page.getByRole('dialog', { name })
    await expect(dialog).toBeVisible()
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      const label = el?.id ? document.querySelector(`label[for="${el.id}"]`) : el?.closest('label')
      return (el?.getAttribute('aria-label') ?? label?.textContent ?? el?.textContent ?? '').trim()
    })
    focused.push(`${name.source} → ${label}`)
    expect(label).toMatch(field)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }
  await check(() => app.button('设置').click(), /^设置$/, /界面语言/)
  await app.openArticle(HUALONG)
  await check(() => app.button('导出…').click(), /^导出$/, /^(?!关闭$)./)
  console.log(`[dialogs] focus on opening: ${focused.join('; ')}`)
  expect(focused.every((f) => !f.endsWith('→ 关闭'))).toBe(true)
})
