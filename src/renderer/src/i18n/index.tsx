// UI language: picks the catalogue (简体 source, generated 繁體, English), interpolates {placeholders}, and
// keeps <html lang> in step so the browser picks the right CJK glyphs for the chrome as well.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'
import { SCRIPT_LABELS } from '@shared/script/labels'
import type { ScriptId, UiLanguage } from '@shared/types'
import { en } from './en'
import { zhHans, type Catalogue, type MessageKey } from './zh-Hans'
import { zhHant } from './zh-Hant.generated'

export type { MessageKey }

export const CATALOGUES: Record<UiLanguage, Catalogue> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en }

/** BCP 47 tag for <html lang>. */
export const HTML_LANG: Record<UiLanguage, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en' }

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/**
 * Fills a message: `{name}` takes a parameter (numbers are formatted in the locale), and the ICU plural form
 * `{count, plural, =0 {none} one {# article} other {# articles}}` picks a branch with Intl.PluralRules, `#`
 * standing for the formatted count. Unknown names are left as written.
 */
export function interpolate(template: string, params?: Record<string, string | number>, locale = 'en'): string {
  if (!params) return template
  const numbers = new Intl.NumberFormat(locale)
  const plurals = new Intl.PluralRules(locale)
  const show = (v: string | number) => (typeof v === 'number' ? numbers.format(v) : v)
  const fill = (text: string, count: string | number | null): string => {
    let out = ''
    let i = 0
    while (i < text.length) {
      const c = text[i] ?? ''
      if (c === '#' && count !== null) {
        out += show(count)
        i++
        continue
      }
      if (c !== '{') {
        out += c
        i++
        continue
      }
      const end = matchingBrace(text, i)
      if (end < 0) {
        out += text.slice(i)
        break
      }
      out += argument(text.slice(i + 1, end), text.slice(i, end + 1))
      i = end + 1
    }
    return out
  }
  const argument = (inner: string, whole: string): string => {
    const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(inner)
    const name = plural ? plural[1] : inner.trim()
    if (!name || !Object.prototype.hasOwnProperty.call(params, name)) return whole
    const value = params[name] as string | number
    if (!plural) return /^\w+$/.test(inner) ? show(value) : whole
    const branches = pluralBranches(inner.slice(plural[0].length))
    const n = typeof value === 'number' ? value : Number(value)
    const branch = branches.get(`=${n}`) ?? branches.get(plurals.select(n)) ?? branches.get('other') ?? ''
    return fill(branch, value)
  }
  return fill(template, null)
}

function matchingBrace(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

/** `one {…} other {…}` → selector → branch text. */
function pluralBranches(spec: string): Map<string, string> {
  const branches = new Map<string, string>()
  const selector = /\s*(=?\w+)\s*\{/y
  let at = 0
  for (;;) {
    selector.lastIndex = at
    const m = selector.exec(spec)
    if (!m?.[1]) break
    const open = at + m[0].length - 1
    const close = matchingBrace(spec, open)
    if (close < 0) break
    branches.set(m[1], spec.slice(open + 1, close))
    at = close + 1
  }
  return branches
}

export function makeTranslate(language: UiLanguage): Translate {
  const catalogue = CATALOGUES[language]
  return (key, params) => interpolate(catalogue[key], params, HTML_LANG[language])
}

/** Best guess before app:info answers (and in tests without a bridge): the browser's language list. */
export function guessLanguage(languages: readonly string[]): UiLanguage {
  for (const raw of languages) {
    const tag = raw.toLowerCase()
    if (tag.startsWith('zh')) {
      return /hant|-tw|-hk|-mo/.test(tag) ? 'zh-Hant' : 'zh-Hans'
    }
    if (tag.startsWith('en')) return 'en'
  }
  return 'zh-Hans'
}

interface I18n {
  language: UiLanguage
  t: Translate
  /** A calendar date in the UI locale (2024年3月1日, Mar 1, 2024). */
  formatDate: (iso: string | null | undefined) => string
  /** Date and time of day, for events (imports). */
  formatDateTime: (iso: string | null | undefined) => string
  /** Joins names with the locale's list rules (A、B和C; A, B, and C). */
  formatList: (items: readonly string[]) => string
  formatBytes: (n: number) => string
  /** Display name of a script target in the UI language (labels shared with the CLI via @shared/script). */
  scriptLabel: (id: ScriptId) => string
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ language, children }: { language: UiLanguage; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const locale = HTML_LANG[language]
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' })
    const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
    const formatWith = (format: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
      if (!iso) return ''
      const d = new Date(iso)
      return Number.isNaN(d.getTime()) ? iso : format.format(d)
    }
    return {
      language,
      t: makeTranslate(language),
      scriptLabel: (id) => SCRIPT_LABELS[id][language],
      formatDate: formatWith(dateFormat),
      formatDateTime: formatWith(dateTimeFormat),
      formatList: (items) => listFormat.format(items),
      formatBytes: (n) => {
        const units = ['B', 'KB', 'MB', 'GB']
        let v = n
        let u = 0
        while (v >= 1024 && u < units.length - 1) {
          v /= 1024
          u++
        }
        return `${numberFormat.format(v)} ${units[u]}`
      }
    }
  }, [language])

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[language]
    document.title = value.t('app.name')
  }, [language, value])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
