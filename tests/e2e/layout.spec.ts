// The window fits any size (issue 12), at 900×700, 1280×800 and 1920×1080 in all three UI languages: below
// 1100 px the sidebar is a rail of icons and the list a drawer; the reader toolbar stays one row (folding into
// a menu when narrow); with the notes panel open the text keeps at least 30 CJK characters a line, never
// under the panel; F toggles focus mode; paragraphs are set without stretched gaps. Screenshots of each state
// go to .tmp/e2e-screenshots/.
import type { Page } from '@playwright/test'
import { expect, shot, test } from './fixtures'
import type { MarginaliaPage } from './pages/MarginaliaPage'

const HUALONG = /華龍區|华龙区/
const SIZES = [
  { width: 900, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
] as const

const LANGUAGES = [
  { id: 'zh-Hans', notes: '批注栏', list: '显示文章列表', focus: '专注阅读', more: '更多阅读设置' },
  { id: 'en', notes: 'Notes panel', list: 'Show article list', focus: 'Focus mode', more: 'More reading controls' },
  { id: 'zh-Hant', notes: '批註欄', list: '顯示文章列表', focus: '專注閱讀', more: '更多閱讀設定' }
] as const


const width = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().width)

/** Characters per line of the first body paragraph, and whether any of it lies under the notes panel. */
async function measureText(page: Page): Promise<{ perLine: number; covered: boolean }> {
  return page.evaluate(() => {
    const p = document.querySelector<HTMLElement>('.reader__body p')
    const scroll = document.querySelector<HTMLElement>('.reader-scroll')
    const panel = document.querySelector<HTMLElement>('.anno-sidebar')
    if (!p || !scroll) return { perLine: 0, covered: true }
    const r = p.getBoundingClientRect()
    const s = scroll.getBoundingClientRect()
    const perLine = Math.min(r.width, s.right - r.left) / parseFloat(getComputedStyle(p).fontSize)
    // Covered: the panel overlaps the part of the paragraph that is inside the scrolled area.
    const q = panel?.getBoundingClientRect()
    const left = Math.max(r.left, s.left)
    const right = Math.min(r.right, s.right)
    const top = Math.max(r.top, s.top)
    const bottom = Math.min(r.bottom, s.bottom)
    const covered = q ? Math.min(right, q.right) - Math.max(left, q.left) > 1 && Math.min(bottom, q.bottom) - Math.max(top, q.top) > 1 : false
    return { perLine: Math.floor(perLine), covered }
  })
}

async function openFirst(app: MarginaliaPage, narrow: boolean): Promise<void> {
  // A narrow window shows the list as a drawer while nothing is open; opening an article puts it away.
  await expect(app.list).toBeVisible()
  await app.openArticle(HUALONG)
  if (narrow) await expect(app.list).toBeHidden()
  else await expect(app.list).toBeVisible()
}

for (const lang of LANGUAGES) {
  for (const size of SIZES) {
    test(`${lang.id} at ${size.width}×${size.height}: rail and drawer, one-row toolbar, ≥ 30 characters a line with notes open, focus mode`, async ({ app, page }) => {
      await page.setViewportSize(size)
      await app.setLanguage(lang.id)
      const narrow = size.width <= 1100
      await openFirst(app, narrow)
      const sidebar = await width(page, '.sidebar')
      expect(narrow ? sidebar <= 64 : sidebar >= 200).toBe(true)

      const toolbar = page.locator('.reader-toolbar')
      const toolbarHeight = (await toolbar.boundingBox())?.height ?? 0
      expect(toolbarHeight).toBeLessThanOrEqual(60)
      const folded = await page.getByRole('button', { name: lang.more }).isVisible()
      await page.screenshot({ path: shot(`layout-${lang.id}-${size.width}-reader.png`) })

      await page.getByRole('button', { name: lang.notes }).click()
      await expect(page.locator('.anno-sidebar')).toBeVisible()
      const text = await measureText(page)
      await page.screenshot({ path: shot(`layout-${lang.id}-${size.width}-notes.png`) })
      console.log(
        `[layout] ${lang.id} ${size.width}×${size.height}: sidebar ${Math.round(sidebar)} px, toolbar ${Math.round(toolbarHeight)} px${folded ? ' (folded)' : ''}, ${text.perLine} characters a line with notes open${text.covered ? ', text under the panel' : ''}`
      )
      expect(text.perLine).toBeGreaterThanOrEqual(30)
      expect(text.covered).toBe(false)

      // Focus mode: only the reader, at any width; F again brings the panes back.
      await page.locator('.reader-scroll').click({ position: { x: 5, y: 5 } })
      await page.keyboard.press('f')
      await expect(page.locator('.sidebar')).toBeHidden()
      await expect(app.list).toBeHidden()
      expect(Math.round(await width(page, '.reader-pane'))).toBe(size.width)
      await page.keyboard.press('f')
      await expect(page.locator('.sidebar')).toBeVisible()

      if (narrow) {
        // The rail's list button opens the drawer over the reader; Escape puts it away.
        await page.getByRole('button', { name: lang.list }).click()
        await expect(app.list).toBeVisible()
        await page.screenshot({ path: shot(`layout-${lang.id}-${size.width}-drawer.png`) })
        await page.keyboard.press('Escape')
        await expect(app.list).toBeHidden()
      }
    })
  }
}

test('paragraphs in a narrow column are set ragged right, with no stretched gaps', async ({ app, page }) => {
  await page.setViewportSize({ width: 900, height: 700 })
  await app.openArticle(HUALONG)
  await page.keyboard.press('f')
  const style = await page.locator('.reader__body').evaluate((el) => {
    const s = getComputedStyle(el)
    return { lineBreak: s.lineBreak, overflowWrap: s.overflowWrap, textAlign: s.textAlign }
  })
  expect(style.lineBreak).toBe('strict')
  expect(style.overflowWrap).toBe('anywhere')
  // The widest gap between adjacent characters in the first paragraphs, against the font size: justified
  // text in a narrow column stretches these; even setting keeps them near zero.
  const gapRatio = async () =>
    page.locator('.reader__body').evaluate((body) => {
      let worst = 0
      for (const p of Array.from(body.querySelectorAll('p')).slice(0, 6)) {
        const size = parseFloat(getComputedStyle(p).fontSize)
        const node = p.firstChild
        if (!node || node.nodeType !== Node.TEXT_NODE) continue
        const text = node.textContent ?? ''
        const range = document.createRange()
        let prev: DOMRect | null = null
        for (let i = 0; i < Math.min(text.length, 400); i++) {
          range.setStart(node, i)
          range.setEnd(node, i + 1)
          const r = range.getBoundingClientRect()
          if (prev && Math.abs(r.top - prev.top) < 2 && r.width > 0) worst = Math.max(worst, (r.left - prev.right) / size)
          prev = r
        }
      }
      return worst
    })
  const narrowPane = { width: 560, height: 700 }
  await page.setViewportSize(narrowPane)
  const ragged = await page.locator('.reader__body').evaluate((el) => getComputedStyle(el).textAlign)
  const worst = await gapRatio()
  console.log(`[layout] at ${narrowPane.width} px: text-align ${ragged}, widest gap between characters ${worst.toFixed(2)} em`)
  expect(ragged).toBe('start')
  expect(worst).toBeLessThan(0.25)
})
