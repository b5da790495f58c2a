// i18n: every catalogue has every key with the same {placeholders}, the generated 繁體 catalogue is up to
// date with its 简体 source, and language helpers behave.
import { describe, expect, it } from 'vitest'
import { CATALOGUES, guessLanguage, interpolate, makeTranslate } from '@renderer/i18n'
import { zhHans } from '@renderer/i18n/zh-Hans'

// Argument names: `{name}` and `{name, plural, …}`, not the branches of a plural (`one {…}`).
const ARGUMENT = /(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{(\w+)(?=[,}])/g
const placeholders = (s: string) => [...new Set([...s.matchAll(ARGUMENT)].map((m) => m[1]))].sort().join()

describe('catalogues', () => {
  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    it(`${language} has exactly the source keys, non-empty, with matching placeholders`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(zhHans).sort())
      for (const [key, value] of Object.entries(zhHans)) {
        const translated = catalogue[key as keyof typeof zhHans]
        expect(translated, key).not.toBe('')
        expect(placeholders(translated), key).toBe(placeholders(value))
      }
    })
  }

  it('the generated zh-Hant catalogue matches a fresh run of scripts/gen-i18n.mjs', async () => {
    // A variable specifier keeps the .mjs generator (Node-only) out of the web typecheck.
    const path = '../../scripts/gen-i18n.mjs'
    const gen = (await import(/* @vite-ignore */ path)) as { generate: () => Promise<string>; readCurrent: () => Promise<string | null> }
    expect(await gen.readCurrent()).toBe(await gen.generate())
  })

  it('zh-Hant is Traditional with Taiwan wording: 导入 becomes 匯入, language names stay endonyms', () => {
    expect(CATALOGUES['zh-Hant']['action.import']).toBe('匯入')
    expect(CATALOGUES['zh-Hant']['lang.zh-Hans']).toBe('简体中文')
  })

  it('zh-Hant reads as Taiwan usage: 發布 (not 釋出), 視窗, 復原, 「」 quotes, no mainland UI words left', () => {
    const zhHant = CATALOGUES['zh-Hant']
    expect(zhHant['list.sort.published']).toBe('發布時間')
    expect(zhHant['reader.published']).toBe('發布')
    expect(zhHant['tags.undo']).toBe('復原')
    expect(zhHant['tags.quoted']).toBe('「{tag}」')
    const mainland = /釋出|窗口|撤銷|文本|回車|導航|高亮|字號|幫助|快捷鍵|匹配|當前|應用後臺|“|”/
    const left = Object.entries(zhHant).filter(([key, value]) => !key.startsWith('lang.') && mainland.test(value))
    console.log(`zh-Hant entries with mainland wording: ${left.length}`)
    expect(left).toEqual([])
  })
})

describe('helpers', () => {
  it('interpolates named placeholders and leaves unknown ones', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}')
    expect(makeTranslate('en')('list.count', { count: 3 })).toBe('3 articles')
  })

  it('picks plural forms with Intl.PluralRules and formats counts in the locale', () => {
    const en = makeTranslate('en')
    const shown = [1, 2, 1234].map((count) => en('list.count', { count }))
    console.log(`en list.count: ${shown.join(' | ')}`)
    expect(shown).toEqual(['1 article', '2 articles', '1,234 articles'])
    expect(en('anno.count', { count: 1 })).toBe('1 highlight')
    expect(en('export.downloaded', { count: 1 })).toBe('Exported 1 file')
    expect(en('export.downloaded', { count: 3 })).toBe('Exported 3 files')
    expect(en('importHistory.confirm', { count: 1 })).toBe('This deletes the article this import added, with its notes.')
    expect(interpolate('{n, plural, =0 {none} one {# x {name}} other {# xs}}', { n: 0, name: 'a' })).toBe('none')
    expect(interpolate('{n, plural, =0 {none} one {# x {name}} other {# xs}}', { n: 1, name: 'a' })).toBe('1 x a')
    expect(makeTranslate('zh-Hans')('list.count', { count: 1234 })).toBe('1,234 篇')
  })

  it('guesses the language from navigator.languages', () => {
    expect(guessLanguage(['zh-TW', 'en'])).toBe('zh-Hant')
    expect(guessLanguage(['zh-Hant-HK'])).toBe('zh-Hant')
    expect(guessLanguage(['zh-CN'])).toBe('zh-Hans')
    expect(guessLanguage(['fr-FR', 'en-GB'])).toBe('en')
    expect(guessLanguage([])).toBe('zh-Hans')
  })
})
