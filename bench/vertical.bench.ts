// UI bench rows for vertical reading (issue 14): first paint of the open 50,000-character article in
// vertical-rl against the same article laid out horizontally, measured in the same run on the same page.
import type { Browser, Page } from 'playwright-core'
import { percentile, ratioRow, type BenchRow } from './lib'

const LOADS = 3
/** src/renderer/src/app/use-open-article.ts keeps the open article here. */
const LAST_OPEN_KEY = 'marginalia.lastOpenArticle'

async function load(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').filter({ hasText: title }).first().waitFor()
}

async function setWriting(page: Page, writing: 'horizontal' | 'vertical'): Promise<void> {
  await page.evaluate(`window.api['settings:set']({ writing: ${JSON.stringify(writing)} })`)
}

/** With `writing` stored, on a fresh load: click on the article's row → every paragraph laid out and a frame painted. */
async function openToPaint(page: Page, url: string, title: string, writing: 'horizontal' | 'vertical'): Promise<number> {
  await load(page, url, title)
  await setWriting(page, writing)
  await load(page, url, title)
  // Page functions are passed as source text: tsx would otherwise inject its __name helper into them.
  return (await page.evaluate(`(async () => {
    const row = [...document.querySelectorAll('[role="listbox"] [role="option"]')].find((o) => o.textContent.includes(${JSON.stringify(title)}))
    const t0 = performance.now()
    row.click()
    await new Promise((done) => {
      const check = () => {
        const body = document.querySelector('.reader__body')
        const paragraphs = body ? body.querySelectorAll('[data-offset]') : []
        if (paragraphs.length > 0 && !document.querySelector('.reader__converting')) {
          // Reading a size forces layout of the whole article; the next frame is its paint.
          void document.querySelector('.reader-scroll').scrollWidth
          requestAnimationFrame(() => setTimeout(done, 0))
        } else requestAnimationFrame(check)
      }
      check()
    })
    return performance.now() - t0
  })()`)) as number
}

export async function verticalPaintRows(browser: Browser, url: string, title: string): Promise<BenchRow[]> {
  const times: Record<'horizontal' | 'vertical', number[]> = { horizontal: [], vertical: [] }
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'en-US' })
  // The app reopens the last article at start; every load here must start with none open.
  await page.addInitScript(`localStorage.removeItem(${JSON.stringify(LAST_OPEN_KEY)})`)
  try {
    // Alternated, so both modes see the same machine load.
    for (let i = 0; i < LOADS; i++) {
      for (const mode of ['horizontal', 'vertical'] as const) times[mode].push(await openToPaint(page, url, title, mode))
    }
  } finally {
    // The bench library is reused: leave it reading horizontally for the other rows and the next run.
    if (page.url().startsWith('http')) await setWriting(page, 'horizontal')
    await page.close()
  }
  const horizontal = { name: `horizontal first paint (median of ${LOADS})`, value: percentile(times.horizontal, 50) }
  return [
    ratioRow(
      `vertical-rl first paint, 50,000-character article (click → laid out and painted, median of ${LOADS})`,
      percentile(times.vertical, 50),
      'ms',
      horizontal
    )
  ]
}
