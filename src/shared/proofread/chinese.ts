// The script-level kinds (mixed-script, conversion, variant), found with OpenCC's own converters: the text
// is run through a chain of conversions with offset maps, and characters are compared where the chain
// maps them one to one.
import type { ScriptConverter, OffsetMap } from '../script/types'
import { loadConverter } from '../script/converter'
import { isVariantPair, loadCharTables, Script } from './tables'
import type { Finding, FindingCode, Standard } from './types'

/** A text converted through several converters, with the map of every stage. */
interface Chain {
  readonly out: string
  readonly maps: readonly OffsetMap[]
}

/** [start, end) in the text → its range in the chain's output (widened to whole phrases). */
function forward(chain: Chain, start: number, end: number): [number, number] {
  let r: [number, number] = [start, end]
  for (const m of chain.maps) r = m.toViewRange(r[0], r[1])
  return r
}

function backward(chain: Chain, start: number, end: number): [number, number] {
  let r: [number, number] = [start, end]
  for (let k = chain.maps.length - 1; k >= 0; k--) r = (chain.maps[k] as OffsetMap).toStoredRange(r[0], r[1])
  return r
}

/**
 * The smallest span around [start, end) that the chain converts as a whole, with its output: a phrase
 * that converts as one unit (方便面 → 泡麵) is replaced whole, never cut.
 */
function wholeSpan(chain: Chain, start: number, end: number): { start: number; end: number; out: string } {
  let s = start
  let e = end
  for (let guard = 0; guard < 8; guard++) {
    const [vs, ve] = forward(chain, s, e)
    const [s2, e2] = backward(chain, vs, ve)
    if (s2 >= s && e2 <= e) return { start: s, end: e, out: chain.out.slice(vs, ve) }
    s = Math.min(s, s2)
    e = Math.max(e, e2)
  }
  const [vs, ve] = forward(chain, s, e)
  return { start: s, end: e, out: chain.out.slice(vs, ve) }
}

/**
 * Where text[i] is after each stage of the chain, or null when a stage does not map it one to one. A
 * phrase of the same length on both sides maps character by character (了解 → 瞭解), even where the
 * offset map keeps it whole because its characters do not fold together.
 */
function mappedOffsets(chain: Chain, i: number): number[] | null {
  const at: number[] = []
  let p = i
  for (const m of chain.maps) {
    const [va, vb] = m.toViewRange(p, p + 1)
    if (vb - va !== 1) {
      const [sa, sb] = m.toStoredRange(va, vb)
      if (sb - sa !== vb - va || p < sa || p >= sb) return null
      p = va + (p - sa)
    } else p = va
    at.push(p)
  }
  return at
}

/** Runs the converters in turn; `stages[k]` is the text after converter k (the last is `chain.out`). */
function runStages(converters: readonly ScriptConverter[], text: string): { chain: Chain; stages: string[] } {
  const stages: string[] = []
  let cur = text
  const maps: OffsetMap[] = []
  for (const c of converters) {
    const r = c.convertWithMap(cur)
    maps.push(r.map)
    cur = r.text
    stages.push(cur)
  }
  return { chain: { out: cur, maps }, stages }
}

const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)

const TRADITIONAL = new Set<Standard>(['t', 'tw', 'hk'])

export interface ChineseEngine {
  mixedScript(text: string, standard: Standard): Finding[]
  conversion(text: string, standard: Standard): Finding[]
  variant(text: string, standard: Standard): Finding[]
}

interface Converters {
  /** Repairs script mixing with phrase context: into Simplified for cn, round trip via Simplified otherwise. */
  fix: readonly ScriptConverter[]
  /** Regional forms → OpenCC standard Traditional → the standard's forms (empty for cn). */
  variants: readonly ScriptConverter[]
}

async function convertersFor(standard: Standard): Promise<Converters> {
  const c = loadConverter
  if (standard === 'cn') return { fix: [await c('cn', 't')], variants: [] }
  if (standard === 'jp') return { fix: [await c('jp', 'cn')], variants: [await c('t', 'tw'), await c('t', 'hk'), await c('jp', 't')] }
  const toStd = [await c('t', 'tw'), await c('t', 'hk')]
  return {
    fix: [await c('cn', standard), await c(standard, 'cn')],
    variants: standard === 't' ? toStd : [...toStd, await c(standard, 't')]
  }
}

const MIXED: Record<Standard, { code: FindingCode; message: string }> = {
  cn: { code: 'mixed-script.traditional-in-simplified', message: 'Traditional characters in Simplified copy' },
  t: { code: 'mixed-script.simplified-in-traditional', message: 'Simplified characters in Traditional copy' },
  tw: { code: 'mixed-script.simplified-in-traditional', message: 'Simplified characters in Traditional copy' },
  hk: { code: 'mixed-script.simplified-in-traditional', message: 'Simplified characters in Traditional copy' },
  jp: { code: 'mixed-script.chinese-in-japanese', message: 'Simplified Chinese characters in Japanese copy' }
}

export async function loadChineseEngine(): Promise<ChineseEngine> {
  const tables = await loadCharTables()
  const standards: Standard[] = ['cn', 't', 'tw', 'hk', 'jp']
  const list = await Promise.all(standards.map(convertersFor))
  const converters = new Map(standards.map((s, i) => [s, list[i] as Converters]))
  const of = (s: Standard): Converters => converters.get(s) as Converters
  const { script, families, oneToMany, shinjitai, variantPairs, jpPairs } = tables

  // A regional form of a member counts as the member (裡 for 裏 in Taiwan copy).
  const inFamily = (family: ReadonlySet<number>, c: number): boolean => {
    if (family.has(c)) return true
    for (const x of family) if (isVariantPair(variantPairs, x, c)) return true
    return false
  }
  const isForeign = (standard: Standard, c: number): boolean => {
    const k = script[c]
    if (standard === 'cn') return k === Script.TraditionalOnly
    if (standard === 'jp') return k === Script.SimplifiedOnly && shinjitai[c] === 0
    return k === Script.SimplifiedOnly
  }
  const isNative = (standard: Standard, c: number): boolean => {
    const k = script[c]
    return standard === 'cn' ? k === Script.SimplifiedOnly : k === Script.TraditionalOnly
  }

  return {

    // Characters of the other script, judged within each clause: neighbouring foreign characters with
    // only script-neutral Han characters between them are one finding (华龙 → 華龍), so the suggestion
    // is converted with its phrase context; a native character, punctuation or a line ends a finding.
    mixedScript(text, standard) {
      const n = text.length
      let any = false
      for (let i = 0; i < n && !any; i++) any = isForeign(standard, text.charCodeAt(i))
      if (!any) return []
      const { chain } = runStages(of(standard).fix, text)
      const { code, message } = MIXED[standard]
      const out: Finding[] = []
      let i = 0
      while (i < n) {
        if (!isForeign(standard, text.charCodeAt(i))) {
          i++
          continue
        }
        let last = i
        let j = i + 1
        while (j < n) {
          const c = text.charCodeAt(j)
          if (!isHan(c) || isNative(standard, c)) break
          if (isForeign(standard, c)) last = j
          j++
        }
        const span = wholeSpan(chain, i, last + 1)
        const prev = out[out.length - 1]
        if (prev && span.start < prev.end) {
          // A phrase reached back into the previous finding: make them one.
          const merged = wholeSpan(chain, prev.start, span.end)
          out[out.length - 1] = { ...prev, end: merged.end, text: text.slice(prev.start, merged.end), suggestion: merged.out }
        } else if (span.out !== text.slice(span.start, span.end)) {
          out.push({ kind: 'mixed-script', code, start: span.start, end: span.end, text: text.slice(span.start, span.end), suggestion: span.out, message })
        }
        i = Math.max(last + 1, span.end)
      }
      return out
    },

    // A Traditional character whose Simplified form has several Traditional forms (发 → 發 / 髮) and
    // which OpenCC, converting the round trip through Simplified back with its phrase tables, writes as
    // another member of that family (不斷髮酵 → 不斷發酵). Pairs that are mere variants of each other
    // (裏 / 裡) are left to the variant kind.
    conversion(text, standard) {
      if (!TRADITIONAL.has(standard)) return []
      const n = text.length
      let run: { chain: Chain; stages: string[] } | null = null
      const out: Finding[] = []
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i)
        if (oneToMany[c] === 0) continue
        run ??= runStages(of(standard).fix, text)
        const at = mappedOffsets(run.chain, i)
        if (!at) continue
        const d = run.chain.out.charCodeAt(at[1] as number)
        if (d === c || isVariantPair(variantPairs, c, d)) continue
        const family = families.get((run.stages[0] as string).charCodeAt(at[0] as number))
        if (!family || !inFamily(family, c) || !inFamily(family, d)) continue
        const ch = String.fromCharCode(d)
        out.push({
          kind: 'conversion',
          code: 'conversion.one-to-many',
          start: i,
          end: i + 1,
          text: text[i] as string,
          suggestion: ch,
          message: `Likely mis-converted: ${ch} is the form used in this word`
        })
      }
      return out
    },

    // Variant forms of another standard (綫 in Taiwan copy, 裡 in OpenCC standard copy, 國 in Japanese):
    // every regional form is taken back to OpenCC standard Traditional, then to the chosen standard.
    variant(text, standard) {
      const convs = of(standard).variants
      if (convs.length === 0) return []
      const { chain, stages } = runStages(convs, text)
      if (chain.out === text) return []
      const pairs = standard === 'jp' ? [variantPairs, jpPairs] : [variantPairs]
      const isPair = (a: number, b: number): boolean => pairs.some((p) => isVariantPair(p, a, b))
      const out: Finding[] = []
      const n = text.length
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i)
        if (!isHan(c) || isForeign(standard, c)) continue
        const at = mappedOffsets(chain, i)
        if (!at) continue
        const d = chain.out.charCodeAt(at[at.length - 1] as number)
        if (d === c || !isHan(d)) continue
        // Every stage that changed the character must be a listed variant substitution (綫 → 線 → 线 is
        // not); otherwise it is a conversion matter, not a variant one.
        let prev = c
        let ok = true
        for (let k = 0; k < at.length && ok; k++) {
          const x = (stages[k] as string).charCodeAt(at[k] as number)
          if (x !== prev) ok = isPair(prev, x)
          prev = x
        }
        if (!ok) continue
        const ch = String.fromCharCode(d)
        out.push({
          kind: 'variant',
          code: 'variant.standard-form',
          start: i,
          end: i + 1,
          text: text[i] as string,
          suggestion: ch,
          message: `Variant form: this standard writes ${ch}`
        })
      }
      return out
    }
  }
}
