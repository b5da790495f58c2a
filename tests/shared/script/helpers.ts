// Shared fixtures for the script tests: the hualong article, corpus articles (or generated text when
// the shared corpus is absent), and an opencc-js oracle built on our patched dictionaries.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as OpenCC from 'opencc-js'
import { ConverterBuilder, type LocalePreset } from 'opencc-js/core'
import * as Preset from 'opencc-js/preset'
import { loadCorpus } from '../../../bench/lib'
import { DICT_NAMES, type DictName, loadDictSource, patchedDictSource } from '@shared/script/dicts'
import type { SourceScript, TargetScript } from '@shared/script/types'

const HUALONG_CANDIDATES = [
  resolve(__dirname, '../../fixtures/opencc/hualong-article.txt'),
  resolve(__dirname, '../../../resources/samples/hualong-article.txt'),
  resolve(__dirname, '../../../../shared/fixtures/hualong-article.txt')
]

export function hualong(): string {
  for (const f of HUALONG_CANDIDATES) if (existsSync(f)) return readFileSync(f, 'utf8')
  throw new Error(`hualong-article.txt not found in ${HUALONG_CANDIDATES.join(', ')}`)
}

let corpusCache: { origin: string; articles: string[] } | null = null
/** Simplified articles: the shared corpus when present, else deterministic generated text. */
export function corpusArticles(): { origin: string; articles: string[] } {
  if (!corpusCache) {
    const c = loadCorpus(400)
    corpusCache = { origin: c.origin, articles: c.articles.map((a) => a.content) }
  }
  return corpusCache
}

// opencc-js builds its tries on every Converter() call, so keep one per pair.
const bareCache = new Map<string, (s: string) => string>()
/** Bare opencc-js (no patches), as shipped. */
export function bareOpenCC(from: SourceScript | 'cn', to: TargetScript): (s: string) => string {
  const key = `${from}>${to}`
  let c = bareCache.get(key)
  if (!c) {
    c = OpenCC.Converter({ from, to })
    bareCache.set(key, c)
  }
  return c
}

/**
 * opencc-js's own engine (ConverterBuilder over its own preset structure) with each dictionary string
 * replaced by our patched version: the whole-text oracle our converters must match byte for byte.
 */
export async function patchedOracleBuilder(): Promise<(from: SourceScript, to: TargetScript) => (s: string) => string> {
  const byText = new Map<string, string>()
  for (const name of DICT_NAMES) {
    const src = await loadDictSource(name)
    byText.set(src, patchedDictSource(name, src))
  }
  const swap = (d: unknown): unknown => {
    if (typeof d === 'string') {
      const p = byText.get(d)
      if (p === undefined) throw new Error('unknown opencc-js dictionary in preset')
      return p
    }
    if (Array.isArray(d)) return d.map(swap)
    return d
  }
  const swapRecord = (r: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, swap(v)]))
  const configs = Object.fromEntries(
    Object.entries(Preset.configs as Record<string, Record<string, unknown>>).map(([k, v]) => [k, swapRecord(v)])
  )
  const preset = { from: swapRecord(Preset.from), to: swapRecord(Preset.to), configs } as unknown as LocalePreset
  const build = ConverterBuilder(preset)
  return (from, to) => build({ from, to })
}

export async function dictSource(name: DictName): Promise<string> {
  return loadDictSource(name)
}

export const FIXED_SOURCES: readonly SourceScript[] = ['cn', 't', 'tw', 'twp', 'hk', 'jp']
export const TARGETS: readonly TargetScript[] = ['cn', 't', 'tw', 'twp', 'hk', 'jp']

/** Every (source, target) pair that is a real conversion (not identity). */
export const PAIRS: ReadonlyArray<[SourceScript, TargetScript]> = FIXED_SOURCES.flatMap((f) =>
  TARGETS.filter((t) => (t as string) !== (f as string)).map((t) => [f, t] as [SourceScript, TargetScript])
)

/** Renders Simplified text in another source script with opencc-js, to get realistic input for that source. */
export function inScript(cnText: string, script: SourceScript): string {
  if (script === 'cn') return cnText
  if (script === 'jp') return bareOpenCC('t', 'jp')(bareOpenCC('cn', 't')(cnText))
  return bareOpenCC('cn', script)(cnText)
}
