// Vertical reading (issue 14): Settings › Reading direction sets writing-mode: vertical-rl on the reader,
// pages flow right to left (the wheel scrolls sideways), and highlights made by a real mouse drag down a
// column, notes, find and the reading position all work in it and survive a reload. Screenshots at
// 1280×800 and 900×700.
import type { Page } from '@playwright/test'
import { expect, shot, test } from './fixtures'
import type { MarginaliaPage } from './pages/MarginaliaPage'
import { ReaderAnnotations } from './pages/ReaderAnnotations'

const HUALONG = /華龍區|华龙区/

async function setVertical(app: MarginaliaPage, on: boolean): Promise<void> {
  await app.button('设置').click()
  await app.page.getByRole('combobox', { name: '排版方向' }).selectOption(on ? 'vertical' : 'horizontal')
  await app.page.keyboard.press('Escape')
}

/** Drags the mouse down a column from inside the first character of `text` to inside its last one. */
async function dragVertically(page: Page, text: string): Promise<void> {
  const p = await page.locator('.reader__body').evaluate((body, text) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
    const nodes: { node: Text; start: number }[] = []
    let all = ''
    while (walker.nextNode()) {
      const node = walker.currentNode as Text
      nodes.push({ node, start: all.length })
      all += node.data
    }
    const i = all.indexOf(text)
    if (i < 0) return null
    const rect = (k: number) => {
      const hit = nodes.find((n) => n.start <= k && k < n.start + n.node.data.length)
      if (!hit) throw new Error(`no text at ${k}`)
      const r = document.createRange()
      r.setStart(hit.node, k - hit.start)
      r.setEnd(hit.node, k - hit.start + 1)
      return r.getBoundingClientRect()
    }
    nodes.find((n) => n.start <= i && i < n.start + n.node.data.length)?.node.parentElement?.closest('[data-offset]')?.scrollIntoView({ block: 'center' })
    const a = rect(i)
    const b = rect(i + text.length - 1)
    return { x1: a.left + a.width / 2, y1: a.top + 2, x2: b.left + b.width / 2, y2: b.bottom - 2 }
  }, text)
  if (!p) throw new Error(`not in the reading view: ${text}`)
  await page.mouse.move(p.x1, p.y1)
  await page.mouse.down()
  await page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 4 })
  await page.mouse.move(p.x2, p.y2, { steps: 4 })
  await page.mouse.up()
}

/** scrollLeft, and how far the scroller's content reaches past its view, in px. */
function scrollState(app: MarginaliaPage): Promise<{ writingMode: string; scrollLeft: number; overflow: number }> {
  return app.readerScroll.evaluate((el) => ({
    writingMode: getComputedStyle(el).writingMode,
    scrollLeft: el.scrollLeft,
    overflow: el.scrollWidth - el.clientWidth
  }))
}

test('vertical reading: right-to-left flow, wheel, mouse highlight + note, find and position survive a reload', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(HUALONG)
  await expect(app.paragraphs.first()).toBeVisible()
  await setVertical(app, true)

  const start = await scrollState(app)
  console.log(`[vertical] writing-mode ${start.writingMode}, scrollLeft at the start ${start.scrollLeft}, ${start.overflow} px of columns to the left`)
  expect(start.writingMode).toBe('vertical-rl')
  expect(start.scrollLeft).toBe(0)
  expect(start.overflow).toBeGreaterThan(500)
  // The title is the rightmost column: the text starts at the right edge.
  const titleBox = await app.articleTitle.boundingBox()
  const scrollBox = await app.readerScroll.boundingBox()
  expect(titleBox && scrollBox && titleBox.x + titleBox.width > scrollBox.x + scrollBox.width - 120).toBe(true)

  // The wheel (down) moves onwards, i.e. leftwards.
  await page.mouse.move((scrollBox?.x ?? 0) + 200, (scrollBox?.y ?? 0) + 200)
  await page.mouse.wheel(0, 600)
  await expect.poll(async () => (await scrollState(app)).scrollLeft).toBeLessThan(-300)
  const wheeled = (await scrollState(app)).scrollLeft
  console.log(`[vertical] wheel deltaY 600 → scrollLeft ${wheeled}`)

  // A highlight made by dragging the mouse down a column.
  await dragVertically(page, '孩童歡樂地嬉笑玩耍')
  await expect(anno.popover).toBeVisible()
  await anno.popover.getByRole('button', { name: '黄色高亮' }).click()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
  await anno.openPanel()
  await anno.cards.first().getByRole('button', { name: '添加批注' }).click()
  await anno.panel.getByRole('textbox', { name: '批注内容' }).fill('竖排批注')
  await anno.panel.getByRole('button', { name: '保存批注' }).click()
  await expect(anno.cards.first()).toContainText('竖排批注')
  await expect(anno.cards.first()).toContainText('孩童歡樂地嬉笑玩耍')

  // Find scrolls its hit into view sideways.
  await page.keyboard.press('Control+f')
  const field = page.getByRole('textbox', { name: '在文中查找' })
  await field.fill('最後一米')
  await expect(page.locator('.find-bar__count')).toHaveText(/^第 1 处/)
  await expect
    .poll(() =>
      page.evaluate(() => {
        const range = [...(CSS.highlights.get('find-current') ?? [])][0] as Range | undefined
        const r = range?.getBoundingClientRect()
        const box = document.querySelector('.reader-scroll')?.getBoundingClientRect()
        return !!(r && box && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom)
      })
    )
    .toBe(true)
  await page.keyboard.press('Escape')

  // The reading position: scroll a paragraph near the end to the right edge, reload, it is back there.
  const count = await app.paragraphs.count()
  const target = app.paragraphs.nth(count - 3)
  const offset = await target.getAttribute('data-offset')
  await target.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.waitForTimeout(1200)
  const before = (await scrollState(app)).scrollLeft

  await app.reload()
  await expect(app.articleTitle).toBeVisible()
  expect((await scrollState(app)).writingMode).toBe('vertical-rl')
  const gap = async () =>
    app.readerScroll.evaluate((scroller, off) => {
      const el = scroller.querySelector(`[data-offset="${off}"]`)
      return el ? Math.abs(scroller.getBoundingClientRect().right - el.getBoundingClientRect().right) : Infinity
    }, offset)
  await expect.poll(gap).toBeLessThan(40)
  console.log(`[vertical] position: scrollLeft ${before} saved, ${(await scrollState(app)).scrollLeft} restored; paragraph ${offset} ${Math.round(await gap())} px from the right edge`)
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveCount(1)
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveAttribute('title', /竖排批注/)

  // Back to horizontal: the same paragraph is still the one in view.
  await setVertical(app, false)
  expect((await scrollState(app)).writingMode).toBe('horizontal-tb')
  await expect
    .poll(() =>
      app.readerScroll.evaluate((scroller, off) => {
        const el = scroller.querySelector(`[data-offset="${off}"]`)
        return el ? Math.abs(el.getBoundingClientRect().top - scroller.getBoundingClientRect().top) : Infinity
      }, offset)
    )
    .toBeLessThan(40)
})

for (const size of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 }
]) {
  test(`vertical reading screenshot at ${size.width}×${size.height}`, async ({ app, page }) => {
    await page.setViewportSize(size)
    await app.openArticle(HUALONG)
    await setVertical(app, true)
    const anno = new ReaderAnnotations(page)
    await dragVertically(page, '孩童歡樂地嬉笑玩耍')
    await anno.popover.getByRole('button', { name: '黄色高亮' }).click()
    await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
    await app.readerScroll.evaluate((el) => (el.scrollLeft = 0))
    // Readable: the columns hold a good number of characters each, and the type keeps its size.
    const column = await app.paragraphs.first().evaluate((p) => ({ height: p.getBoundingClientRect().height, font: parseFloat(getComputedStyle(p).fontSize) }))
    console.log(`[vertical] ${size.width}×${size.height}: columns ${Math.round(column.height)} px tall, ${Math.floor(column.height / column.font)} characters at ${column.font} px`)
    expect(column.height / column.font).toBeGreaterThan(14)
    await page.mouse.move(0, 0)
    await page.screenshot({ path: shot(`vertical-${size.width}.png`), animations: 'disabled' })
  })
}
