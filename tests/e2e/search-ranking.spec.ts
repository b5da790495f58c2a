// A one-character search is ranked, not listed by date (issue 12): articles with the character in their
// title come first, then the others by how often it occurs. Real text: the seeded samples and a news article
// from tests/fixtures, plus one real body saved under a title that holds 龍 once (its body has none), imported
// last so that date order would put it and the other new import first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { NEWS_TXT, TagsPage } from './pages/TagsPage'

const DRAGON = /[龍龙]/

test('龍: title hits first (the newest import included), then body hits; titles marked', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-rank-'))
  try {
    // The 托福 article's body has no 龍; under this title it is a title-only hit.
    const body = readFileSync(NEWS_TXT[0] as string, 'utf8').split('\n').slice(1).join('\n')
    expect(body).not.toMatch(DRAGON)
    const titleOnly = join(dir, '巡龍記.txt')
    writeFileSync(titleOnly, `巡龍記\n\n${body}`)
    const tags = new TagsPage(app)
    // 带中国处方药 mentions 龙 once in its body; it is imported with the title-only article, so both are newest.
    await tags.importFiles([NEWS_TXT[1] as string, titleOnly])

    await app.search.fill('龍')
    // The three samples, 带中国处方药 and 巡龍記 minus 维密超模 (no 龍): four hits once the search applies.
    await expect(app.options).toHaveCount(4)
    const titles = await app.options.locator('.article-row__title').allInnerTexts()
    console.log(`[rank] 龍: ${titles.join(' > ')}`)
    const inTitle = titles.map((t) => DRAGON.test(t))
    // Every title hit comes before every body-only hit.
    expect(inTitle.indexOf(false)).toBe(inTitle.filter(Boolean).length)
    expect(titles.filter((t) => DRAGON.test(t))).toHaveLength(2)
    expect(titles.slice(0, 2).some((t) => t.includes('巡龍記'))).toBe(true)
    await expect(app.options.first().locator('.article-row__title mark').first()).toHaveText(DRAGON)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
