// Detects the script an article is written in, at import time (synchronous, character counting).
// Simplified vs Traditional comes from opencc-js's character tables; Japanese from kana and
// shinjitai-only kanji; Taiwan / Hong Kong from a few unambiguous regional character forms; Taiwan
// vocabulary ('twp') from the Taiwan terms of OpenCC's TWPhrasesRev.
import STCharacters from 'opencc-js/dict/STCharacters'
import TSCharacters from 'opencc-js/dict/TSCharacters'
import JPShinjitaiCharacters from 'opencc-js/dict/JPShinjitaiCharacters'
import TWPhrases from 'opencc-js/dict/TWPhrases'
import TWPhrasesRev from 'opencc-js/dict/TWPhrasesRev'
import type { SourceScript } from './types'
import { parsePairs } from './codeunits'
import { foldForSearch } from './fold'

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

// Taiwan terms of TWPhrasesRev that are also everyday mainland words (执行, 核心, 资料, 影片 …): each
// is in at least 3 of the 2,352 tuning articles of the shared corpus (its even-numbered Simplified
// articles; the odd ones are kept for measuring, see tests/shared/script/detect-twp.test.ts), so
// they say nothing about Taiwan.
const MAINLAND_TOO = new Set(
  (
    '互動 伊利諾 使用者 停用 儲存 列舉 即時 呼叫 啟用 埠 執行 多工 字首 ' +
    '宣告 尼日 序列 建立 影像 影片 心肌梗塞 憂鬱症 截圖 拉羅 指標 搜尋 ' +
    '擷取 支援 效能 整合 文件 新增 智慧 查德 查詢 核心 檔案 登出 社群 ' +
    '程序 程式 線上 聯絡 自閉症 行程 裝置 複製 觸控 訊息 設定 變數 貼上 ' +
    '資料 資訊 載入 通訊 連線 進階 釋出 錄影 開啟 類比'
  ).split(' ')
)

/** Folded phrase → +1 (Taiwan term), -1 (mainland term), 0 (neither: only blocks shorter matches). */
interface Vocabulary {
  byFirst: Map<number, Array<[string, number]>>
}
let vocabulary: Vocabulary | null = null

function buildVocabulary(): Vocabulary {
  const weight = new Map<string, number>()
  // Terms are compared folded, so 裡/裏 and Simplified forms of the same word are one term.
  const add = (source: string, sign: number, skip: ReadonlySet<string>): void => {
    for (const [k, v] of parsePairs(source)) {
      const fk = foldForSearch(k)
      const w = fk === foldForSearch(v) || skip.has(k) ? 0 : sign
      // A word that is a term on both sides (TWPhrases and TWPhrasesRev) counts for neither.
      const prev = weight.get(fk)
      weight.set(fk, prev === undefined ? w : prev === w ? w : 0)
    }
  }
  add(TWPhrasesRev, 1, MAINLAND_TOO)
  add(TWPhrases, -1, new Set())
  const byFirst = new Map<number, Array<[string, number]>>()
  for (const [k, w] of weight) {
    const c = k.charCodeAt(0)
    let list = byFirst.get(c)
    if (!list) byFirst.set(c, (list = []))
    list.push([k, w])
  }
  for (const list of byFirst.values()) list.sort((a, b) => b[0].length - a[0].length)
  return { byFirst }
}

/** The Taiwan and the mainland terms in `text` (longest match over the folded text, as they appear in it). */
export function taiwanVocabulary(text: string): { taiwan: string[]; mainland: string[] } {
  if (!vocabulary) vocabulary = buildVocabulary()
  const { byFirst } = vocabulary
  const folded = foldForSearch(text)
  const taiwan: string[] = []
  const mainland: string[] = []
  const n = folded.length
  for (let i = 0; i < n; ) {
    const list = byFirst.get(folded.charCodeAt(i))
    let step = 1
    if (list) {
      for (const [k, w] of list) {
        if (folded.startsWith(k, i)) {
          if (w > 0) taiwan.push(text.slice(i, i + k.length))
          else if (w < 0) mainland.push(text.slice(i, i + k.length))
          step = k.length
          break
        }
      }
    }
    i += step
  }
  return { taiwan, mainland }
}

/**
 * The script of `text`: 'jp' when kana make up a tenth of the CJK characters (or shinjitai-only kanji
 * dominate), else Simplified ('cn') vs Traditional by counting characters that exist in only one of
 * them; Traditional is 'hk' when Hong Kong forms outnumber Taiwan ones, 'twp' when it uses Taiwan
 * vocabulary (two different Taiwan terms, more Taiwan terms than mainland ones: 軟體, 計程車, 網路 …), else 'tw'
 * or 't' by the regional character forms. Text with no evidence at all is taken as 'cn'.
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
  const vocab = taiwanVocabulary(text)
  // Two different terms: one word repeated (網咖 ×6 in a mainland story) is a quotation, not usage.
  if (new Set(vocab.taiwan).size >= 2 && vocab.taiwan.length > vocab.mainland.length) return 'twp'
  if (tw > hk) return 'tw'
  return 't'
}
