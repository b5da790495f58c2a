// Script-conversion types shared by the renderer and the main process.
// Kept free of conversion code so importing them never pulls a dictionary into a bundle.

/** A display name in each UI language. */
export interface ScriptLabel {
  /** Simplified Chinese UI. */
  readonly 'zh-Hans': string
  /** Traditional Chinese UI. */
  readonly 'zh-Hant': string
  readonly en: string
}

/**
 * THE list of script targets, in menu order, with their display names in the three UI languages. The
 * types, the zod enum, the CLI choices and help, and the menu are all derived from it. How to add one: add
 * its entry here (`source: true` when articles can be detected or declared as written in it, `lang` the
 * BCP 47 tag of text shown in it) and its
 * dictionaries in dicts.ts.
 */
export const SCRIPTS = [
  { id: 'original', source: false, lang: null, label: { 'zh-Hans': '原文', 'zh-Hant': '原文', en: 'Original' } },
  { id: 'cn', source: true, lang: 'zh-CN', label: { 'zh-Hans': '简体', 'zh-Hant': '簡體', en: 'Simplified (Mainland)' } },
  { id: 't', source: true, lang: 'zh-Hant', label: { 'zh-Hans': '繁体', 'zh-Hant': '繁體', en: 'Traditional (OpenCC)' } },
  { id: 'tw', source: true, lang: 'zh-TW', label: { 'zh-Hans': '台湾正体', 'zh-Hant': '臺灣正體', en: 'Traditional (Taiwan)' } },
  {
    id: 'twp',
    source: true,
    lang: 'zh-TW',
    label: { 'zh-Hans': '台湾正体（惯用词）', 'zh-Hant': '臺灣正體（慣用詞）', en: 'Traditional (Taiwan, with phrases)' }
  },
  { id: 'hk', source: true, lang: 'zh-HK', label: { 'zh-Hans': '香港繁体', 'zh-Hant': '香港繁體', en: 'Traditional (Hong Kong)' } },
  { id: 'jp', source: true, lang: 'ja', label: { 'zh-Hans': '日本新字体', 'zh-Hant': '日本新字體', en: 'Japanese Shinjitai' } }
] as const satisfies readonly { id: string; source: boolean; lang: string | null; label: ScriptLabel }[]

type ScriptEntry = (typeof SCRIPTS)[number]

/** Display targets. 'original' shows the stored text untouched. */
export type ScriptId = ScriptEntry['id']

/** Script an article is detected or declared to be written in. */
export type SourceScript = Extract<ScriptEntry, { source: true }>['id']

/** Every real conversion target (ScriptId without 'original'). */
export type TargetScript = Exclude<ScriptId, 'original'>

/** BCP 47 tag of text in this script (null for 'original': the article's own script decides). */
export function scriptLang(id: ScriptId): string | null {
  return SCRIPTS.find((s) => s.id === id)?.lang ?? null
}

export const SCRIPT_IDS: readonly ScriptId[] = Object.freeze(SCRIPTS.map((s) => s.id))

export const SOURCE_SCRIPTS: readonly SourceScript[] = Object.freeze(
  SCRIPTS.filter((s): s is Extract<ScriptEntry, { source: true }> => s.source).map((s) => s.id)
)

/**
 * Maps offsets (UTF-16 code units) between the stored text and one converted view of it.
 *
 * The conversion is cut into aligned segments (see offset-map.ts for the exact rules). Offsets on a
 * segment boundary map exactly and round-trip. An offset strictly inside an atomic segment (a phrase
 * whose characters do not correspond one to one) maps to the start of that segment; range helpers
 * widen to the whole segment (start floors, end ceils) so a mapped range always covers every phrase
 * it touches.
 */
export interface OffsetMap {
  readonly storedLength: number
  readonly viewLength: number
  toView(storedOffset: number): number
  toStored(viewOffset: number): number
  toViewRange(start: number, end: number): [number, number]
  toStoredRange(start: number, end: number): [number, number]
}

export interface ScriptConverter {
  readonly from: SourceScript | 'auto'
  readonly to: ScriptId
  convert(text: string): string
  convertWithMap(text: string): { text: string; map: OffsetMap }
}
