// Reader: font size and theme persist, reading position is restored, script switch converts the body,
// and the cleaned/original toggle shows the verbatim text.
import { expect, test } from './fixtures'

test('font size and theme change and persist after reload', async ({ app, page }) => {
  await app.openArticle(/華龍區|华龙区/)
  const before = await app.articleFontSize()
  await app.button('放大字号').click()
  await app.button('放大字号').click()
  await expect.poll(() => app.articleFontSize()).toBe(before + 2)
  await page.keyboard.press('-')
  await expect.poll(() => app.articleFontSize()).toBe(before + 1)
  await app.button(/深色/).click()
  await expect.poll(() => app.theme()).toBe('dark')

  await app.reload()
  await expect(app.articleTitle).toBeVisible()
  await expect.poll(() => app.articleFontSize()).toBe(before + 1)
  await expect.poll(() => app.theme()).toBe('dark')
  await expect(app.button(/深色/)).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('0')
  await expect.poll(() => app.articleFontSize()).toBe(19)
})

test('reading position is restored after reload', async ({ app, page }) => {
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
  const count = await app.paragraphs.count()
  expect(count).toBeGreaterThan(3)
  const target = app.paragraphs.nth(count - 3)
  const offset = await target.getAttribute('data-offset')
  await target.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  // The position is saved after scrolling settles (debounced).
  await page.waitForTimeout(1200)

  await app.reload()
  await expect(app.articleTitle).toBeVisible()
  await expect
    .poll(async () =>
      app.readerScroll.evaluate((scroller, off) => {
        const el = scroller.querySelector(`[data-offset="${off}"]`)
        if (!el) return Infinity
        return Math.abs(el.getBoundingClientRect().top - scroller.getBoundingClientRect().top)
      }, offset)
    )
    .toBeLessThan(40)
})

test('script switch converts title and body; the original toggle shows raw text', async ({ app, page }) => {
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.articleTitle).toContainText('華龍區')
  await page.getByRole('combobox', { name: '显示字形' }).selectOption('cn')
  await expect(app.articleTitle).toContainText('华龙区')
  await expect(app.paragraphs.first()).toContainText('华龙区')
  await expect(app.article.locator('[lang="zh-CN"]').first()).toBeVisible()

  // The script choice is remembered.
  await app.reload()
  await expect(app.articleTitle).toContainText('华龙区')

  await app.button('原文').click()
  // The original still has the pinyin glosses that cleanup removed.
  await expect(app.article.locator('.reader__raw')).toBeVisible()
  await expect(app.article.locator('.reader__raw')).toContainText('(qū)')
  await app.button('清理后').click()
  await expect(app.article.locator('.reader__body')).not.toContainText('(qū)')
})
