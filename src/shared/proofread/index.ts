// The proofreading engine ("the editor's desk", issue 14): finds what a copy editor of Chinese text would
// mark, as findings with UTF-16 offsets, a suggestion and a rule code. Pure TypeScript (renderer, main, CLI).
//
// What each kind follows:
// - mixed-script: characters that exist in only one script, derived from OpenCC's dictionaries (a character
//   OpenCC converts s2t and never writes in Traditional output is Simplified-only, and vice versa), in copy
//   of the other script; the suggestion is OpenCC's phrase-aware conversion of the surrounding clause.
// - conversion: Traditional characters from a one-to-many family (發/髮, 乾/幹/干, 台/颱/檯 …) that OpenCC's
//   round trip through Simplified, with its phrase tables, writes as another member of the family.
//   Variant pairs (裏/裡, and the accepted 台/臺) are not conversion errors.
// - variant: OpenCC's variant tables (TWVariants, HKVariants, JPShinjitaiCharacters): a form of another
//   standard, taken back to OpenCC standard Traditional and then to the chosen standard.
// - punctuation: GB/T 15834 and Taiwan's punctuation manual: full-width ，；：！？（）in Chinese text,
//   “” for mainland copy and 「」 elsewhere, …… and —— (see typography.ts).
// - spacing: the Chinese copywriting guidelines: a space between CJK and Latin letters or digits, none
//   around full-width punctuation.
// Findings of one kind never overlap; different kinds may (a comma can be both), so apply one kind at a
// time or let applyFindings skip the overlaps.
import { type ChineseEngine, loadChineseEngine } from './chinese'
import { punctuationFindings, spacingFindings } from './typography'
import { FINDING_KINDS, type Finding, type FindingKind, type ProofreadOptions, type Standard } from './types'

export type { Finding, FindingCode, FindingKind, ProofreadOptions, Standard } from './types'
export { FINDING_KINDS } from './types'

let engine: ChineseEngine | null = null
let loading: Promise<void> | null = null

/** Loads and compiles the dictionaries once; afterwards proofreadSync can be used. */
export function loadProofreader(): Promise<void> {
  if (engine) return Promise.resolve()
  if (!loading) {
    loading = loadChineseEngine().then((e) => {
      engine = e
    })
    loading.catch(() => (loading = null))
  }
  return loading
}

/** Proofreads after loadProofreader() has resolved. Findings sorted by start, then by kind order. */
export function proofreadSync(text: string, options: ProofreadOptions): Finding[] {
  if (!engine) throw new Error('proofreadSync: call loadProofreader() first')
  const kinds: readonly FindingKind[] = options.kinds ?? FINDING_KINDS
  const standard: Standard = options.standard === 'twp' ? 'tw' : options.standard
  const out: Finding[] = []
  for (const kind of FINDING_KINDS) {
    if (!kinds.includes(kind)) continue
    if (kind === 'mixed-script') out.push(...engine.mixedScript(text, standard))
    else if (kind === 'conversion') out.push(...engine.conversion(text, standard))
    else if (kind === 'variant') out.push(...engine.variant(text, standard))
    else if (kind === 'punctuation') out.push(...punctuationFindings(text, standard))
    else out.push(...spacingFindings(text))
  }
  const order = (k: FindingKind): number => FINDING_KINDS.indexOf(k)
  return out.sort((a, b) => a.start - b.start || order(a.kind) - order(b.kind) || a.end - b.end)
}

export async function proofread(text: string, options: ProofreadOptions): Promise<Finding[]> {
  await loadProofreader()
  return proofreadSync(text, options)
}

/**
 * The text with the given findings accepted. Findings are applied in order of start; one that overlaps a
 * finding already applied, or whose `text` no longer matches the text at its offsets, is skipped.
 */
export function applyFindings(text: string, findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end)
  const parts: string[] = []
  let at = 0
  for (const f of sorted) {
    if (f.start < at || f.end > text.length || text.slice(f.start, f.end) !== f.text) continue
    parts.push(text.slice(at, f.start), f.suggestion)
    at = f.end
  }
  parts.push(text.slice(at))
  return parts.join('')
}
