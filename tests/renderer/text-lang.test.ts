// langForText (issue 12): article and user text carries the lang of the script it is shown in, falls back to
// the article's own script, then to a guess (zh, or ja with kana); text with no CJK follows the UI.
import { describe, expect, it } from 'vitest'
import { langForText } from '@renderer/app/script-loader'

describe('langForText', () => {
  it('tags each kind of text by its shown script, its source, or what it contains', () => {
    const cases: [string, Parameters<typeof langForText>, string | undefined][] = [
      ['converted title', ['華龍區', 'cn', 'tw'], 'zh-CN'],
      ['as stored, Taiwan source', ['華龍區', 'original', 'tw'], 'zh-TW'],
      ['as stored, unknown source', ['政法', 'original', null], 'zh'],
      ['kana, unknown source', ['ニュース速報', 'original'], 'ja'],
      ['Japanese target', ['新聞', 'jp'], 'ja'],
      ['Latin only', ['AI policy', 'cn', 'cn'], undefined]
    ]
    const got = cases.map(([name, args]) => `${name}: ${langForText(...args) ?? '(UI)'}`)
    console.log(`[lang] ${got.join('; ')}`)
    for (const [name, args, want] of cases) expect(langForText(...args), name).toBe(want)
  })
})
