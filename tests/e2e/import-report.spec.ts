// The import report dialog (issue 11, issue 12 point 8): every category of the report, failures first, in
// the UI language and plain words. Real fixture files (read-later exports, Kindle clippings, a W3C
// annotation, a feed, an EUC-TW page, an empty file) go in through the page's file input; the links of a
// bookmarks export open with a mouse click, and a duplicate that filled in metadata says what it added.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, shot, test } from './fixtures'

const FIX = resolve(__dirname, '../fixtures')
const READLATER = readdirSync(join(FIX, 'import/readlater')).map((f) => join(FIX, 'import/readlater', f))
const FILES = [
  ...READLATER,
  join(FIX, 'annotations/kindle-my-clippings.txt'),
  join(FIX, 'annotations/w3c__anno1.json'),
  join(FIX, 'import/feeds/rss-parser__heise.atom'),
  join(FIX, 'import/encodings/derived__EUC-TW__coolloud.org.tw.xml')
]

const LANGUAGES = [
  {
    id: 'zh-Hans',
    input: '导入文件',
    report: '导入报告',
    dismiss: '知道了',
    headings: [/^失败（2）$/, /^未附上的高亮与批注（\d+）$/, /^只有链接，没有正文（15）$/, /^已导入（17）$/],
    empty: '文件是空的。',
    eucTw: 'EUC-TW（CNS 11643）编码，无法可靠解码',
    wholePage: '它批注的是整个网页，而不是其中一段文字。',
    pocket: '7 个链接',
    tags: '标签：test和tag'
  },
  {
    id: 'zh-Hant',
    input: '匯入檔案',
    report: '匯入報告',
    dismiss: '知道了',
    headings: [/^失敗（2）$/, /^未附上的畫線與批註（\d+）$/, /^只有連結，沒有正文（15）$/, /^已匯入（17）$/],
    empty: '檔案是空的。',
    eucTw: 'EUC-TW（CNS 11643）編碼，無法可靠解碼',
    wholePage: '它批註的是整個網頁，而不是其中一段文字。',
    pocket: '7 個連結',
    tags: '標籤：test和tag'
  },
  {
    id: 'en',
    input: 'Import files',
    report: 'Import report',
    dismiss: 'Dismiss',
    headings: [/^Failed \(2\)$/, /^Highlights and notes not attached \(\d+\)$/, /^Links only, no article text \(15\)$/, /^Imported \(17\)$/],
    empty: 'The file is empty.',
    eucTw: 'The file is in EUC-TW (CNS 11643), which cannot be decoded reliably',
    wholePage: 'It annotates a whole page, not a passage of text.',
    pocket: '7 links',
    tags: 'Tags: test and tag'
  }
] as const


/** The section of the report whose heading matches. */
const section = (report: Locator, heading: RegExp | string) => report.locator('section').filter({ has: report.page().locator('h3', { hasText: heading }) })

async function clickBox(page: Page, target: Locator): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  const box = await target.boundingBox()
  if (!box) throw new Error('no box to click')
  await page.mouse.click(box.x + Math.min(24, box.width / 2), box.y + box.height / 2)
}

for (const lang of LANGUAGES) {
  test(`${lang.id}: the report shows every category, failures first, reasons in plain ${lang.id} words`, async ({ app, page }) => {
    await page.setViewportSize({ width: 900, height: 700 })
    await expect(app.list).toBeVisible()
    await app.setLanguage(lang.id)
    await page.getByLabel(lang.input).setInputFiles(FILES)
    const report = page.getByRole('dialog', { name: lang.report })
    await expect(report).toBeVisible({ timeout: 30_000 })

    const headings = await report.locator('h3').allInnerTexts()
    console.log(`[import-report] ${lang.id} sections: ${headings.join(' | ')}`)
    // Failures first, then highlights that found no place, links without text, then what went in.
    let at = -1
    for (const heading of lang.headings) {
      const i = headings.findIndex((h) => heading.test(h))
      expect(i, `${heading} after position ${at}`).toBeGreaterThan(at)
      at = i
    }
    expect(headings[0]).toMatch(lang.headings[0])
    // It opens at the top, failures in view (focus on the dismiss button does not scroll it away).
    const scrolled = await report.locator('.dialog__body').evaluate((b) => b.scrollTop)
    console.log(`[import-report] ${lang.id}: opened scrolled by ${scrolled} px`)
    expect(scrolled).toBe(0)
    await expect(report.locator('h3').first()).toBeInViewport()
    await page.screenshot({ path: shot(`import-report-${lang.id}-900-top.png`) })

    const failed = section(report, lang.headings[0])
    await expect(failed.locator('li', { hasText: 'wallabag__wallabag-v2-empty.json' })).toContainText(lang.empty)
    await expect(failed.locator('li', { hasText: 'EUC-TW' })).toContainText(lang.eucTw)
    const problems = section(report, lang.headings[1])
    await expect(problems.locator('li', { hasText: 'w3c__anno1.json' })).toContainText(lang.wholePage)
    await expect(problems.locator('li', { hasText: 'w3c__anno1.json' })).toContainText('http://example.com/page1')

    // The report's own words carry no English sentence from the main process and no system error code.
    const text = await report.innerText()
    expect(text).not.toMatch(/\bE(NOENT|ACCES|PERM|ISDIR|BUSY|NOSPC|MFILE|LOOP|IO)\b|the file is empty|no article in the library|annotates a whole resource/)

    // Links only: one row per file with its count; a click opens the list of title, link, tags.
    const links = section(report, lang.headings[2])
    await expect(links.locator('li.report__item')).toHaveCount(4)
    const pocket = links.locator('summary', { hasText: 'wallabag__pocket.csv' })
    await expect(pocket).toContainText(lang.pocket)
    await expect(links.getByText('You Might Not Need jQuery')).toBeHidden()
    await clickBox(page, pocket)
    await expect(links.getByText('You Might Not Need jQuery')).toBeVisible()
    await expect(links.getByText('http://youmightnotneedjquery.com/')).toBeVisible()
    await clickBox(page, links.locator('summary', { hasText: 'firefox-bookmarks' }))
    await expect(links.getByText(lang.tags)).toBeVisible()
    await page.screenshot({ path: shot(`import-report-${lang.id}-900-links.png`) })

    // Each section fits the dialog: no text runs out sideways.
    const overflow = await report.evaluate((d) => Math.max(0, ...[...d.querySelectorAll<HTMLElement>('.report__item, .report__sublist li')].map((el) => el.scrollWidth - el.clientWidth)))
    console.log(`[import-report] ${lang.id}: widest overflow ${overflow} px`)
    expect(overflow).toBe(0)

    // The keyboard closes it: Tab reaches the dismiss button, Enter presses it.
    await report.getByRole('button', { name: lang.dismiss }).focus()
    await page.keyboard.press('Enter')
    await expect(report).toBeHidden()
  })
}

test('a duplicate says what it added; highlights attached and already there are their own sections; an import of notes only is not "nothing"', async ({ app, page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-report-'))
  const body = '这是一篇用于测试重复合并的文章，第二份带有作者和发布时间。'.repeat(12)
  writeFileSync(join(dir, 'plain.json'), JSON.stringify({ title: '重复合并测试', content: body }))
  writeFileSync(join(dir, 'richer.json'), JSON.stringify({ title: '重复合并测试', content: body, author: '王小明', published: '2023-05-01T08:00:00Z' }))
  const note = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: { type: 'TextualBody', value: '看这一句', purpose: 'commenting' },
    target: { source: 'urn:x-unknown', selector: { type: 'TextQuoteSelector', exact: '第二份带有作者和发布时间' } }
  }
  writeFileSync(join(dir, 'note.json'), JSON.stringify(note))
  await expect(app.list).toBeVisible()
  const input = page.getByLabel('导入文件')
  const report = page.getByRole('dialog', { name: '导入报告' })
  const dismiss = () => report.getByRole('button', { name: '知道了' }).click()

  await input.setInputFiles(join(dir, 'plain.json'))
  await expect(report).toContainText('已导入（1）', { timeout: 20_000 })
  await dismiss()
  await input.setInputFiles(join(dir, 'richer.json'))
  await expect(report).toBeVisible({ timeout: 20_000 })
  const dup = section(report, /^重复，已跳过（1）$/)
  await expect(dup).toContainText('已为原有文章补充：作者和发布时间')
  console.log(`[import-report] duplicate row: ${(await dup.locator('li').innerText()).replace(/\n/g, ' / ')}`)
  await dismiss()

  await input.setInputFiles(join(dir, 'note.json'))
  await expect(report).toBeVisible({ timeout: 20_000 })
  await expect(report).not.toContainText('没有导入任何内容')
  const attached = section(report, /^已附上的高亮与批注（1）$/)
  await expect(attached).toContainText('「第二份带有作者和发布时间」')
  await dismiss()

  await input.setInputFiles(join(dir, 'note.json'))
  await expect(report).toBeVisible({ timeout: 20_000 })
  await expect(report).not.toContainText('没有导入任何内容')
  const already = section(report, /^已有的高亮与批注，已跳过（1）$/)
  await expect(already).toContainText('已有同样的高亮和批注。')
  // Its article opens from the row.
  await already.getByRole('button', { name: /打开文章 #\d+/ }).click()
  await expect(report).toBeHidden()
  await expect(app.articleTitle).toContainText('重复合并测试')
})
