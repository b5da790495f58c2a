// Pinyin over the text (issue 14): Settings › Pinyin puts <ruby> over the Han characters of the reading body
// with readings by word (調節 tiáo, 調研 diào, in the Traditional seed), the readings are never part of a
// selection, a highlight made by a mouse drag with ruby on covers exactly the dragged characters, and
// turning it off removes every <rt>. Screenshots at 1280×800 and 900×700.
import type { Page } from '@playwright/test'
import { expect, shot, test } from './fixtures'
import type { MarginaliaPage } from './pages/MarginaliaPage'
import { ReaderAnnotations } from './pages/ReaderAnnotations'

const HUALONG = /華龍區|华龙区/

async function setRuby(app: MarginaliaPage, on: boolean): Promise<void> {
  await app.button('设置').click()
  await app.page.getByRole('checkbox', { name: '拼音注音' }).setChecked(on)
  await app.page.keyboard.press('Escape')
}

/** The reading shown over each character of the first occurrence of `word` in the body. */
function readingsOf(page: Page, word: string): Promise<string[]> {
  return page.locator('.reader__body').evaluate((body, word) => {
    const rubies = [...body.querySelectorAll('ruby')]
    const bases = rubies.map((r) => r.firstChild?.textContent ?? '').join('')
    const i = bases.indexOf(word)
    return i < 0 ? [] : rubies.slice(i, i + word.length).map((r) => r.querySelector('rt')?.getAttribute('data-py') ?? '')
  }, word)
}

test('ruby on and off: readings by word, selections and highlights count only the characters', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(HUALONG)
  await expect(app.paragraphs.first()).toBeVisible()
  await expect(page.locator('.reader__body rt')).toHaveCount(0)

  await setRuby(app, true)
  await expect.poll(() => page.locator('.reader__body rt').count()).toBeGreaterThan(100)
  const rts = await page.locator('.reader__body rt').count()
  // The readings are generated content: no text node in any <rt>.
  expect(await page.locator('.reader__body').evaluate((b) => [...b.querySelectorAll('rt')].filter((rt) => rt.textContent !== '').length)).toBe(0)
  expect(await readingsOf(page, '調節')).toEqual(['tiáo', 'jié'])
  expect(await readingsOf(page, '調研')).toEqual(['diào', 'yán'])
  console.log(`[ruby] ${rts} <rt> painted near the view; 調節 → ${(await readingsOf(page, '調節')).join(' ')}, 調研 → ${(await readingsOf(page, '調研')).join(' ')}`)

  // A mouse drag over ruby text selects (and would copy) the characters only.
  await anno.select('孩童歡樂地嬉笑玩耍')
  await expect(anno.popover).toBeVisible()
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('孩童歡樂地嬉笑玩耍')
  await anno.popover.getByRole('button', { name: '黄色高亮' }).click()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍').locator('rt')).toHaveCount(9)
  await anno.openPanel()
  await expect(anno.cards).toHaveCount(1)
  await expect(anno.cards.first()).toContainText('孩童歡樂地嬉笑玩耍')

  // Stored on the right characters: after a reload and with ruby off, the same words are marked.
  await app.reload()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
  await setRuby(app, false)
  await expect(page.locator('.reader__body rt')).toHaveCount(0)
  await expect(page.locator('.reader__body ruby')).toHaveCount(0)
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
})

for (const size of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 }
]) {
  test(`ruby screenshot at ${size.width}×${size.height}`, async ({ app, page }) => {
    await page.setViewportSize(size)
    await app.openArticle(HUALONG)
    await setRuby(app, true)
    const anno = new ReaderAnnotations(page)
    await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
    await expect.poll(() => page.locator('.reader__body rt').count()).toBeGreaterThan(100)
    await app.readerScroll.evaluate((el) => (el.scrollTop = 0))
    await page.mouse.move(0, 0)
    await page.screenshot({ path: shot(`ruby-${size.width}.png`), animations: 'disabled' })
  })
}
