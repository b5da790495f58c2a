// Highlights by keyboard (issue 12): each highlight is a Tab stop; Enter opens its note for editing, Delete
// removes it and the toast offers Undo, which brings it back.
import { expect, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'

test('Tab reaches every highlight; Enter edits its note; Delete removes it and the toast’s Undo restores it', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
  await anno.highlight('平靜安逸的生活環境', undefined)
  await expect(anno.marks).toHaveCount(2)

  // From the article text, Tab walks the highlights in reading order.
  await app.readerScroll.focus()
  let reached = 0
  for (let i = 0; i < 30 && reached < 2; i++) {
    await page.keyboard.press('Tab')
    const onMark = await page.evaluate(() => document.activeElement?.matches('.reader__body mark') ?? false)
    if (onMark) reached++
    if (reached === 2) break
  }
  console.log(`[highlights] reached by Tab: ${reached} of 2`)
  expect(reached).toBe(2)
  await expect(anno.mark('平靜安逸的生活環境')).toBeFocused()

  await page.keyboard.press('Enter')
  await expect(anno.panel.locator('textarea')).toBeFocused()
  await page.keyboard.type('鍵盤批注')
  await anno.mark('平靜安逸的生活環境').focus()

  await page.keyboard.press('Delete')
  await expect(anno.marks).toHaveCount(1)
  const toast = page.getByRole('status').filter({ hasText: '已删除高亮' })
  await toast.getByRole('button', { name: '撤销' }).click()
  await expect(anno.marks).toHaveCount(2)
  await expect(anno.mark('平靜安逸的生活環境')).toBeVisible()
})
