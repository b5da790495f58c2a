// Character classes derived from OpenCC's own dictionaries (the copies opencc-js ships, with our patches).
// Nothing here is a hand-made character list except ACCEPTED_VARIANTS, which says why for each pair.
import { type DictName, loadDictSource, parseDict } from '../script/dicts'

export const Script = { Neutral: 0, SimplifiedOnly: 1, TraditionalOnly: 2 } as const

export interface CharTables {
  /** Per BMP code unit: a Script value. */
  readonly script: Uint8Array
  /** Simplified character → its Traditional forms, where there are several (发 → 發 髮; 了 → 了 瞭). */
  readonly families: ReadonlyMap<number, ReadonlySet<number>>
  /** Per BMP code unit: 1 when it is a Traditional form in one of those families, or a regional form of one. */
  readonly oneToMany: Uint8Array
  /** Per BMP code unit: 1 for Japanese shinjitai forms (国 is Simplified and also good Japanese). */
  readonly shinjitai: Uint8Array
  /** Unordered pairs of Chinese variant forms (裏/裡, 綫/線), not different words: a * 0x10000 + b. */
  readonly variantPairs: ReadonlySet<number>
  /** Unordered pairs of a Japanese shinjitai and its kyujitai form (国/國). */
  readonly jpPairs: ReadonlySet<number>
}

// Pairs OpenCC converts to one form although both are accepted in Traditional copy, so disagreeing
// with OpenCC there is a house-style choice, not a conversion error. 台 is the common form of 臺 in
// 台灣 / 台北 (Taiwan's Ministry of Education lists it as 臺's accepted variant); 颱 and 檯 stay distinct.
const ACCEPTED_VARIANTS: ReadonlyArray<readonly [string, string]> = [['台', '臺']]

// Character and phrase variant tables of Taiwan and Hong Kong; a phrase entry of the same length pairs its
// differing characters (上梁 → 上樑 pairs 梁/樑).
const VARIANT_DICTS: readonly DictName[] = [
  'TWVariants',
  'TWVariantsRev',
  'TWVariantsPhrases',
  'TWVariantsRevPhrases',
  'HKVariants',
  'HKVariantsRev',
  'HKVariantsPhrases',
  'HKVariantsRevPhrases'
]

const bmp = (s: string): number => (s.length === 1 ? s.charCodeAt(0) : -1)
const pairKey = (a: number, b: number): number => (a < b ? a * 0x10000 + b : b * 0x10000 + a)

export function isVariantPair(pairs: ReadonlySet<number>, a: number, b: number): boolean {
  return pairs.has(pairKey(a, b))
}

function addPairs(pairs: Set<number>, dict: ReadonlyArray<readonly [string, string]>): void {
  for (const [k, v] of dict) {
    if (k.length !== v.length) continue
    for (let i = 0; i < k.length; i++) {
      const a = k.charCodeAt(i)
      const b = v.charCodeAt(i)
      if (a !== b) pairs.add(pairKey(a, b))
    }
  }
}

async function parsed(name: DictName): Promise<Array<[string, string]>> {
  return parseDict(name, await loadDictSource(name))
}

async function build(): Promise<CharTables> {
  const [st, stPhrases, stRegional, ts, tsPhrases, jp, ...variantDicts] = await Promise.all(
    (
      ['STCharacters', 'STPhrases', 'STPhrases_GeneratedFromRegionalPhrases', 'TSCharacters', 'TSPhrases', 'JPShinjitaiCharacters', ...VARIANT_DICTS] as DictName[]
    ).map(parsed)
  )
  // A character is a Traditional form when OpenCC ever writes it in Traditional output (干 in 干擾, 后 in
  // 皇后) or reads it as Traditional input; likewise for Simplified. Phrases count: opencc-js keeps
  // only the first candidate per character, so the phrase tables are where the other uses show.
  const tradForms = new Uint8Array(0x10000)
  const simpForms = new Uint8Array(0x10000)
  const mark = (set: Uint8Array, s: string): void => {
    for (let i = 0; i < s.length; i++) set[s.charCodeAt(i)] = 1
  }
  for (const [k, v] of st!) {
    mark(simpForms, k)
    mark(tradForms, v)
  }
  for (const [k, v] of [...stPhrases!, ...stRegional!]) {
    mark(simpForms, k)
    mark(tradForms, v)
  }
  for (const [k, v] of ts!) {
    mark(tradForms, k)
    mark(simpForms, v)
  }
  for (const [k, v] of tsPhrases!) {
    mark(tradForms, k)
    mark(simpForms, v)
  }
  for (const d of variantDicts) for (const [k, v] of d) mark(tradForms, k + v)

  const script = new Uint8Array(0x10000)
  for (const [k, v] of st!) {
    const c = bmp(k)
    if (c >= 0 && k !== v && tradForms[c] === 0) script[c] = Script.SimplifiedOnly
  }
  for (const [k, v] of ts!) {
    const c = bmp(k)
    if (c >= 0 && k !== v && simpForms[c] === 0) script[c] = Script.TraditionalOnly
  }
  // The Traditional forms OpenCC's s2t can write for each Simplified character: STCharacters' default and
  // every form its phrase tables write for it (了解 → 瞭解 adds 瞭 to 了). A mis-conversion is a converter
  // picking the wrong one of these; a form s2t never writes (黃霑's 霑, 査) is a choice, not an error.
  const all = new Map<number, Set<number>>()
  const add = (simp: number, trad: number): void => {
    if (script[trad] === Script.SimplifiedOnly) return
    let set = all.get(simp)
    if (!set) all.set(simp, (set = new Set()))
    set.add(trad)
  }
  for (const [k, v] of st!) if (bmp(k) >= 0 && bmp(v) >= 0) add(bmp(k), bmp(v))
  for (const [k, v] of [...stPhrases!, ...stRegional!]) {
    if (k.length === v.length) for (let i = 0; i < k.length; i++) add(k.charCodeAt(i), v.charCodeAt(i))
  }
  const families = new Map<number, ReadonlySet<number>>()
  const oneToMany = new Uint8Array(0x10000)
  for (const [simp, set] of all) {
    if (set.size < 2) continue
    families.set(simp, set)
    for (const c of set) oneToMany[c] = 1
  }

  const shinjitai = new Uint8Array(0x10000)
  for (const [k] of jp!) {
    const c = bmp(k)
    if (c >= 0) shinjitai[c] = 1
  }
  const variantPairs = new Set<number>()
  for (const d of [...variantDicts, ACCEPTED_VARIANTS]) addPairs(variantPairs, d)
  // Regional forms of family members are candidates too (裡 for 裏, 麵 for 麪).
  for (const key of variantPairs) {
    const a = Math.floor(key / 0x10000)
    const b = key % 0x10000
    if (oneToMany[a] === 1 || oneToMany[b] === 1) oneToMany[a] = oneToMany[b] = 1
  }
  const jpPairs = new Set<number>()
  addPairs(jpPairs, jp!)
  return { script, families, oneToMany, shinjitai, variantPairs, jpPairs }
}

let tables: Promise<CharTables> | null = null

/** The tables, built once from the dictionaries on first call. */
export function loadCharTables(): Promise<CharTables> {
  if (!tables) {
    tables = build()
    // A failed dictionary load must not poison the cache.
    tables.catch(() => (tables = null))
  }
  return tables
}
