// Script-insensitive, length-preserving text folding for the search index, duplicate hashes and tag identity.
// Kept apart from the converters: it is synchronous (tables are bundled, built on first call) and
// only the modules that search or hash need to import it.
import TSCharacters from 'opencc-js/dict/TSCharacters'
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev'
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev'
import CJKCompat from 'opencc-js/dict/CJK_Compatibility_Ideographs'
import { decodeUnits, parsePairs } from './codeunits'

interface FoldTables {
  /** BMP code unit → folded code unit (identity where nothing applies). */
  bmp: Uint16Array
  /** Astral code point → folded astral code point (only pairs that keep the UTF-16 length). */
  astral: Map<number, number>
}

let tables: FoldTables | null = null

function singleCodePoint(s: string): number | undefined {
  const cp = s.codePointAt(0)
  if (cp === undefined) return undefined
  return s.length === (cp > 0xffff ? 2 : 1) ? cp : undefined
}

function buildTables(): FoldTables {
  // Character-level maps only (phrases would change lengths).
  const load = (source: string): Map<number, number> => {
    const m = new Map<number, number>()
    for (const [k, v] of parsePairs(source)) {
      const a = singleCodePoint(k)
      const b = singleCodePoint(v)
      // Only mappings that keep the UTF-16 length: the fold must stay offset-compatible.
      if (a === undefined || b === undefined || (a > 0xffff) !== (b > 0xffff)) continue
      if (!m.has(a)) m.set(a, b)
    }
    return m
  }
  const ts = load(TSCharacters)
  // Taiwan / Hong Kong variant forms → OpenCC standard Traditional; Taiwan first where both list a char.
  const variants = load(TWVariantsRev)
  for (const [k, v] of load(HKVariantsRev)) if (!variants.has(k)) variants.set(k, v)
  const compat = load(CJKCompat)

  const tsChain = (cp: number): number => {
    let cur = cp
    for (let i = 0; i < 8; i++) {
      const next = ts.get(cur)
      if (next === undefined || next === cur) break
      cur = next
    }
    return cur
  }
  // Traditional→Simplified wins; a variant map is only followed when T→S does not know the char,
  // and its result is then simplified too (裡 → 裏 → 里). Variant maps also list characters that are
  // ordinary Simplified (吃 → 喫, 台 → 臺); simplifying the result brings those straight back.
  const resolve = (cp: number): number => {
    const x = compat.get(cp) ?? cp
    if (ts.has(x)) return tsChain(x)
    const v = variants.get(x)
    if (v !== undefined) return tsChain(v)
    return x
  }

  const bmp = new Uint16Array(0x10000)
  for (let c = 0; c < 0x10000; c++) bmp[c] = c
  const astral = new Map<number, number>()
  const keys = new Set<number>([...ts.keys(), ...variants.keys(), ...compat.keys()])
  for (const cp of keys) {
    const to = resolve(cp)
    if (to === cp || (cp > 0xffff) !== (to > 0xffff)) continue
    if (cp <= 0xffff) bmp[cp] = to
    else astral.set(cp, to)
  }
  // Close the table so the fold is idempotent (fold(fold(x)) === fold(x)).
  for (let round = 0; round < 4; round++) {
    let changed = false
    for (let c = 0; c < 0x10000; c++) {
      const once = bmp[c] as number
      const twice = bmp[once] as number
      if (twice !== once) {
        bmp[c] = twice
        changed = true
      }
    }
    for (const [k, v] of astral) {
      const w = astral.get(v)
      if (w !== undefined && w !== v) {
        astral.set(k, w)
        changed = true
      }
    }
    if (!changed) break
  }
  // Full-width ASCII (！…～) → ASCII, ideographic space → space.
  for (let c = 0xff01; c <= 0xff5e; c++) bmp[c] = c - 0xfee0
  bmp[0x3000] = 0x20
  // Lower-case Latin (ASCII, Latin-1, Latin Extended-A/B, Latin Extended Additional) where it is one unit to one unit.
  for (let c = 0; c < 0x10000; c++) {
    const v = bmp[c] as number
    if (!((v >= 0x41 && v <= 0x5a) || (v >= 0xc0 && v <= 0x24f) || (v >= 0x1e00 && v <= 0x1eff))) continue
    const lower = String.fromCharCode(v).toLowerCase()
    if (lower.length === 1) bmp[c] = lower.charCodeAt(0)
  }
  return { bmp, astral }
}

function getTables(): FoldTables {
  if (!tables) tables = buildTables()
  return tables
}

let scratch = new Uint16Array(1024)

/**
 * Folds text for script-insensitive comparison: Traditional / Taiwan / Hong Kong character variants →
 * Simplified, full-width ASCII → ASCII, Latin → lower case. Character for character: the result has
 * exactly the same UTF-16 length, so an offset in the folded text is the same offset in the input.
 */
export function foldForSearch(text: string): string {
  const n = text.length
  if (n === 0) return ''
  const { bmp, astral } = getTables()
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2))
  const out = scratch
  let changed = false
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1)
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000
        const m = astral.get(cp)
        if (m !== undefined) {
          out[i] = 0xd800 + ((m - 0x10000) >> 10)
          out[i + 1] = 0xdc00 + ((m - 0x10000) & 0x3ff)
          changed = true
        } else {
          out[i] = c
          out[i + 1] = lo
        }
        i++
        continue
      }
    }
    const f = bmp[c] as number
    if (f !== c) changed = true
    out[i] = f
  }
  return changed ? decodeUnits(out, n) : text
}

/** Folds one BMP code unit (used by the offset maps to recognise character-for-character phrases). */
export function foldCodeUnit(c: number): number {
  return getTables().bmp[c] as number
}
