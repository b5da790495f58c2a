// The list keeps the editor's place (issue 12): after a reload, a wheel scroll and a click open the row under
// the pointer without the list jumping; the active row is always the open article (after imports, reloads,
// opening from the import report or search) and J/K/Enter continue from it.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import type { MarginaliaPage } from './pages/MarginaliaPage'

/** Imports `count` small text articles through the file input; each title is its file name. */
async function importArticles(app: MarginaliaPage, page: Page, count: number, prefix: string): Promise<void> {
  const files = Array.from({ length: count }, (_, i) => ({
    name: `${prefix}${String(i + 1).padStart(2, '0')}号文章.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`${prefix}第${i + 1}篇正文。`.repeat(20 + i), 'utf8')
  }))
  await page.getByLabel('导入文件').setInputFiles(files)
  const report = page.getByRole('dialog', { name: '导入报告' })
  await expect(report).toContainText(`已导入（${count}）`, { timeout: 30_000 })
  await report.getByRole('button', { name: '知道了' }).click()
  await expect(report).toBeHidden()
}

const title = async (row: ReturnType<MarginaliaPage['option']>) => (await row.locator('.article-row__title').innerText()).trim()

/** The option whose title is `text`, matched exactly. */
const optionTitled = (app: MarginaliaPage, text: string) => app.options.filter({ has: app.page.locator('.article-row__title', { hasText: new RegExp(`^${text}$`) }) })

/** Scrolls the list down until the row titled `text` is rendered, then clicks it. */
async function scrollToAndOpen(app: MarginaliaPage, text: string): Promise<void> {
  const row = optionTitled(app, text)
  for (let i = 0; i < 40 && (await row.count()) === 0; i++) await app.list.evaluate((el) => (el.scrollTop += 200))
  await row.click()
  await expect(app.articleTitle).toHaveText(text)
}

async function activeTitle(app: MarginaliaPage): Promise<string> {
  return title(app.list.locator('[role="option"][aria-selected="true"]'))
}

test('after a reload, a wheel scroll then one click opens the row under the pointer', async ({ app, page }) => {
  await importArticles(app, page, 40, '滚动')
  await app.openArticle(/滚动39号文章/)
  let opened = 0
  const tries = 4
  for (let attempt = 0; attempt < tries; attempt++) {
    await app.reload()
    await expect(app.articleTitle).toBeVisible()
    const box = await app.list.boundingBox()
    if (!box) throw new Error('list has no box')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.wheel(0, 900 + attempt * 300)
    await expect.poll(() => app.list.evaluate((el) => el.scrollTop)).toBeGreaterThan(600)
    // Let the scroll and the page fetch settle before aiming.
    await page.waitForTimeout(300)
    const before = await app.list.evaluate((el) => el.scrollTop)
    // Aim at the row in the lower third of the list's box, by its on-screen position.
    const y = box.y + box.height * 0.7
    const target = await page.evaluate(
      ([px, py]) => {
        const el = document.elementFromPoint(px, py)?.closest('[role="option"]')
        return el?.querySelector('.article-row__title')?.textContent?.trim() ?? null
      },
      [box.x + box.width / 2, y] as const
    )
    const rowBox = await optionTitled(app, target ?? '').boundingBox()
    if (!target || !rowBox) throw new Error('no row under the pointer')
    await page.mouse.click(rowBox.x + rowBox.width / 2, rowBox.y + rowBox.height / 2)
    await expect(app.articleTitle).toHaveText(target)
    if ((await app.articleTitle.innerText()) === target) opened++
    expect(await activeTitle(app)).toBe(target)
    expect(Math.abs((await app.list.evaluate((el) => el.scrollTop)) - before)).toBeLessThan(2)
  }
  console.log(`[list-place] first click after reload + wheel opened the row under the pointer: ${opened} of ${tries}`)
  expect(opened).toBe(tries)
})

test('the active row is the open article after imports, reloads, the import report and search; J/K/Enter go on from it', async ({ app, page }) => {
  await importArticles(app, page, 30, '甲')
  const open = '甲05号文章'
  await scrollToAndOpen(app, open)
  expect(await activeTitle(app)).toBe(open)

  // An import puts new rows above it: the mark stays on the open article, not on its old row number.
  await importArticles(app, page, 3, '乙')
  await expect.poll(() => activeTitle(app)).toBe(open)

  // A reload restores the open article and marks its row, scrolled into view.
  await app.list.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await app.reload()
  await expect(app.articleTitle).toHaveText(open)
  await expect.poll(() => activeTitle(app)).toBe(open)
  await expect(optionTitled(app, open)).toBeInViewport()

  // J opens the row below the open article (the list is newest first: 甲05 then 甲04).
  await page.keyboard.press('j')
  await expect(app.articleTitle).toHaveText('甲04号文章')
  await expect.poll(() => activeTitle(app)).toBe('甲04号文章')
  await page.keyboard.press('k')
  await expect(app.articleTitle).toHaveText(open)

  // Opened from the import report: that article is the active row, and Enter in the list reopens it.
  await page.getByLabel('导入文件').setInputFiles({ name: '丙01号文章.txt', mimeType: 'text/plain', buffer: Buffer.from('丙的正文。'.repeat(30)) })
  const report = page.getByRole('dialog', { name: '导入报告' })
  await report.getByRole('button', { name: /丙01号文章/ }).click()
  await expect(app.articleTitle).toHaveText('丙01号文章')
  await expect.poll(() => activeTitle(app)).toBe('丙01号文章')
  await page.keyboard.press('j')
  await expect(app.articleTitle).toHaveText('乙03号文章')

  // Opened from search results: the searched article is the active row.
  await app.search.fill('甲12号文章')
  await expect(app.options.first()).toContainText('甲12号文章')
  await app.options.first().click()
  await expect(app.articleTitle).toHaveText('甲12号文章')
  expect(await activeTitle(app)).toBe('甲12号文章')
  await app.search.fill('')
  await expect.poll(() => activeTitle(app)).toBe('甲12号文章')
  console.log('[list-place] active row after import, reload, report, search: the open article each time (4 of 4)')
})
