// The virtualised list with 100,000 articles: articles:list is answered by a synthetic library (route
// interception), then the list is flung to the end. Only visible rows are in the DOM and only the pages the
// viewport needed were fetched.
import type { ArticleSummary } from '@shared/types'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const TOTAL = 100_000

function fakeItem(i: number): ArticleSummary {
  return {
    id: i + 1,
    title: `第 ${i + 1} 篇：合成文章标题`,
    source: '测试来源',
    author: null,
    editor: null,
    publishedAt: null,
    importedAt: '2024-05-01T08:00:00Z',
    tags: i % 3 === 0 ? ['合成'] : [],
    readState: i % 2 === 0 ? 'unread' : 'read',
    progress: 0,
    annotationCount: 0,
    sourceScript: 'cn'
  }
}

/** Answers articles:list from a synthetic 100,000-article library; returns the offsets requested. */
async function syntheticLibrary(page: Page): Promise<number[]> {
  const requested: number[] = []
  await page.route('**/api/articles%3Alist', async (route) => {
    const args = route.request().postDataJSON() as { offset?: number; limit?: number }
    const offset = args.offset ?? 0
    const limit = args.limit ?? 100
    requested.push(offset)
    const items = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, k) => fakeItem(offset + k))
    await route.fulfill({ json: { ok: true, value: { items, total: TOTAL, offset } } })
  })
  return requested
}

test('scrolls 100,000 articles, fetching pages on demand', async ({ app, page }) => {
  const requested = await syntheticLibrary(page)
  await app.reload()
  await expect(page.getByText('100,000')).toBeVisible()

  await app.list.focus()
  const frames = await page.evaluate(async () => {
    // Scroll through the list for about a second and count painted frames.
    const list = document.querySelector<HTMLElement>('[role="listbox"]')
    if (!list) return 0
    let count = 0
    const start = performance.now()
    await new Promise<void>((done) => {
      const tick = () => {
        count++
        list.scrollTop += 4000
        if (performance.now() - start < 1000) requestAnimationFrame(tick)
        else done()
      }
      requestAnimationFrame(tick)
    })
    return count
  })
  expect(frames).toBeGreaterThan(20)

  await page.keyboard.press('End')
  await expect(app.option('第 100000 篇')).toBeVisible()
  await expect(app.option('第 100000 篇')).toHaveAttribute('aria-setsize', String(TOTAL))
  expect(await app.options.count()).toBeLessThan(80)
  // Only the pages the viewport settled on were fetched, not the ~500 it passed.
  expect(requested.length).toBeLessThan(20)

  await page.keyboard.press('Enter')
  // The synthetic id does not exist in the real database: the reader reports it without blanking the app.
  await expect(page.getByRole('alert').first()).toBeVisible()
  await expect(app.list).toBeVisible()
})

test('Shift-click far down the list checks every row in between, fetching the pages it skipped', async ({ app, page }) => {
  const requested = await syntheticLibrary(page)
  await app.reload()
  await expect(page.getByText('100,000')).toBeVisible()
  // Ctrl-click the first row (checks it and sets the anchor), jump to row 5,000, Shift-click it (counts
  // are shown in the locale's number format).
  await app.option('第 1 篇').click({ modifiers: ['Control'] })
  await expect(page.getByText('已选 1 篇')).toBeVisible()
  await page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('[role="listbox"]')
    const row = document.querySelector<HTMLElement>('[role="option"]')
    if (list && row) list.scrollTop = row.offsetHeight * 4_995
  })
  await app.option('第 5000 篇').click({ modifiers: ['Shift'] })
  await expect(page.getByText('已选 5,000 篇')).toBeVisible()
  // The 25 pages between were fetched for the selection, not while scrolling.
  expect(new Set(requested).size).toBeGreaterThanOrEqual(25)
})
