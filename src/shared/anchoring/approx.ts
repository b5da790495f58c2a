// Approximate string search (pure TS, both processes): Myers' bit-parallel edit-distance algorithm in
// Hyyrö's block form, so patterns of any length run in O(text × ⌈pattern/32⌉) word operations.
// Used by anchor.ts to find a highlight's quote in a text that changed since the highlight was made.

export interface ApproxMatch {
  /** Offsets in the searched text (UTF-16 code units), end exclusive. */
  start: number
  end: number
  /** Edit distance between the pattern and text[start, end). */
  errors: number
}

const ALL_ONES = 0xffffffff | 0

/** Bit masks of where each code unit occurs in the pattern, one 32-bit word per block. */
function patternMasks(pattern: string, blocks: number): Map<number, Int32Array> {
  const peq = new Map<number, Int32Array>()
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i)
    let words = peq.get(c)
    if (!words) {
      words = new Int32Array(blocks)
      peq.set(c, words)
    }
    words[i >>> 5] = (words[i >>> 5] as number) | (1 << (i & 31))
  }
  return peq
}

/**
 * One column step of one 32-row block. `hIn` is the horizontal delta (-1, 0, +1) entering the block's
 * top row; the returned value is the delta leaving its last row. P/M hold the vertical +1/-1 deltas.
 */
function advanceBlock(P: Int32Array, M: Int32Array, b: number, eq0: number, hIn: number, lastRowMask: number): number {
  let pV = P[b] as number
  let mV = M[b] as number
  const hNeg = hIn < 0 ? 1 : 0
  const xV = eq0 | mV
  // A negative delta entering from above acts like a match in row 0 for the carry chain.
  const eq = eq0 | hNeg
  const xH = ((((eq & pV) + pV) | 0) ^ pV) | eq
  let pH = mV | ~(xH | pV)
  let mH = pV & xH
  let hOut = 0
  if (pH & lastRowMask) hOut = 1
  else if (mH & lastRowMask) hOut = -1
  pH = (pH << 1) | (hIn > 0 ? 1 : 0)
  mH = (mH << 1) | hNeg
  pV = mH | ~(xV | pH)
  mV = pH & xV
  P[b] = pV
  M[b] = mV
  return hOut
}

/**
 * Runs the automaton over text positions `from` … `to` (exclusive; walking backwards when `from > to`)
 * and calls `visit(consumed, score)` after each character. With `freeStart` the match may begin anywhere
 * (search); otherwise it must begin at `from` (the score is then the plain edit distance of the prefix).
 */
function scan(
  text: string,
  pattern: string,
  from: number,
  to: number,
  freeStart: boolean,
  visit: (position: number, score: number) => boolean | void
): void {
  const m = pattern.length
  const blocks = Math.ceil(m / 32)
  const peq = patternMasks(pattern, blocks)
  const P = new Int32Array(blocks).fill(ALL_ONES)
  const M = new Int32Array(blocks)
  const lastMask = 1 << ((m - 1) & 31)
  const topIn = freeStart ? 0 : 1
  let score = m
  const step = from <= to ? 1 : -1
  for (let j = from; j !== to; j += step) {
    const c = text.charCodeAt(step === 1 ? j : j - 1)
    const eqs = peq.get(c)
    let carry = topIn
    for (let b = 0; b < blocks; b++) {
      carry = advanceBlock(P, M, b, eqs ? (eqs[b] as number) : 0, carry, b === blocks - 1 ? lastMask : 1 << 31)
    }
    score += carry
    if (visit(j + step, score) === false) return
  }
}

/** Plain Levenshtein distance (for short strings: context comparison). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let prev = new Uint32Array(b.length + 1)
  let cur = new Uint32Array(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1)
      const del = (prev[j] as number) + 1
      const ins = (cur[j - 1] as number) + 1
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins
    }
    const t = prev
    prev = cur
    cur = t
  }
  return prev[b.length] as number
}

export interface ApproxSearchOptions {
  /** Search only text[from, to). */
  from?: number
  to?: number
  /** At most this many matches are returned (best first). Default 20. */
  limit?: number
}

/**
 * Every place where `pattern` occurs in `text` with at most `maxErrors` edits, best first (fewest
 * errors, then earliest). Overlapping candidates are reduced to the best one per region.
 */
export function approxSearch(text: string, pattern: string, maxErrors: number, options: ApproxSearchOptions = {}): ApproxMatch[] {
  const m = pattern.length
  const from = Math.max(0, options.from ?? 0)
  const to = Math.min(text.length, options.to ?? text.length)
  if (m === 0 || to <= from) return []
  const k = Math.max(0, Math.min(maxErrors, m))
  // Candidate ends: local minima of the score among positions within the bound.
  const ends: { end: number; score: number }[] = []
  let runBest: { end: number; score: number } | null = null
  scan(text, pattern, from, to, true, (end, score) => {
    if (score <= k) {
      if (!runBest || score < runBest.score) runBest = { end, score }
    } else if (runBest) {
      ends.push(runBest)
      runBest = null
    }
  })
  if (runBest) ends.push(runBest)
  ends.sort((a, b) => a.score - b.score || a.end - b.end)
  const limit = options.limit ?? 20
  const out: ApproxMatch[] = []
  for (const { end, score } of ends.slice(0, limit * 2)) {
    const start = matchStart(text, pattern, end, Math.max(from, end - m - k))
    // Regions may overlap after the start is found; keep the first (best) one.
    if (out.some((o) => start < o.end && end > o.start)) continue
    out.push({ start, end, errors: score })
    if (out.length >= limit) break
  }
  return out
}

/** Finds where the best alignment of `pattern` ending exactly at `end` begins (scanning back to `floor`). */
function matchStart(text: string, pattern: string, end: number, floor: number): number {
  const reversed = pattern.split('').reverse().join('')
  let best = end
  let bestScore = pattern.length
  let bestDiff = pattern.length
  scan(text, reversed, end, floor, false, (position, score) => {
    const diff = Math.abs(end - position - pattern.length)
    if (score < bestScore || (score === bestScore && diff < bestDiff)) {
      best = position
      bestScore = score
      bestDiff = diff
    }
  })
  return best
}

/** The cost unit of approxSearch: characters scanned × 32-row blocks. */
export function searchCost(textLength: number, patternLength: number): number {
  return textLength * Math.ceil(patternLength / 32)
}
