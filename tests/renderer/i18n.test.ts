// i18n: every catalogue has every key with the same {placeholders}, the generated 繁體 catalogue is up to
// date with its 简体 source, and language helpers behave.
import { describe, expect, it } from 'vitest'
import { CATALOGUES, guessLanguage, interpolate, makeTranslate } from '@renderer/i18n'
import { zhHans } from '@renderer/i18n/zh-Hans'

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join()

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
})

describe('helpers', () => {
  it('interpolates named placeholders and leaves unknown ones', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}')
    expect(makeTranslate('en')('list.count', { count: 3 })).toBe('3 articles')
  })

  it('guesses the language from navigator.languages', () => {
    expect(guessLanguage(['zh-TW', 'en'])).toBe('zh-Hant')
    expect(guessLanguage(['zh-Hant-HK'])).toBe('zh-Hant')
    expect(guessLanguage(['zh-CN'])).toBe('zh-Hans')
    expect(guessLanguage(['fr-FR', 'en-GB'])).toBe('en')
    expect(guessLanguage([])).toBe('zh-Hans')
  })
})
