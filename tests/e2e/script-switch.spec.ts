// One script switch for the whole app (issue 12): the toolbar's switch converts the reader, the list and
// the tags alike, with plain labels (简体 / 繁體 / 臺灣 / 香港 / 日本 / 原文); an article's own script is a
// separate choice, shown as an override while set, and only that article follows it.
import { expect, test } from './fixtures'

const HUALONG = /華龍區|华龙区/

test('the toolbar switch converts reader and list; a per-article override shows as one and stays with its article', async ({ app, page }) => {
  await app.openArticle(HUALONG)
  const appScript = page.getByRole('combobox', { name: '显示字形' })
  const labels = (await appScript.locator('option').allInnerTexts()).map((s) => s.trim())
  console.log(`[script] switch labels: ${labels.join(' / ')}`)
  for (const plain of ['简体', '繁體', '臺灣', '香港', '日本', '原文']) expect(labels).toContain(plain)

  await appScript.selectOption('cn')
  await expect(app.articleTitle).toContainText('华龙区')
  await expect(app.option(/华龙区扎实/)).toHaveCount(1)

  const override = page.getByRole('combobox', { name: '本文单独使用的字形' })
  const overrideLabel = page.locator('.reader-toolbar__override')
  await expect(overrideLabel).not.toHaveClass(/--on/)
  await override.selectOption('hk')
  await expect(app.articleTitle).toContainText('華龍區')
  await expect(overrideLabel).toHaveClass(/--on/)
  // The list still follows the app's switch.
  await expect(app.option(/华龙区扎实/)).toHaveCount(1)

  // Another article follows the app's script, with no override shown.
  await app.openArticle(/法国全国大罢工/)
  await expect(app.articleTitle).toContainText('法国')
  await expect(overrideLabel).not.toHaveClass(/--on/)
  await appScript.selectOption('tw')
  await expect(app.articleTitle).toContainText('法國')

  // Back on the first article the override holds until cleared.
  await app.openArticle(/華龍區扎實/)
  await expect(overrideLabel).toHaveClass(/--on/)
  await override.selectOption('')
  await expect(overrideLabel).not.toHaveClass(/--on/)
  await expect(appScript).toHaveValue('tw')
})
