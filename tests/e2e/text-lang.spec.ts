// `lang` on article text (issue 12), in all three UI languages: list titles and search snippets, the tag tree
// and tag chips, the reader's title and paragraphs, the notes panel and the library-wide notes view each carry
// the lang of the script they are shown in (zh-TW, zh-CN, ja …), never the UI's (a Chinese title in the
// English UI must not read as English).
import type { Locator } from '@playwright/test'
import { expect, test } from './fixtures'
import { ReaderAnnotations } from './pages/ReaderAnnotations'
import { TagsPage } from './pages/TagsPage'

const HUALONG = /華龍區|华龙区/
const LANGUAGES = [
  { id: 'zh-Hans', allNotes: '全部批注' },
  { id: 'en', allNotes: 'All notes' },
  { id: 'zh-Hant', allNotes: '全部批註' }
] as const
const CJK_LANG = /^(zh(-[A-Za-z]+)?|ja)$/

/** The lang attribute each element carries itself (null when it would inherit the UI's). */
const langs = (l: Locator) => l.evaluateAll((els) => els.map((el) => el.getAttribute('lang')))

for (const ui of LANGUAGES) {
  test(`${ui.id} UI: every piece of article text carries its script's lang`, async ({ app, page }) => {
    const anno = new ReaderAnnotations(page)
    const tags = new TagsPage(app)
    await app.openArticle(HUALONG)
    await tags.addInReader('华龙')
    await expect(tags.treeItem('华龙', 1)).toBeVisible()
    await anno.openPanel()
    await anno.highlight('孩童歡樂地嬉笑玩耍', undefined)
    await anno.card('孩童歡樂地嬉笑玩耍').getByRole('button', { name: '添加批注' }).click()
    await anno.panel.locator('textarea').fill('值得引用')
    await page.keyboard.press('Control+Enter')
    await expect(anno.panel.locator('.anno-card__note')).toHaveText('值得引用')
    await app.setLanguage(ui.id)
    await expect(page.locator('html')).toHaveAttribute('lang', ui.id === 'en' ? /^en/ : /^zh/)

    // The reader's own title gives the article's lang; the other places must agree with it.
    const article = await page.locator('.reader__title').getAttribute('lang')
    expect(article).toMatch(CJK_LANG)
    const found: Record<string, (string | null)[]> = {
      'reader body': await langs(page.locator('.reader__body')),
      // Source, author and editor; the dates are UI text and follow the UI language.
      'reader byline names': await langs(page.locator('.reader__byline dd[lang]')),
      'reader tag chip': await langs(page.locator('.tag-editor__chip .chip__text')),
      'notes panel quote': await langs(page.locator('.anno-card__quote')),
      'notes panel note': await langs(page.locator('.anno-card__note')),
      'list titles': await langs(page.locator('.article-row__title')),
      'tag tree': await langs(page.locator('.tag-tree__label'))
    }

    // Search: titles and snippets of the results.
    await app.search.fill('华龙')
    await expect(page.locator('.article-row__snippet').first()).toBeVisible()
    found['search titles'] = await langs(page.locator('.article-row__title'))
    found['search snippets'] = await langs(page.locator('.article-row__snippet'))
    await app.search.fill('')

    // The library-wide notes view.
    await page.locator('.sidebar__item', { hasText: ui.allNotes }).click()
    await expect(page.locator('.notes-view__quote').first()).toBeVisible()
    found['notes view quote'] = await langs(page.locator('.notes-view__quote'))
    found['notes view note'] = await langs(page.locator('.notes-view__note'))

    console.log(`[lang] ${ui.id} UI, article ${article}: ${Object.entries(found).map(([k, v]) => `${k} ${[...new Set(v)].join('/')}`).join('; ')}`)
    for (const [place, values] of Object.entries(found)) {
      expect(values.length, place).toBeGreaterThan(0)
      for (const value of values) expect(value, place).toMatch(CJK_LANG)
    }
    // Text of this article is tagged exactly as the reader tags it.
    for (const place of ['reader body', 'reader byline names', 'notes panel quote', 'notes panel note']) expect(found[place], place).toEqual(found[place]?.map(() => article))
  })
}
