// dictionary:lookup, main process: a selection's pinyin read by word (pinyin-pro, on its Simplified form,
// whose word list is the richer one), its forms in every script (our OpenCC converters), and its CC-CEDICT
// entries: the whole selection when it is a word, else its words found by longest match.
import { pinyin } from 'pinyin-pro'
import { loadConverter, SCRIPTS, type ScriptConverter, type TargetScript } from '@shared/script'
import type { DictionaryEntry, DictionaryLookup } from '@shared/types'
import { loadCedict, toEntry, type Cedict } from './cedict'

/** At most this many entries are returned (a selection of a paragraph is split into many words). */
const MAX_ENTRIES = 40

const TARGETS = SCRIPTS.map((s) => s.id).filter((id): id is TargetScript => id !== 'original')

let converters: Promise<Map<TargetScript, ScriptConverter>> | null = null
function loadConverters(): Promise<Map<TargetScript, ScriptConverter>> {
  converters ??= Promise.all(TARGETS.map((to) => loadConverter(to, 'auto'))).then((list) => new Map(TARGETS.map((to, i) => [to, list[i] as ScriptConverter])))
  return converters
}

/**
 * Words of `text` by longest match, left to right: at each position the longest dictionary key starting
 * there, tried in the text as written and in its Simplified form (Taiwan or Japanese variants such as 裡
 * or 国 are keyed only in their mainland or OpenCC form). Characters no entry starts with are skipped.
 */
export function longestMatch(dict: Cedict, text: string, simplified: string): string[] {
  const aligned = simplified.length === text.length
  const words: string[] = []
  let i = 0
  while (i < text.length) {
    let found = 0
    let word = ''
    for (let len = Math.min(dict.maxKeyLength, text.length - i); len > 0; len--) {
      const written = text.slice(i, i + len)
      const simple = aligned ? simplified.slice(i, i + len) : written
      if (dict.get(written)) word = written
      else if (dict.get(simple)) word = simple
      else continue
      found = len
      break
    }
    if (found === 0) {
      i += 1
      continue
    }
    words.push(word)
    i += found
  }
  return words
}

export async function lookup(input: string): Promise<DictionaryLookup> {
  const text = input.trim()
  const [dict, byScript] = await Promise.all([loadCedict(), loadConverters()])
  const simplified = (byScript.get('cn') as ScriptConverter).convert(text)
  const words = dict.get(text) || dict.get(simplified) ? [dict.get(text) ? text : simplified] : longestMatch(dict, text, simplified)
  const entries: DictionaryEntry[] = []
  const seen = new Set<string>()
  for (const word of words) {
    for (const e of dict.get(word) ?? []) {
      const key = `${e.traditional}|${e.simplified}|${e.pinyin}`
      if (seen.has(key)) continue
      seen.add(key)
      if (entries.length < MAX_ENTRIES) entries.push(toEntry(e))
    }
  }
  return {
    text,
    pinyin: pinyin(simplified, { type: 'array', toneType: 'symbol', nonZh: 'removed' }).join(' '),
    forms: TARGETS.map((script) => ({ script, text: (byScript.get(script) as ScriptConverter).convert(text) })),
    entries
  }
}
