// Highlights and notes, driven through real selections (mouse drags and keys — never the API): create,
// note, script switch, reload, cleaned/original toggle, overlaps across paragraphs, delete + undo, and
// the library-wide notes view. Saves screenshots of the reader with highlights and of the notes view.
import { expect, shot, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'


test('highlight by dragging, add a note, and keep it across script, reload and text version', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()

  // Measure, in the page, from the colour button's click to the first <mark> in the body.
  await anno.select('孩童歡樂地嬉笑玩耍')
  await expect(anno.popover).toBeVisible()
  await anno.body.evaluate((body) => {
    const w = window as unknown as { __clickAt?: number; __markAt?: number }
    document.addEventListener('click', () => (w.__clickAt ??= performance.now()), { capture: true, once: true })
    new MutationObserver((_, observer) => {
      if (body.querySelector('mark')) {
        w.__markAt = performance.now()
        observer.disconnect()
      }
    }).observe(body, { childList: true, subtree: true })
  })
  await anno.popover.getByRole('button', { name: '黄色高亮' }).click()
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toBeVisible()
  const latency = await page.evaluate(() => {
    const w = window as unknown as { __clickAt?: number; __markAt?: number }
    return (w.__markAt ?? Infinity) - (w.__clickAt ?? 0)
  })
  expect(latency).toBeLessThan(50)
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveClass(/hl--yellow/)
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveAttribute('title', '黄色高亮')

  // The panel lists it with its quote.
  await anno.openPanel()
  await expect(anno.cards).toHaveCount(1)
  await expect(anno.cards.first()).toContainText('孩童歡樂地嬉笑玩耍')

  // Add a Markdown note; it renders safely (no raw HTML).
  await anno.cards.first().getByRole('button', { name: '添加批注' }).click()
  const editor = anno.panel.getByRole('textbox', { name: '批注内容' })
  await expect(editor).toBeFocused()
  await editor.fill('**重要**：群众的*安全感* <img src=x onerror=alert(1)>')
  await anno.panel.getByRole('button', { name: '保存批注' }).click()
  await expect(anno.cards.first().locator('strong')).toHaveText('重要')
  await expect(anno.cards.first().locator('img')).toHaveCount(0)
  await expect(anno.cards.first()).toContainText('<img src=x onerror=alert(1)>')
  await expect(anno.mark('孩童歡樂地嬉笑玩耍')).toHaveAttribute('title', /黄色高亮 · 批注：/)

  // Simplified script: the same words are highlighted, converted.
  await page.getByRole('combobox', { name: '显示字形' }).selectOption('cn')
  await expect(anno.mark('孩童欢乐地嬉笑玩耍')).toBeVisible()
  await expect(anno.cards.first()).toContainText('孩童欢乐地嬉笑玩耍')

  // Reload: still there.
  await app.reload()
  await expect(app.articleTitle).toContainText('华龙区')
  await expect(anno.mark('孩童欢乐地嬉笑玩耍')).toBeVisible()
  await expect(anno.panel).toBeVisible()
  await expect(anno.cards.first()).toContainText('重要')

  // The original text (with pinyin glosses elsewhere) re-anchors on the same words, and back.
  await app.button('原文').click()
  await expect(page.locator('.reader__raw')).toBeVisible()
  await expect(anno.mark('孩童欢乐地嬉笑玩耍')).toBeVisible()
  await expect(anno.panel.getByText('无法定位')).toHaveCount(0)
  await app.button('清理后').click()
  await expect(page.locator('.reader__body')).toBeVisible()
  await expect(anno.mark('孩童欢乐地嬉笑玩耍')).toBeVisible()
})

test('overlapping and cross-paragraph highlights, keyboard colours, delete and undo', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
  await anno.openPanel()

  // Across the paragraph break, coloured with the keyboard (2 = green).
  await anno.select('一種寫照', '作為我市主城區')
  await expect(anno.popover).toBeVisible()
  await page.keyboard.press('2')
  await expect(anno.cards).toHaveCount(1)
  // The card shows at once with a temporary (negative) id; wait for the id the database gave it.
  await expect(anno.cards.first()).toHaveAttribute('data-annotation-id', /^[1-9]\d*$/)
  const green = (await anno.cards.first().getAttribute('data-annotation-id')) as string
  await expect.poll(() => anno.textOf(green).then((s) => s.length)).toBeGreaterThan(0)
  await expect.poll(() => anno.textOf(green)).toBe('一種寫照。華龍區作為我市主城區')
  const greenParagraphs = await app.paragraphs.filter({ has: page.locator(`mark[data-ids~="${green}"]`) }).count()
  expect(greenParagraphs).toBe(2)
  await expect(anno.cards.first()).toContainText('一種寫照。')

  // Overlapping it, with H (yellow): the overlap is one mark carrying both highlights.
  await anno.select('取得成效的一種寫照')
  await page.keyboard.press('h')
  await expect(anno.cards).toHaveCount(2)
  const overlap = anno.body.locator('mark[data-ids*=" "]')
  await expect(overlap).toHaveText('一種寫照')
  await expect(overlap).toHaveClass(/hl--yellow/)
  await expect(overlap).toHaveClass(/hl--over-green/)
  // Reading order in the panel: the yellow one starts first.
  await expect(anno.cards.nth(0)).toContainText('取得成效的一種寫照')
  await expect(anno.cards.nth(1)).toContainText('華龍區作為我市主城區')

  await page.screenshot({ path: shot('annotations.png'), animations: 'disabled' })

  // Delete the yellow one, then Ctrl+Z brings it back.
  await anno.card('取得成效').getByRole('button', { name: '删除高亮' }).click()
  await expect(anno.cards).toHaveCount(1)
  await expect(overlap).toHaveCount(0)
  await page.keyboard.press('Control+z')
  await expect(anno.cards).toHaveCount(2)
  await expect(overlap).toHaveText('一種寫照')

  // Colour change from the highlight's own popover, undone with the panel's button.
  await anno.mark('華龍區作為我市主城區').click()
  await expect(anno.popover).toBeVisible()
  await anno.popover.getByRole('button', { name: '改为紫色' }).click()
  await expect(anno.mark('華龍區作為我市主城區')).toHaveClass(/hl--purple/)
  await anno.panel.getByRole('button', { name: '撤销' }).click()
  await expect(anno.mark('華龍區作為我市主城區')).toHaveClass(/hl--green/)
})

test('note shortcut and the library-wide notes view', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()

  // N highlights and opens the note editor in the panel.
  await anno.select('平靜安逸的生活環境')
  await page.keyboard.press('n')
  const editor = anno.panel.getByRole('textbox', { name: '批注内容' })
  await expect(editor).toBeFocused()
  await editor.fill('治安环境的写照')
  await editor.press('Control+Enter')
  await expect(anno.cards.first()).toContainText('治安环境的写照')
  // Keyboard extension of a selection: Shift+→ once, then 3 (blue).
  await anno.select('外來務工人員')
  await page.keyboard.press('Shift+ArrowRight')
  await expect(anno.popover).toBeVisible()
  await page.keyboard.press('3')
  await expect(anno.cards).toHaveCount(2)
  await expect(anno.mark('外來務工人員多')).toHaveClass(/hl--blue/)

  const notesButton = page.getByRole('button', { name: '全部批注' })
  const allSection = page.getByRole('navigation').getByRole('button', { name: '全部', exact: true })
  await expect(allSection).toHaveAttribute('aria-current', 'true')
  const title = (await app.articleTitle.textContent()) ?? ''
  await notesButton.click()
  const view = page.getByRole('region', { name: '全部批注' })
  await expect(view).toBeVisible()
  // The notes view is the current place in the sidebar, not the list section it replaced.
  await expect(notesButton).toHaveAttribute('aria-current', 'true')
  await expect(allSection).not.toHaveAttribute('aria-current', 'true')
  const items = view.getByRole('list', { name: '批注列表' }).getByRole('listitem')
  await expect(items).toHaveCount(2)
  // j/k walk the article list, which the notes view hides: back in the list, the same article is open.
  await view.getByRole('heading', { name: '全部批注' }).click()
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await view.getByRole('button', { name: '返回文章列表' }).click()
  await expect(app.articleTitle).toHaveText(title)
  await notesButton.click()
  await expect(view).toBeVisible()

  // Full text over quotes (script-insensitive: simplified query, traditional quote) and notes.
  await view.getByRole('searchbox', { name: '搜索高亮和批注' }).fill('平静安逸')
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText('平靜安逸的生活環境')
  await view.getByRole('searchbox', { name: '搜索高亮和批注' }).fill('治安环境的写照')
  await expect(items).toHaveCount(1)
  await view.getByRole('searchbox', { name: '搜索高亮和批注' }).fill('')
  await expect(items).toHaveCount(2)
  // Colour filter.
  await view.getByRole('button', { name: '蓝色', exact: true }).click()
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText('外來務工人員多')
  await view.getByRole('button', { name: '蓝色', exact: true }).click()
  await expect(items).toHaveCount(2)
  await page.screenshot({ path: shot('notes-view.png'), animations: 'disabled' })

  // Opening an entry shows the article at that highlight.
  await items.filter({ hasText: '平靜安逸' }).getByRole('button').first().click()
  await expect(view).toBeHidden()
  await expect(app.articleTitle).toBeVisible()
  await expect(anno.mark('平靜安逸的生活環境')).toBeInViewport()
  await expect(allSection).toHaveAttribute('aria-current', 'true')

  // A sidebar section leaves the notes view for the list.
  await notesButton.click()
  await expect(view).toBeVisible()
  await page.getByRole('navigation').getByRole('button', { name: '未读', exact: true }).click()
  await expect(view).toBeHidden()
  await expect(page.getByRole('listbox', { name: '文章列表' })).toBeVisible()
})

test('a highlight on text that only the original has is listed under 无法定位 in the cleaned view', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await app.button('原文').click()
  await expect(page.locator('.reader__raw')).toBeVisible()
  await anno.openPanel()
  // A related-article headline the cleaner removed.
  await anno.highlight('我國積極推進大型風電光伏基地建設', undefined, '粉色高亮')
  await expect(anno.cards).toHaveCount(1)
  await app.button('清理后').click()
  await expect(page.locator('.reader__body')).toBeVisible()
  const orphans = anno.panel.getByRole('region', { name: '无法定位' })
  await expect(orphans).toBeVisible()
  await expect(orphans).toContainText('我國積極推進大型風電光伏基地建設')
  await expect(anno.marks).toHaveCount(0)
  // Back in the original it is found again — it was never deleted.
  await app.button('原文').click()
  await expect(anno.mark('我國積極推進大型風電光伏基地建設')).toBeVisible()
})
