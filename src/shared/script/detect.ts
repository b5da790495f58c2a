// Detects the script an article is written in, at import time (synchronous, character counting).
// Simplified vs Traditional comes from opencc-js's character tables; Japanese from kana and
// shinjitai-only kanji; Taiwan / Hong Kong only from a few unambiguous regional character forms.
import STCharacters from 'opencc-js/dict/STCharacters'
import TSCharacters from 'opencc-js/dict/TSCharacters'
import JPShinjitaiCharacters from 'opencc-js/dict/JPShinjitaiCharacters'
import type { SourceScript } from './types'
import { parsePairs } from './codeunits'

// Regional markers. Most real-world Traditional text (and machine-converted text such as
// hualong-article.txt) already uses the "common" forms 為 眾 群 線 臺, so those say nothing about the
// region; only forms that one region uses and the others (and OpenCC's standard) do not are counted.
// Taiwan: 裡 (std/HK 裏), 麵 (麪), 汙 (污), 洩 (泄).
const TW_MARKERS = '裡麵汙洩'
// Hong Kong: the HK glyph standard forms 説 綫 衞 閲 鋭 蜕 揾 枱 (std 說 線 衛 閱 銳 蛻 搵 檯).
const HK_MARKERS = '説綫衞閲鋭蜕揾枱'

// Per-character classes in the lookup table (0 = says nothing).
const Kind = { Simplified: 1, Traditional: 2, Japanese: 3, TwMarker: 4, HkMarker: 5 } as const

let kinds: Uint8Array | null = null

function buildKinds(): Uint8Array {
  const k = new Uint8Array(0x10000)
  const st = parsePairs(STCharacters)
  const ts = parsePairs(TSCharacters)
  const stKeys = new Set<string>()
  const tsKeys = new Set<string>()
  const chinese = new Set<string>()
  for (const [a, b] of st) if (a !== b) stKeys.add(a)
  for (const [a, b] of ts) if (a !== b) tsKeys.add(a)
  for (const [a, b] of [...st, ...ts]) {
    chinese.add(a)
    chinese.add(b)
  }
  const bmp = (s: string): number => (s.length === 1 ? s.charCodeAt(0) : -1)
  // Simplified-only: changes under s2t and is not itself a Traditional character that simplifies.
  for (const c of stKeys) if (!tsKeys.has(c) && bmp(c) >= 0) k[bmp(c)] = Kind.Simplified
  // Traditional-only: changes under t2s and is not itself a Simplified character that changes under s2t.
  for (const c of tsKeys) if (!stKeys.has(c) && bmp(c) >= 0) k[bmp(c)] = Kind.Traditional
  // Shinjitai-only kanji (歴 仮 駅 …): Japanese forms that neither Chinese table knows.
  for (const [a] of parsePairs(JPShinjitaiCharacters)) {
    if (!chinese.has(a) && bmp(a) >= 0) k[bmp(a)] = Kind.Japanese
  }
  for (const c of TW_MARKERS) k[c.charCodeAt(0)] = Kind.TwMarker
  for (const c of HK_MARKERS) k[c.charCodeAt(0)] = Kind.HkMarker
  return k
}

/**
 * The script of `text`: 'jp' when kana make up a tenth of the CJK characters (or shinjitai-only kanji
 * dominate), else Simplified ('cn') vs Traditional by counting characters that exist in only one of
 * them; Traditional is 'tw' or 'hk' only when that region's own character forms are present, otherwise
 * OpenCC standard Traditional ('t'). Text with no evidence at all is taken as 'cn'.
 */
export function detectScript(text: string): SourceScript {
  if (!kinds) kinds = buildKinds()
  const k = kinds
  let simp = 0
  let trad = 0
  let jpOnly = 0
  let tw = 0
  let hk = 0
  let kana = 0
  let han = 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x3040) continue
    if (c <= 0x30ff) {
      // Hiragana and katakana, but not the middle dot / prolonged sound mark Chinese text borrows.
      if (c !== 0x30fb && c !== 0x30fc) kana++
      continue
    }
    if (c >= 0x4e00 && c <= 0x9fff) han++
    switch (k[c]) {
      case Kind.Simplified:
        simp++
        break
      case Kind.Traditional:
        trad++
        break
      case Kind.Japanese:
        jpOnly++
        break
      case Kind.TwMarker:
        trad++
        tw++
        break
      case Kind.HkMarker:
        trad++
        hk++
        break
    }
  }
  if (kana > 0 && kana * 10 >= han + kana) return 'jp'
  if (jpOnly >= 2 && jpOnly > simp && jpOnly > trad) return 'jp'
  if (simp >= trad) return 'cn'
  if (hk > tw) return 'hk'
  if (tw > hk) return 'tw'
  return 't'
}
