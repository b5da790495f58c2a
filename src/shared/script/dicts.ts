// Which opencc-js dictionaries each conversion uses, and how to load them lazily.
// The pipeline table mirrors opencc-js 1.4.2's preset (configs / from / to) so our engine reproduces
// `OpenCC.Converter({ from, to })` exactly; a test checks the table against opencc-js's own preset.
import type { SourceScript, TargetScript } from './types'
import { DICT_PATCHES } from './patches'

export type DictName =
  | 'CJK_Compatibility_Ideographs'
  | 'HKPhrases'
  | 'HKPhrasesRev'
  | 'HKVariants'
  | 'HKVariantsPhrases'
  | 'HKVariantsRev'
  | 'HKVariantsRevPhrases'
  | 'JPShinjitaiCharacters'
  | 'JPShinjitaiCharactersRev'
  | 'JPShinjitaiPhrases'
  | 'STCharacters'
  | 'STPhrases'
  | 'STPhrases_GeneratedFromRegionalPhrases'
  | 'TSCharacters'
  | 'TSPhrases'
  | 'TWPhrases'
  | 'TWPhrasesRev'
  | 'TWVariants'
  | 'TWVariantsPhrases'
  | 'TWVariantsRev'
  | 'TWVariantsRevPhrases'

type DictModule = { default: string }

// One static import() per dictionary so bundlers emit one lazy chunk each: converting cn→tw never
// downloads the Japanese tables, and nothing is parsed before the first conversion is requested.
const LOADERS: Record<DictName, () => Promise<DictModule>> = {
  CJK_Compatibility_Ideographs: () => import('opencc-js/dict/CJK_Compatibility_Ideographs'),
  HKPhrases: () => import('opencc-js/dict/HKPhrases'),
  HKPhrasesRev: () => import('opencc-js/dict/HKPhrasesRev'),
  HKVariants: () => import('opencc-js/dict/HKVariants'),
  HKVariantsPhrases: () => import('opencc-js/dict/HKVariantsPhrases'),
  HKVariantsRev: () => import('opencc-js/dict/HKVariantsRev'),
  HKVariantsRevPhrases: () => import('opencc-js/dict/HKVariantsRevPhrases'),
  JPShinjitaiCharacters: () => import('opencc-js/dict/JPShinjitaiCharacters'),
  JPShinjitaiCharactersRev: () => import('opencc-js/dict/JPShinjitaiCharactersRev'),
  JPShinjitaiPhrases: () => import('opencc-js/dict/JPShinjitaiPhrases'),
  STCharacters: () => import('opencc-js/dict/STCharacters'),
  STPhrases: () => import('opencc-js/dict/STPhrases'),
  STPhrases_GeneratedFromRegionalPhrases: () => import('opencc-js/dict/STPhrases_GeneratedFromRegionalPhrases'),
  TSCharacters: () => import('opencc-js/dict/TSCharacters'),
  TSPhrases: () => import('opencc-js/dict/TSPhrases'),
  TWPhrases: () => import('opencc-js/dict/TWPhrases'),
  TWPhrasesRev: () => import('opencc-js/dict/TWPhrasesRev'),
  TWVariants: () => import('opencc-js/dict/TWVariants'),
  TWVariantsPhrases: () => import('opencc-js/dict/TWVariantsPhrases'),
  TWVariantsRev: () => import('opencc-js/dict/TWVariantsRev'),
  TWVariantsRevPhrases: () => import('opencc-js/dict/TWVariantsRevPhrases')
}

export const DICT_NAMES = Object.keys(LOADERS) as DictName[]

/** A dictionary group: matched as one trie; on duplicate keys the earlier dictionary wins (as in opencc-js). */
export type DictGroup = readonly DictName[]

/**
 * One conversion, in opencc-js's terms:
 * - `normalize`: groups run over the whole text first (CJK compatibility ideographs → unified);
 * - `segmentation`: if set, the text is cut by longest match over this group (unmatched runs form one
 *   segment each) and every `chain` group then converts each segment on its own, so no phrase of a
 *   later stage can span two segments;
 * - `chain`: groups applied one after another (over the whole text when there is no segmentation).
 */
export interface Pipeline {
  readonly name: string
  readonly normalize: readonly DictGroup[]
  readonly segmentation: DictGroup | null
  readonly chain: readonly DictGroup[]
}

const NORMALIZE: readonly DictGroup[] = [['CJK_Compatibility_Ideographs']]
const ST: DictGroup = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases', 'STCharacters']
const ST_SEG: DictGroup = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases']
const TS: DictGroup = ['TSPhrases', 'TSCharacters']

// opencc-js 1.4.2 preset `configs` (dist/esm-lib/preset/full.js). Only the ones reachable from our
// (source, target) pairs are listed; hk2sp / s2hkp are not offered (there is no `hkp` script).
const CONFIGS: Record<string, Omit<Pipeline, 'name'>> = {
  hk2s: { normalize: NORMALIZE, segmentation: ['TSPhrases'], chain: [['HKVariantsRevPhrases', 'HKVariantsRev'], TS] },
  hk2t: { normalize: NORMALIZE, segmentation: null, chain: [['HKVariantsRevPhrases', 'HKVariantsRev']] },
  jp2t: { normalize: NORMALIZE, segmentation: null, chain: [['JPShinjitaiPhrases', 'JPShinjitaiCharacters']] },
  s2hk: { normalize: NORMALIZE, segmentation: ST_SEG, chain: [ST, ['HKVariantsPhrases', 'HKVariants']] },
  s2t: { normalize: NORMALIZE, segmentation: null, chain: [ST] },
  s2tw: { normalize: NORMALIZE, segmentation: ST_SEG, chain: [ST, ['TWVariantsPhrases', 'TWVariants']] },
  s2twp: { normalize: NORMALIZE, segmentation: ST_SEG, chain: [ST, ['TWPhrases', 'TWVariantsPhrases', 'TWVariants']] },
  t2hk: { normalize: NORMALIZE, segmentation: null, chain: [['HKVariantsPhrases', 'HKVariants']] },
  t2jp: { normalize: NORMALIZE, segmentation: null, chain: [['JPShinjitaiCharactersRev']] },
  t2s: { normalize: NORMALIZE, segmentation: null, chain: [TS] },
  t2tw: { normalize: NORMALIZE, segmentation: null, chain: [['TWVariantsPhrases', 'TWVariants']] },
  tw2s: { normalize: NORMALIZE, segmentation: ['TSPhrases'], chain: [['TWVariantsRevPhrases', 'TWVariantsRev'], TS] },
  tw2sp: {
    normalize: NORMALIZE,
    segmentation: ['TSPhrases'],
    chain: [['TWPhrasesRev', 'TWVariantsRevPhrases', 'TWVariantsRev'], TS]
  },
  tw2t: { normalize: NORMALIZE, segmentation: null, chain: [['TWVariantsRevPhrases', 'TWVariantsRev']] }
}

// opencc-js preset `from` / `to`, used when no config exists for a pair (e.g. cn→jp, tw→hk): the
// text goes source → OpenCC standard Traditional → target, one plain pass per group.
const FROM: Record<Exclude<SourceScript, 't'>, readonly DictGroup[]> = {
  cn: [['STPhrases', 'STCharacters']],
  hk: [['HKVariantsRevPhrases', 'HKVariantsRev']],
  tw: [['TWVariantsRevPhrases', 'TWVariantsRev']],
  twp: [['TWPhrasesRev', 'TWVariantsRevPhrases', 'TWVariantsRev']],
  jp: [['JPShinjitaiPhrases', 'JPShinjitaiCharacters']]
}
const TO: Record<Exclude<TargetScript, 't'>, readonly DictGroup[]> = {
  cn: [['TSPhrases', 'TSCharacters']],
  hk: [['HKVariantsPhrases', 'HKVariants']],
  tw: [['TWVariantsPhrases', 'TWVariants']],
  twp: [['TWPhrases'], ['TWVariantsPhrases', 'TWVariants']],
  jp: [['JPShinjitaiCharactersRev']]
}

/** opencc-js's ConverterBuilder naming: cn is "s", `x2cn` is `x2s`, and twp→cn is `tw2sp`. */
export function configName(from: SourceScript, to: TargetScript): string {
  if (from === 'cn') return `s2${to}`
  if (to === 'cn') return from === 'twp' ? 'tw2sp' : `${from}2s`
  return `${from}2${to}`
}

/**
 * The pipeline for one (source, target) pair, or null when the pair is the identity.
 * Our script ids are opencc-js locale ids, so every pair is exactly `OpenCC.Converter({ from, to })`:
 * e.g. t→cn is t2s, tw→cn is tw2s (variant characters only: Taiwan vocabulary is kept), twp→cn is
 * tw2sp (Taiwan vocabulary rewritten to mainland usage: 軟體 → 软件), cn→tw is s2tw, tw→hk goes via
 * standard Traditional (tw2t then t2hk), twp→tw is twp→t then t→tw, cn→jp via s2t then t2jp.
 */
export function pipelineFor(from: SourceScript, to: TargetScript): Pipeline | null {
  // Same script: opencc-js would round-trip through standard Traditional (lossy), so do nothing.
  if ((from as string) === (to as string)) return null
  const name = configName(from, to)
  const config = CONFIGS[name]
  if (config) return { name, ...config }
  const chain: DictGroup[] = []
  if (from !== 't') chain.push(...FROM[from])
  if (to !== 't') chain.push(...TO[to])
  return { name, normalize: [], segmentation: null, chain }
}

/** Every dictionary a pipeline needs. */
export function pipelineDicts(p: Pipeline): DictName[] {
  const set = new Set<DictName>()
  for (const g of p.normalize) for (const d of g) set.add(d)
  if (p.segmentation) for (const d of p.segmentation) set.add(d)
  for (const g of p.chain) for (const d of g) set.add(d)
  return [...set]
}

const sourceCache = new Map<DictName, Promise<string>>()

/** The raw opencc-js dictionary text ("k v|k v|…"), loaded once on first use. */
export function loadDictSource(name: DictName): Promise<string> {
  let p = sourceCache.get(name)
  if (!p) {
    p = LOADERS[name]().then((m) => m.default)
    sourceCache.set(name, p)
  }
  return p
}

/**
 * Parses an opencc-js dictionary string into [key, value] pairs, in file order, with our patches
 * applied: removed keys are dropped and patch entries are appended (so they override, exactly as a
 * later line overrides an earlier one in opencc-js's Trie.loadDict).
 */
export function parseDict(name: DictName, source: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const patches = DICT_PATCHES[name]
  const removed = new Set<string>()
  if (patches) for (const p of patches) if (p.to === null) removed.add(p.from)
  if (source.length > 0) {
    for (const line of source.split('|')) {
      const parts = line.split(' ')
      const k = parts[0]
      const v = parts[1]
      if (k === undefined || v === undefined || k.length === 0) continue
      if (removed.has(k)) continue
      out.push([k, v])
    }
  }
  if (patches) for (const p of patches) if (p.to !== null) out.push([p.from, p.to])
  return out
}

/** The dictionary text with our patches applied, in opencc-js's own format (used to build test oracles). */
export function patchedDictSource(name: DictName, source: string): string {
  return parseDict(name, source)
    .map(([k, v]) => `${k} ${v}`)
    .join('|')
}
