// The normalised projection anchoring compares in (pure TS). Two versions of one article differ in ways
// that are not edits of the words: the cleaned text drops pinyin glued after characters ("區(qū)"), image
// placeholders ("【資料圖】") and reflows whitespace; a re-import may be in the other script. Removing those
// and folding the rest makes both versions the same string, and `map` leads each normalised character
// back to its offset in the real text.

export interface NormalizedText {
  /** The normalised string. */
  readonly text: string
  /** map[i] = offset in the original text of normalised character i (strictly increasing). */
  readonly map: Int32Array
  /** Length of the original text. */
  readonly sourceLength: number
}

export interface NormalizeOptions {
  /**
   * Character-for-character fold (same UTF-16 length), e.g. `foldForSearch` from @shared/script, which
   * makes Traditional and Simplified compare equal. Without it only full-width ASCII and Latin case fold.
   */
  fold?: (text: string) => string
}

// Glued pinyin after a Han character (same shape the importer's cleanup removes), lower-case only so
// that a real parenthesised acronym such as "(APP)" stays.
const GLOSS = /(?<=\p{Script=Han})[(（][a-zü\u00e0-\u00ff\u0100-\u024f\u1e3f]{1,7}[)）]/gu
const PLACEHOLDER =
  /【(?:資料圖|资料图|資料圖片|资料图片|圖片|图片|組圖|组图|視頻|视频|配圖|配图|圖|图|視頻截圖|视频截图)(?:[：:][^】]{0,30})?】|\[(?:圖片|图片|視頻|视频)\]/g
const SPACE = /\s/

function basicFold(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0
  else if (code === 0x3000) return 0x20
  if (code >= 0x41 && code <= 0x5a) return code + 32
  return code
}

/** Builds the normalised projection of `text`. */
export function normalizeText(text: string, options: NormalizeOptions = {}): NormalizedText {
  const n = text.length
  const drop = new Uint8Array(n)
  for (const re of [GLOSS, PLACEHOLDER]) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) drop.fill(1, m.index, m.index + m[0].length)
  }
  let folded = text
  if (options.fold) {
    const f = options.fold(text)
    if (f.length === n) folded = f
  }
  const map = new Int32Array(n)
  const units: number[] = []
  let out = ''
  let len = 0
  for (let i = 0; i < n; i++) {
    if (drop[i]) continue
    const ch = folded.charCodeAt(i)
    if (ch <= 0x20 || ch === 0x3000 || ch === 0xa0 || (ch > 0x7f && ch < 0x3001 && SPACE.test(folded[i] as string))) continue
    units.push(basicFold(ch))
    map[len++] = i
    // Build the string in chunks: String.fromCharCode with huge argument lists overflows the stack.
    if (units.length === 4096) {
      out += String.fromCharCode(...units)
      units.length = 0
    }
  }
  out += String.fromCharCode(...units)
  return { text: out, map: map.slice(0, len), sourceLength: n }
}

/** First normalised index whose source offset is >= `offset` (binary search). */
export function toNormalized(norm: NormalizedText, offset: number): number {
  let lo = 0
  let hi = norm.map.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((norm.map[mid] as number) < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The source range covered by normalised characters [start, end). */
export function toSource(norm: NormalizedText, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = start < norm.map.length ? (norm.map[start] as number) : norm.sourceLength
    return [at, at]
  }
  return [norm.map[start] as number, (norm.map[end - 1] as number) + 1]
}
