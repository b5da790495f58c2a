// Display names of the script targets, in the three UI languages.
import type { ScriptId } from './types'

export interface ScriptLabel {
  /** Simplified Chinese UI. */
  readonly 'zh-Hans': string
  /** Traditional Chinese UI. */
  readonly 'zh-Hant': string
  readonly en: string
}

export const SCRIPT_LABELS: Readonly<Record<ScriptId, ScriptLabel>> = Object.freeze({
  original: { 'zh-Hans': '原文', 'zh-Hant': '原文', en: 'Original' },
  cn: { 'zh-Hans': '简体', 'zh-Hant': '簡體', en: 'Simplified (Mainland)' },
  t: { 'zh-Hans': '繁体', 'zh-Hant': '繁體', en: 'Traditional (OpenCC)' },
  tw: { 'zh-Hans': '台湾正体', 'zh-Hant': '臺灣正體', en: 'Traditional (Taiwan)' },
  twp: { 'zh-Hans': '台湾正体（惯用词）', 'zh-Hant': '臺灣正體（慣用詞）', en: 'Traditional (Taiwan, with phrases)' },
  hk: { 'zh-Hans': '香港繁体', 'zh-Hant': '香港繁體', en: 'Traditional (Hong Kong)' },
  jp: { 'zh-Hans': '日本新字体', 'zh-Hant': '日本新字體', en: 'Japanese Shinjitai' }
})
