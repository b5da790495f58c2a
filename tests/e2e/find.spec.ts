// Find in the article (issue 12): Ctrl/Cmd+F marks every hit in the shown script (a Simplified query in a
// Traditional article), Enter / Shift+Enter step with the count shown, Escape clears; an article opened from
// search results opens scrolled to its first hit with the hits marked, and result titles show their marks.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const HUALONG = /華龍區|华龙区/

/** Painted hits: how many ranges the find highlight holds, and whether the current one is on screen. */
async function painted(page: Page): Promise<{ hits: number; currentInView: boolean; currentText: string }> {
  return page.evaluate(() => {
    const all = CSS.highlights.get('find')
    const current = CSS.highlights.get('find-current')
    const range = current ? ([...current][0] as Range | undefined) : undefined
    const box = document.querySelector('.reader-scroll')?.getBoundingClientRect()
    const r = range?.getBoundingClientRect()
    return {
      hits: all?.size ?? 0,
      currentInView: !!(r && box && r.top >= box.top && r.bottom <= box.bottom),
      currentText: range?.toString() ?? ''
    }
  })
}

test('Ctrl+F finds a Simplified query in the Traditional article, steps with Enter / Shift+Enter, Escape clears', async ({ app, page }) => {
  await app.openArticle(HUALONG)
  await page.keyboard.press('Control+f')
  const field = page.getByRole('textbox', { name: '在文中查找' })
  await expect(field).toBeFocused()
  await field.fill('矛盾')
  const count = page.locator('.find-bar__count')
  await expect(count).toHaveText(/^第 1 处，共 \d+ 处$/)
  const total = Number(/共 (\d+) 处/.exec(await count.innerText())?.[1])
  expect(total).toBeGreaterThan(2)
  expect((await painted(page)).hits).toBe(total)

  await field.fill('华龙区')
  await expect(count).toHaveText(/^第 1 处，共 \d+ 处$/)
  const first = await painted(page)
  console.log(`[find] 华龙区 in the Traditional article: ${first.hits} hits marked, current "${first.currentText}"`)
  expect(first.currentText).toBe('華龍區')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await expect(count).toHaveText(/^第 3 处/)
  await page.keyboard.press('Shift+Enter')
  await expect(count).toHaveText(/^第 2 处/)
  expect((await painted(page)).currentInView).toBe(true)
  // Past the last hit, Enter wraps to the first.
  for (let i = 2; i <= first.hits; i++) await page.keyboard.press('Enter')
  await expect(count).toHaveText(/^第 1 处/)

  await page.keyboard.press('Escape')
  await expect(field).toBeHidden()
  expect((await painted(page)).hits).toBe(0)
})

test('a search result opens at its first hit with the hits marked; result titles are marked', async ({ app, page }) => {
  await app.search.fill('联席')
  await expect(app.options).toHaveCount(1)
  await expect(app.options.first().locator('.article-row__title mark')).toHaveCount(0)
  await app.search.fill('华龙区')
  await expect(app.options.first().locator('.article-row__title mark').first()).toHaveText('華龍區')

  await app.search.fill('联席')
  // The list has caught up with the new search once the title lost its 華龍區 marks.
  await expect(app.options.first().locator('.article-row__title mark')).toHaveCount(0)
  await app.options.first().click()
  await expect(app.articleTitle).toBeVisible()
  await expect(page.locator('.find-bar__count')).toHaveText('第 1 处，共 1 处')
  await expect.poll(async () => (await painted(page)).currentInView).toBe(true)
  const scrolled = await app.readerScroll.evaluate((el) => el.scrollTop)
  const state = await painted(page)
  console.log(`[find] opened from search 联席: ${state.hits} hit marked ("${state.currentText}"), reader scrolled to ${Math.round(scrolled)} px`)
  expect(state.currentText).toBe('聯席')
  expect(scrolled).toBeGreaterThan(100)
})
