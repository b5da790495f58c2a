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

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole
  )
}

export function makeTranslate(language: UiLanguage): Translate {
  const catalogue = CATALOGUES[language]
  return (key, params) => interpolate(catalogue[key], params)
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
  formatDate: (iso: string | null | undefined) => string
  formatBytes: (n: number) => string
  /** Display name of a script target in the UI language (labels shared with the CLI via @shared/script). */
  scriptLabel: (id: ScriptId) => string
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ language, children }: { language: UiLanguage; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const dateFormat = new Intl.DateTimeFormat(HTML_LANG[language], { year: 'numeric', month: '2-digit', day: '2-digit' })
    const numberFormat = new Intl.NumberFormat(HTML_LANG[language], { maximumFractionDigits: 1 })
    return {
      language,
      t: makeTranslate(language),
      scriptLabel: (id) => SCRIPT_LABELS[id][language],
      formatDate: (iso) => {
        if (!iso) return ''
        const d = new Date(iso)
        return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d)
      },
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
