// app:*, settings:* and shell:* handlers.
import type { UiLanguage } from '@shared/types'
import { countArticles } from '../../db/repositories/article.repository'
import { getSettings, setSettings } from '../../db/repositories/settings.repository'
import type { ApiHandlers } from '../dispatch'

/** Maps an OS locale (zh-CN, zh-Hant-TW, zh-HK, en-US, …) to one of our UI languages. */
export function uiLanguageFromLocale(locale: string): UiLanguage {
  const l = locale.toLowerCase()
  if (!l.startsWith('zh')) return 'en'
  if (/hant|-tw|-hk|-mo/.test(l)) return 'zh-Hant'
  return 'zh-Hans'
}

export const appHandlers: Pick<ApiHandlers, 'app:info' | 'settings:get' | 'settings:set' | 'shell:openExternal'> = {
  'app:info': (_args, ctx) => ({
    name: 'Marginalia',
    version: ctx.version,
    dbPath: ctx.dbPath,
    systemLanguage: uiLanguageFromLocale(ctx.platform.systemLanguage()),
    articleCount: countArticles(ctx.db),
    host: ctx.platform.host
  }),
  'settings:get': (_args, ctx) => getSettings(ctx.db),
  'settings:set': (args, ctx) => {
    const settings = setSettings(ctx.db, args)
    ctx.onSettingsChanged?.()
    return settings
  },
  'shell:openExternal': async (args, ctx) => ({ opened: await ctx.platform.openExternal(args.url) })
}
