// Creating and re-anchoring highlights on plain text (pure TS, both processes), after the W3C Web
// Annotation selectors and the Hypothesis strategy: trust the stored position only if the quote is still
// there, then the exact quote disambiguated by its context, then the quote in a normalised projection of
// both texts (cleanup toggled, other script), then approximate matching with a bounded edit distance.
import { approxSearch, editDistance, searchCost } from './approx'
import { normalizeText, toNormalized, toSource, type NormalizedText, type NormalizeOptions } from './normalize'
import type { AnchoredRange, TextQuoteSelector, TextSelectors } from './types'

export const CONTEXT_LENGTH = 32
/** Share of a quote's (normalised) characters that may differ in an approximate match. */
export const MAX_ERROR_RATE = 0.25
/** Work bound of one approximate search (characters × 32-character pattern blocks). */
export const DEFAULT_MAX_COST = 40_000_000

/** Selectors for text[start, end). Offsets are clamped to the text and never split a surrogate pair. */
export function describeRange(text: string, start: number, end: number, contextLength = CONTEXT_LENGTH): TextSelectors {
  let s = Math.max(0, Math.min(start, text.length))
  let e = Math.max(s, Math.min(end, text.length))
  if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) s--
  if (e < text.length && isLowSurrogate(text.charCodeAt(e)) && isHighSurrogate(text.charCodeAt(e - 1))) e++
  let ps = Math.max(0, s - contextLength)
  if (ps > 0 && isLowSurrogate(text.charCodeAt(ps))) ps--
  let se = Math.min(text.length, e + contextLength)
  if (se < text.length && isLowSurrogate(text.charCodeAt(se))) se++
  return {
    position: { type: 'TextPositionSelector', start: s, end: e },
    quote: { type: 'TextQuoteSelector', exact: text.slice(s, e), prefix: text.slice(ps, s), suffix: text.slice(e, se) }
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

/** A text prepared once for anchoring many highlights (the normalised projection is built lazily). */
export class AnchorTarget {
  private normalized: NormalizedText | null = null
  constructor(
    readonly text: string,
    readonly options: NormalizeOptions = {}
  ) {}
  get norm(): NormalizedText {
    if (!this.normalized) this.normalized = normalizeText(this.text, this.options)
    return this.normalized
  }
  /**
   * Normalises a quote together with its context, so that a quote cutting a glued gloss ("區(q" + "ū)")
   * is read as the reader sees it ("區"), then splits the result back into prefix, exact and suffix.
   */
  normalizeQuote(quote: Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>): { prefix: string; exact: string; suffix: string } {
    const whole = normalizeText(quote.prefix + quote.exact + quote.suffix, this.options)
    const a = toNormalized(whole, quote.prefix.length)
    const b = toNormalized(whole, quote.prefix.length + quote.exact.length)
    return { prefix: whole.text.slice(0, a), exact: whole.text.slice(a, b), suffix: whole.text.slice(b) }
  }
}

export interface AnchorSelectors {
  quote: Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>
  /** Trusted position: used as is when the quote is still there. Omit when it refers to another text. */
  position?: { start: number; end: number }
}

export interface AnchorOptions extends NormalizeOptions {
  /** Where the highlight is expected (an offset in this text), used only to break ties. */
  hint?: number
  /** Work bound for the approximate search; beyond it only a window around the hint is searched. */
  maxCost?: number
}

/**
 * Finds the highlight described by `selectors` in `target`, or null (an orphan). Accepts a plain string
 * or an AnchorTarget (reuse one when anchoring many highlights on the same text).
 */
export function anchor(target: string | AnchorTarget, selectors: AnchorSelectors, options: AnchorOptions = {}): AnchoredRange | null {
  const t = typeof target === 'string' ? new AnchorTarget(target, options.fold ? { fold: options.fold } : {}) : target
  const text = t.text
  const { exact, prefix, suffix } = selectors.quote
  if (exact.length === 0) return null
  const pos = selectors.position
  const hint = options.hint ?? pos?.start

  // 1. The stored position, if the quote is still exactly there.
  if (pos && pos.end - pos.start === exact.length && text.startsWith(exact, pos.start)) {
    return { start: pos.start, end: pos.end, method: 'position', score: 1 }
  }

  // 2. The exact quote, when it is unambiguous: one occurrence, or one whose context clearly agrees.
  const hits = occurrences(text, exact, 5000)
  const parts = (prefix ? 1 : 0) + (suffix ? 1 : 0)
  if (hits.length > 0) {
    const best = pickByContext(text, hits, exact.length, prefix, suffix, hint)
    if (contextAgrees(best.context, parts, hits.length)) return { start: best.at, end: best.at + exact.length, method: 'quote', score: best.score }
  }

  // 3. The quote in the normalised projection (pinyin glosses, placeholders, whitespace, script). The
  // exact hits are among these candidates too; context compared without the noise decides.
  const norm = t.norm
  const { prefix: np, exact: nq, suffix: ns } = t.normalizeQuote(selectors.quote)
  if (nq.length === 0) {
    if (hits.length === 0) return null
    const best = pickByContext(text, hits, exact.length, prefix, suffix, hint)
    return { start: best.at, end: best.at + exact.length, method: 'quote', score: best.score }
  }
  const nHint = hint === undefined ? undefined : toNormalized(norm, hint)
  const nHits = occurrences(norm.text, nq, 5000)
  // Like step 2, a normalised hit is taken only when its context agrees: the same words elsewhere with a
  // foreign context are weaker evidence than an edited copy of the quote in its own context (step 4).
  let unconfirmed: AnchoredRange | null = null
  if (nHits.length > 0) {
    const nParts = (np ? 1 : 0) + (ns ? 1 : 0)
    const best = pickByContext(norm.text, nHits, nq.length, np, ns, nHint)
    const exactHit = hits.find((h) => toNormalized(norm, h) === best.at)
    const range: AnchoredRange =
      exactHit !== undefined
        ? { start: exactHit, end: exactHit + exact.length, method: 'quote', score: best.score }
        : withRange(norm, best.at, best.at + nq.length, 'normalized', best.score)
    if (contextAgrees(best.context, nParts, nHits.length)) return range
    unconfirmed = range
  }

  // 4. Approximate match with at most MAX_ERROR_RATE of the quote's characters changed.
  const maxCost = options.maxCost ?? DEFAULT_MAX_COST
  const fuzzy =
    nq.length >= 4 ? fuzzyQuote(norm.text, nq, np, ns, nHint, maxCost) : null
  const found = fuzzy ?? fuzzyInContext(norm.text, nq, np, ns, nHint, maxCost)
  // The approximate search scores every candidate, exact ones included, by quote and context together.
  if (!found) return unconfirmed
  return withRange(norm, found.start, found.end, 'fuzzy', found.score)
}

/**
 * Whether the best hit's context (0..1 per prefix and suffix present) is strong enough to take it: half
 * agreement for the only occurrence, three quarters when the words occur more than once.
 */
function contextAgrees(context: number, parts: number, hits: number): boolean {
  return parts === 0 || context >= parts * (hits === 1 ? 0.5 : 0.75)
}

function withRange(norm: NormalizedText, start: number, end: number, method: AnchoredRange['method'], score: number): AnchoredRange {
  const [s, e] = toSource(norm, start, end)
  return { start: s, end: e, method, score }
}

function occurrences(haystack: string, needle: string, cap: number): number[] {
  const out: number[] = []
  for (let i = haystack.indexOf(needle); i !== -1 && out.length < cap; i = haystack.indexOf(needle, i + 1)) out.push(i)
  return out
}

function similarity(a: string, b: string): number {
  if (b.length === 0) return 0
  return 1 - editDistance(a, b) / Math.max(a.length, b.length)
}

function commonSuffix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++
  return n
}
function commonPrefix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++
  return n
}

/** Context agreement of a candidate at [at, at+len): 0..1 for prefix and suffix each. */
function contextScore(text: string, at: number, len: number, prefix: string, suffix: string, precise: boolean): number {
  const before = text.slice(Math.max(0, at - prefix.length), at)
  const after = text.slice(at + len, at + len + suffix.length)
  if (precise) return similarity(before, prefix) + similarity(after, suffix)
  return (prefix ? commonSuffix(before, prefix) / prefix.length : 0) + (suffix ? commonPrefix(after, suffix) / suffix.length : 0)
}

function pickByContext(
  text: string,
  hits: number[],
  len: number,
  prefix: string,
  suffix: string,
  hint: number | undefined
): { at: number; score: number; context: number } {
  const precise = hits.length <= 64
  let best = { at: hits[0] as number, rank: -Infinity, context: 0 }
  for (const at of hits) {
    const context = contextScore(text, at, len, prefix, suffix, precise)
    const near = hint === undefined ? 0 : 1 - Math.min(1, Math.abs(at - hint) / Math.max(1, text.length))
    const rank = context + 0.05 * near
    if (rank > best.rank) best = { at, rank, context }
  }
  const parts = (prefix ? 1 : 0) + (suffix ? 1 : 0)
  return { at: best.at, context: best.context, score: parts === 0 ? 1 : 0.5 + best.context / (2 * parts) }
}

/** The part of the text worth searching within the cost bound. */
function window(textLength: number, patternLength: number, hint: number | undefined, maxCost: number): [number, number] {
  if (searchCost(textLength, patternLength) <= maxCost) return [0, textLength]
  const width = Math.floor(maxCost / Math.ceil(patternLength / 32))
  const centre = Math.min(textLength, Math.max(0, hint ?? 0))
  const from = Math.max(0, Math.min(centre - (width >> 1), textLength - width))
  return [from, Math.min(textLength, from + width)]
}

function fuzzyQuote(
  text: string,
  quote: string,
  prefix: string,
  suffix: string,
  hint: number | undefined,
  maxCost: number
): { start: number; end: number; score: number } | null {
  const k = Math.floor(quote.length * MAX_ERROR_RATE)
  if (k === 0) return null
  const [from, to] = window(text.length, quote.length, hint, maxCost)
  const matches = approxSearch(text, quote, k, { from, to, limit: 20 })
  let best: { start: number; end: number; score: number } | null = null
  for (const m of matches) {
    const quoteScore = 1 - m.errors / quote.length
    const pre = prefix ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 0.5
    const suf = suffix ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 0.5
    const near = hint === undefined ? 0.5 : 1 - Math.min(1, Math.abs(m.start - hint) / Math.max(1, text.length))
    const score = (50 * quoteScore + 20 * pre + 20 * suf + 2 * near) / 92
    if (!best || score > best.score) best = { start: m.start, end: m.end, score }
  }
  // A short quote with a weak context is as likely to be someone else's words.
  if (best && quote.length < 12 && best.score < 0.6) return null
  return best
}

/**
 * For short quotes: find the quote together with its context, then the quote inside that window.
 * A 3-character quote cannot be matched approximately on its own, but 3 + 2×16 characters can.
 */
function fuzzyInContext(
  text: string,
  quote: string,
  prefix: string,
  suffix: string,
  hint: number | undefined,
  maxCost: number
): { start: number; end: number; score: number } | null {
  const pre = prefix.slice(-16)
  const suf = suffix.slice(0, 16)
  if (pre.length + suf.length < 8) return null
  const pattern = pre + quote + suf
  const k = Math.floor(pattern.length * MAX_ERROR_RATE)
  const [from, to] = window(text.length, pattern.length, hint, maxCost)
  const [m] = approxSearch(text, pattern, k, { from, to, limit: 1 })
  if (!m) return null
  const qk = Math.floor(quote.length / 3)
  const inner = approxSearch(text, quote, qk, { from: Math.max(0, m.start - 2), to: Math.min(text.length, m.end + 2), limit: 5 })
  const expected = m.start + pre.length
  let best: { start: number; end: number; errors: number } | null = null
  for (const i of inner) {
    if (!best || i.errors < best.errors || (i.errors === best.errors && Math.abs(i.start - expected) < Math.abs(best.start - expected))) best = i
  }
  if (!best) return null
  return { start: best.start, end: best.end, score: (1 - m.errors / pattern.length) * (1 - best.errors / Math.max(1, quote.length)) }
}
