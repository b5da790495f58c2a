// UI text (issue 12, point 7) in all three UI languages: plural and list rules, labelled dates in the UI
// locale, Taiwan usage in 繁體, a notes header that is never clipped, failures first in the import report,
// long titles wrapped in the list, times of day in the import history, CJK emphasis without fake italics.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, shot, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'

const HUALONG = /華龍區|华龙区/
const LANGUAGES = [
  { id: 'zh-Hans', notes: '批注栏', count: '1 处高亮' },
  { id: 'en', notes: 'Notes panel', count: '1 highlight' },
  { id: 'zh-Hant', notes: '批註欄', count: '1 處畫線' }
] as const


/** Pixels by which the notes header or any of its children overflows its box (0 when nothing is clipped). */
const headerOverflow = (page: Page) =>
  page.locator('.anno-sidebar__header').evaluate((header) => {
    const boxes = [header, ...header.querySelectorAll<HTMLElement>('*')]
    const outer = header.getBoundingClientRect()
    return Math.max(
      0,
      ...boxes.map((el) => el.scrollWidth - el.clientWidth),
      ...[...header.children].map((el) => Math.ceil(el.getBoundingClientRect().right - outer.right))
    )
  })

for (const lang of LANGUAGES) {
  test(`${lang.id}: one highlight reads "${lang.count}", the notes header is not clipped at 900 and 1280 px, dates are labelled`, async ({ app, page }) => {
    const anno = new ReaderAnnotations(page)
    await app.openArticle(HUALONG)
    await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
    await app.setLanguage(lang.id)
    await page.getByRole('button', { name: lang.notes }).click()
    const panel = page.locator('.anno-sidebar')
    await expect(panel).toContainText(lang.count)
    for (const size of [
      { width: 900, height: 700 },
      { width: 1280, height: 800 }
    ]) {
      await page.setViewportSize(size)
      await expect(panel).toBeVisible()
      const clipped = await headerOverflow(page)
      console.log(`[ui-text] ${lang.id} ${size.width}px: notes header overflow ${clipped} px`)
      expect(clipped).toBe(0)
      await page.screenshot({ path: shot(`ui-text-${lang.id}-${size.width}-notes.png`) })
    }
    // Row dates say which date they are, in the UI locale (no MM/DD/YYYY).
    await page.setViewportSize({ width: 1280, height: 800 })
    const dates = await page.locator('.article-row__date').allInnerTexts()
    console.log(`[ui-text] ${lang.id} row dates: ${dates.join(' | ')}`)
    expect(dates.length).toBeGreaterThan(0)
    const label = lang.id === 'en' ? /^(Published|Imported) [A-Z][a-z]{2} \d{1,2}, \d{4}$/ : /^(发布|导入|發布|匯入) \d{4}年\d{1,2}月\d{1,2}日$/
    for (const d of dates) expect(d).toMatch(label)
  })
}

test('English counts and lists: "3 articles", "Added “alpha”, “beta”, and “gamma” (1 article)"', async ({ app, page }) => {
  await app.setLanguage('en')
  await expect(page.getByText('3 articles', { exact: true })).toBeVisible()
  await app.openArticle(HUALONG)
  await page.getByRole('button', { name: 'Add tag', exact: true }).click()
  await page.getByRole('combobox', { name: 'New tag' }).fill('alpha, beta, gamma')
  await page.keyboard.press('Enter')
  const toast = page.getByRole('status').filter({ hasText: 'Added' })
  await expect(toast).toContainText('Added “alpha”, “beta”, and “gamma” (1 article)')
  console.log(`[ui-text] en tag toast: ${await toast.first().innerText()}`)
})

test('繁體 reads as Taiwan usage: 發布時間, 復原, 「」', async ({ app, page }) => {
  await expect(app.list).toBeVisible()
  await app.setLanguage('zh-Hant')
  const sort = page.getByRole('combobox', { name: '排序' })
  await expect(sort.locator('option', { hasText: '發布時間' })).toHaveCount(1)
  const text = await page.locator('body').innerText()
  const options = await sort.locator('option').allInnerTexts()
  expect(`${text}\n${options.join('\n')}`).not.toMatch(/釋出|撤銷|窗口/)
  await page.screenshot({ path: shot('ui-text-zh-Hant-1280-list.png') })
})

test('import report lists failures first; a long title wraps in the list; the history shows the time of day', async ({ app, page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-ui-text-'))
  const title = '國家發展和改革委員會關於進一步推進大型風電光伏基地建設與電網配套工程的指導意見全文'
  const long = join(dir, `${title}.txt`)
  writeFileSync(long, `${title}\n\n${'為加快構建新型電力系統，推進大型風電光伏基地建設。'.repeat(20)}\n`)
  const empty = join(dir, 'empty.txt')
  writeFileSync(empty, '')
  await app.setLanguage('en')
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByLabel('Import files').setInputFiles([long, empty])
  const report = page.getByRole('dialog', { name: 'Import report' })
  await expect(report).toBeVisible({ timeout: 20_000 })
  const headings = await report.locator('h3').allInnerTexts()
  console.log(`[ui-text] report sections: ${headings.join(' | ')}`)
  expect(headings[0]).toMatch(/^Failed/)
  await page.screenshot({ path: shot('ui-text-en-1280-report.png') })
  await report.getByRole('button', { name: 'Dismiss' }).click()

  const row = app.option(/國家發展和改革委員會/).locator('.article-row__title')
  const box = await row.evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight), perLine: el.getBoundingClientRect().width / 14 }))
  const shown = Math.floor(box.height / box.line) * Math.floor(box.perLine)
  console.log(`[ui-text] long title: ${Math.round(box.height / box.line)} lines, about ${shown} CJK characters shown`)
  expect(box.height).toBeGreaterThanOrEqual(box.line * 2 - 1)
  expect(shown).toBeGreaterThanOrEqual(30)
  await page.screenshot({ path: shot('ui-text-en-1280-long-title.png') })

  await page.getByRole('button', { name: 'Import history' }).click()
  const history = page.getByRole('dialog', { name: 'Import history' })
  const when = await history.locator('time').first().innerText()
  console.log(`[ui-text] history entry: ${when}`)
  expect(when).toMatch(/\d{1,2}:\d{2}/)
})

test('CJK emphasis in a note is marked with emphasis dots, not a faked oblique', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(HUALONG)
  await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
  await anno.openPanel()
  await anno.mark('孩童歡樂地嬉笑玩耍').focus()
  await page.keyboard.press('Enter')
  // Typed into and sent from the note box itself: on a loaded machine a page-level key press could land
  // before the box had focus (one CI run waited 60 s for a note that was never sent).
  const box = anno.panel.locator('textarea')
  await box.fill('这是*重点*，and *this* too')
  await expect(box).toHaveValue('这是*重点*，and *this* too')
  await box.press('Control+Enter')
  const cjk = anno.panel.locator('.anno-card__note em', { hasText: '重点' })
  const latin = anno.panel.locator('.anno-card__note em', { hasText: 'this' })
  const style = (el: Element) => ({ font: getComputedStyle(el).fontStyle, emphasis: getComputedStyle(el).textEmphasisStyle })
  const c = await cjk.evaluate(style)
  const l = await latin.evaluate(style)
  console.log(`[ui-text] CJK em: ${c.font}, ${c.emphasis}; Latin em: ${l.font}`)
  expect(c.font).toBe('normal')
  expect(c.emphasis).toMatch(/dot/)
  expect(l.font).toBe('italic')
  await anno.panel.screenshot({ path: shot('ui-text-zh-Hans-notes-emphasis.png') })
})
