// App-wide settings and host info: loaded once at start, updated optimistically and persisted through
// settings:set (so theme and font size survive a reload). Also applies the theme, the reading direction and
// pinyin to <html data-theme data-writing data-ruby> (read by the stylesheets) in the same step as the state
// change, so layout effects of the next render (the reading position) already measure the new layout.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { DEFAULT_SETTINGS, FONT_SIZE_MAX, FONT_SIZE_MIN, type AppInfo, type Settings, type UiLanguage } from '@shared/types'
import { call, subscribe } from '../../api/client'
import { reportError } from '../../app/toast-store'
import { guessLanguage } from '../../i18n'

export type SettingsPatch = Partial<Pick<Settings, 'uiLanguage' | 'theme' | 'fontSize' | 'lineHeight' | 'script' | 'writing' | 'ruby' | 'colleagueLayers'>>

interface SettingsState {
  settings: Settings
  info: AppInfo | null
  /** The UI language actually in use ('system' resolved through app:info). */
  language: UiLanguage
  loaded: boolean
  update: (patch: SettingsPatch) => void
  changeFontSize: (delta: number | 'reset') => void
}

const SettingsContext = createContext<SettingsState | null>(null)

export function clampFontSize(n: number): number {
  return Math.min(FONT_SIZE_MAX, Math.max(FONT_SIZE_MIN, Math.round(n)))
}

function applyToDocument(s: Settings): void {
  const root = document.documentElement
  root.dataset.theme = s.theme
  // Native form controls and scrollbars follow the theme too.
  root.style.colorScheme = s.theme === 'dark' ? 'dark' : 'light'
  root.dataset.writing = s.writing
  root.dataset.ruby = s.ruby ? 'on' : 'off'
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS)
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [loaded, setLoaded] = useState(false)
  // The latest settings for callbacks that must not re-create on every change (keyboard handlers).
  const latest = useRef(settings)
  const apply = useCallback((next: Settings) => {
    latest.current = next
    applyToDocument(next)
    setSettings(next)
  }, [])
  useLayoutEffect(() => applyToDocument(latest.current), [])
  // Writes are serialised so a quick run of +/+/+ lands in order and the last answer wins.
  const queue = useRef<Promise<unknown>>(Promise.resolve())

  useEffect(() => {
    let alive = true
    Promise.allSettled([call('settings:get', {}), call('app:info', {})]).then(([s, i]) => {
      if (!alive) return
      if (s.status === 'fulfilled') apply(s.value)
      else reportError(s.reason, 'error.action.load')
      if (i.status === 'fulfilled') setInfo(i.value)
      else reportError(i.reason, 'error.action.load')
      setLoaded(true)
    })
    return () => {
      alive = false
    }
  }, [apply])

  // A sync round may bring this member's settings from their other machine. Read after the writes queued
  // here, and adopted only if nothing changed meanwhile (a change made here goes out next and is later).
  useEffect(
    () =>
      subscribe('library:changed', ({ reason }) => {
        if (reason !== 'sync') return
        queue.current = queue.current.then(() => {
          const asked = latest.current
          return call('settings:get', {}).then(
            (s) => {
              if (latest.current === asked) apply(s)
            },
            () => undefined
          )
        })
      }),
    [apply]
  )

  const update = useCallback((patch: SettingsPatch) => {
    const before = latest.current
    const next = { ...before, ...patch }
    apply(next)
    queue.current = queue.current.then(() =>
      call('settings:set', patch).then(
        (saved) => {
          // Only adopt the server's answer if nothing newer was applied meanwhile.
          if (latest.current === next) apply(saved)
        },
        (e: unknown) => {
          reportError(e, 'error.action.settings')
          if (latest.current === next) apply(before)
        }
      )
    )
  }, [apply])

  const changeFontSize = useCallback(
    (delta: number | 'reset') => {
      const current = latest.current.fontSize
      const size = delta === 'reset' ? DEFAULT_SETTINGS.fontSize : clampFontSize(current + delta)
      if (size !== current) update({ fontSize: size })
    },
    [update]
  )

  const language: UiLanguage =
    settings.uiLanguage !== 'system' ? settings.uiLanguage : (info?.systemLanguage ?? guessLanguage(navigator.languages))

  const value = useMemo<SettingsState>(
    () => ({ settings, info, language, loaded, update, changeFontSize }),
    [settings, info, language, loaded, update, changeFontSize]
  )
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
}

export function useSettings(): SettingsState {
  const ctx = useContext(SettingsContext)
  if (!ctx) throw new Error('useSettings outside SettingsProvider')
  return ctx
}
