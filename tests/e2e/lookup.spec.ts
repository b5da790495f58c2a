// Look up on selection (issue 14): the selection popover's "查词" shows the word's pinyin, its forms in every
// script and its CC-CEDICT definition (offline, from the main process), and "在资料库中搜索" runs the list
// search for it. The seed article's 轄區 is the word.
import { expect, shot, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'

test('look up a word of the seed: pinyin, forms, English definition; then search the library for it', async ({ app, page }) => {
  const anno = new ReaderAnnotations(page)
  await app.openArticle(/華龍區|华龙区/)
  await expect(app.paragraphs.first()).toBeVisible()
  const before = await app.options.count()

  await anno.select('轄區')
  await expect(anno.popover).toBeVisible()
  const started = Date.now()
  await anno.popover.getByRole('button', { name: '查词' }).click()
  const panel = page.getByRole('dialog', { name: '查词：轄區' })
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('list', { name: '释义' })).toContainText('administrative region')
  console.log(`[lookup] 轄區 answered in ${Date.now() - started} ms (first look-up loads CC-CEDICT in the host)`)
  await expect(panel.locator('.lookup__pinyin')).toHaveText('xiá qū')
  const forms = panel.getByRole('definition')
  await expect(forms).toHaveCount(6)
  await expect(panel.locator('.lookup__forms')).toContainText('辖区')
  await expect(panel).toContainText('CC-CEDICT')
  await page.mouse.move(0, 0)
  await page.screenshot({ path: shot('lookup-popover.png'), animations: 'disabled' })

  await panel.getByRole('button', { name: '在资料库中搜索' }).click()
  await expect(panel).toBeHidden()
  await expect(app.search).toHaveValue('轄區')
  await expect(app.options).toHaveCount(1)
  await expect(app.options.first()).toContainText(/華龍區|华龙区/)
  console.log(`[lookup] the list went from ${before} articles to 1 for 轄區`)
})
