// Lazy access to @shared/script (OpenCC dictionaries are large): the module is imported on first use so the
// first paint never waits for it, and converters are cached per (target, source) pair.
import { useMemo } from 'react'
import { scriptLang, type OffsetMap } from '@shared/script/types'
import type { ScriptId, SourceScript } from '@shared/types'
import { useApiCall } from '../hooks/use-api-call'

/** The part of @shared/script's converter the renderer uses. */
export interface DisplayConverter {
  convert(text: string): string
  /** The converted text plus the offset map between it and `text` (the highlight layer needs both). */
  convertWithMap(text: string): { text: string; map: OffsetMap }
}

type From = SourceScript | 'auto'

interface ScriptModule {
  loadConverter(to: ScriptId, from?: From): Promise<DisplayConverter>
}

let modulePromise: Promise<ScriptModule> | null = null
const converters = new Map<string, Promise<DisplayConverter>>()

function loadModule(): Promise<ScriptModule> {
  modulePromise ??= import('@shared/script').then((m) => m as unknown as ScriptModule)
  return modulePromise
}

export function getConverter(to: ScriptId, from: From = 'auto'): Promise<DisplayConverter> {
  const key = `${to}|${from}`
  let p = converters.get(key)
  if (!p) {
    p = loadModule().then((m) => m.loadConverter(to, from))
    // A failed load must not poison the cache: the next attempt retries.
    p.catch(() => converters.delete(key))
    converters.set(key, p)
  }
  return p
}

export type ConverterState =
  | { status: 'identity' }
  | { status: 'loading' }
  | { status: 'ready'; converter: DisplayConverter }
  | { status: 'error'; error: unknown }

const IDENTITY: ConverterState = { status: 'identity' }
const LOADING: ConverterState = { status: 'loading' }

/**
 * Converter for `to` (null or 'original' means show the text as stored). The state object stays the same
 * between renders until it changes, so it can be a memo dependency. Failures are the caller's to report.
 */
export function useConverter(to: ScriptId | null, from: From = 'auto'): ConverterState {
  const target = to && to !== 'original' ? to : null
  const { data, error, loading } = useApiCall(target ? () => getConverter(target, from) : null, [target, from], { quiet: true })
  return useMemo<ConverterState>(() => {
    if (!target) return IDENTITY
    if (loading || (!data && error === null)) return LOADING
    return error !== null ? { status: 'error', error } : { status: 'ready', converter: data as DisplayConverter }
  }, [target, loading, data, error])
}

/** BCP 47 tag for text shown in `script` (or stored in `source` when shown as is). */
export function langForScript(shown: ScriptId, source: SourceScript | null | undefined): string | undefined {
  const id = shown === 'original' ? source : shown
  return (id && scriptLang(id)) || undefined
}

const KANA = /[\u3041-\u30fa]/
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\u{20000}-\u{3134f}]/u

/** Whether `text` has a Han character or kana (text without any follows the UI's lang). */
export function hasCjk(text: string): boolean {
  return HAN.test(text) || KANA.test(text)
}

/**
 * `lang` for one piece of article or user text (a title, a snippet, a tag name, a note) shown in `shown`:
 * the script's tag, else the article's own script, else `zh` (or `ja` with kana) for text shown as stored
 * whose script is unknown. Undefined for text without a Han character or kana, which follows the UI's lang.
 */
export function langForText(text: string, shown: ScriptId, source?: SourceScript | null): string | undefined {
  if (!hasCjk(text)) return undefined
  return langForScript(shown, source) ?? (KANA.test(text) ? 'ja' : 'zh')
}
