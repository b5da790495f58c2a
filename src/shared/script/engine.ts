// The conversion engine: reproduces opencc-js's longest-match conversion pass for pass, on code-unit
// buffers, and records which source span became which output span so offsets can be mapped.
import type { Trie } from './trie'
import { decodeUnits, encodeUnits } from './codeunits'
import { foldCodeUnit } from './fold'

/** Boundary pairs: a[k] in the input corresponds to b[k] in the output; both strictly increasing. */
export interface Alignment {
  a: Int32Array
  b: Int32Array
  n: number
}

interface PassOutput {
  buf: Uint16Array
  len: number
  /** Segment ends carried into output coordinates (for the next chain stage). */
  limits: Int32Array
  align: Alignment | null
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

function codePointLength(inp: Uint16Array, i: number, end: number): number {
  return isHigh(inp[i] as number) && i + 1 < end && isLow(inp[i + 1] as number) ? 2 : 1
}

function idsArity(c: number): number {
  if (c >= 0x2ff0 && c <= 0x2ff1) return 2
  if (c >= 0x2ff2 && c <= 0x2ff3) return 3
  if (c >= 0x2ff4 && c <= 0x2fff) return 2
  return 0
}

// opencc-js leaves a whole Ideographic Description Sequence (⿰氵青 …) unconverted as one unit;
// ported from its getIdeographicDescriptionSequenceEnd so our segmentation is identical.
function idsEnd(inp: Uint16Array, i: number, end: number): number {
  const arity = idsArity(inp[i] as number)
  if (arity === 0) return 0
  let e = i + codePointLength(inp, i, end)
  for (let n = 0; n < arity; n++) {
    if (e >= end) return 0
    const child = idsEnd(inp, e, end)
    e = child || e + codePointLength(inp, e, end)
  }
  return e
}

function unmatchedLength(inp: Uint16Array, i: number, end: number): number {
  const c = inp[i] as number
  if (c >= 0x2ff0 && c <= 0x2fff) {
    const e = idsEnd(inp, i, end)
    if (e > i) return e - i
  }
  return codePointLength(inp, i, end)
}

// Longest match of `trie` at inp[i] not reaching past `end`. Returns the match end (or -1) and leaves
// the value id in matchValue. Module-level scratch avoids allocating a result object per character.
let matchValue = -1
function longestMatch(trie: Trie, inp: Uint16Array, i: number, end: number): number {
  let node = trie.root[inp[i] as number] as number
  if (node === 0) return -1
  const { nodeValue, edgeStart, edgeCount, edgeCode, edgeNode } = trie
  let bestEnd = -1
  let v = nodeValue[node] as number
  if (v >= 0) {
    bestEnd = i + 1
    matchValue = v
  }
  let j = i + 1
  while (j < end) {
    const cnt = edgeCount[node] as number
    if (cnt === 0) break
    const c = inp[j] as number
    let lo = edgeStart[node] as number
    let hi = lo + cnt - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const x = edgeCode[mid] as number
      if (x < c) lo = mid + 1
      else if (x > c) hi = mid - 1
      else {
        found = mid
        break
      }
    }
    if (found < 0) break
    node = edgeNode[found] as number
    j++
    v = nodeValue[node] as number
    if (v >= 0) {
      bestEnd = j
      matchValue = v
    }
  }
  return bestEnd
}

/**
 * opencc-js Trie.segment: cut at every longest match; consecutive unmatched characters form one
 * segment. Returns the segment ends.
 */
export function segmentEnds(trie: Trie, inp: Uint16Array, len: number): Int32Array {
  const ends = new Int32Array(len + 1)
  let n = 0
  let inRun = false
  let i = 0
  while (i < len) {
    const m = longestMatch(trie, inp, i, len)
    if (m > 0) {
      if (inRun) {
        ends[n++] = i
        inRun = false
      }
      ends[n++] = m
      i = m
    } else {
      inRun = true
      i += unmatchedLength(inp, i, len)
    }
  }
  if (inRun || n === 0) ends[n++] = len
  return ends.subarray(0, n)
}

/**
 * opencc-js Trie.convert, applied to each segment [limits[k-1], limits[k]) on its own. With `withMap`,
 * records a boundary after every token (matched entry or unmatched character).
 */
export function runPass(trie: Trie, inp: Uint16Array, len: number, limits: Int32Array, withMap: boolean): PassOutput {
  const { pool, valueStart, valueLength } = trie
  let cap = len + (len >> 1) + 16
  let out = new Uint16Array(cap)
  let o = 0
  const outLimits = new Int32Array(limits.length)
  let a: Int32Array | null = null
  let b: Int32Array | null = null
  let nb = 0
  if (withMap) {
    a = new Int32Array(len + 1)
    b = new Int32Array(len + 1)
    nb = 1 // a[0] = b[0] = 0
  }
  let i = 0
  for (let s = 0; s < limits.length; s++) {
    const end = limits[s] as number
    while (i < end) {
      const m = longestMatch(trie, inp, i, end)
      if (m > 0) {
        const vs = valueStart[matchValue] as number
        const vl = valueLength[matchValue] as number
        if (o + vl > cap) {
          cap = Math.max(cap * 2, o + vl + 16)
          const grown = new Uint16Array(cap)
          grown.set(out.subarray(0, o))
          out = grown
        }
        for (let k = 0; k < vl; k++) out[o++] = pool[vs + k] as number
        i = m
      } else {
        const ul = unmatchedLength(inp, i, end)
        if (o + ul > cap) {
          cap = Math.max(cap * 2, o + ul + 16)
          const grown = new Uint16Array(cap)
          grown.set(out.subarray(0, o))
          out = grown
        }
        for (let k = 0; k < ul; k++) out[o++] = inp[i + k] as number
        i += ul
      }
      if (a !== null && b !== null) {
        a[nb] = i
        b[nb] = o
        nb++
      }
    }
    outLimits[s] = o
  }
  return { buf: out, len: o, limits: outLimits, align: a && b ? { a, b, n: nb } : null }
}

/** Composes source→mid with mid→out: keeps the boundaries that exist on both sides of `mid`. */
export function compose(first: Alignment, second: Alignment): Alignment {
  const n = Math.min(first.n, second.n)
  const a = new Int32Array(n)
  const b = new Int32Array(n)
  let k = 0
  let i = 0
  let j = 0
  while (i < first.n && j < second.n) {
    const x = first.b[i] as number
    const y = second.a[j] as number
    if (x === y) {
      a[k] = first.a[i] as number
      b[k] = second.b[j] as number
      k++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return { a, b, n: k }
}

/**
 * Splits a multi-unit segment into single characters when source and output have the same length and
 * every character pair is the same character up to script variants (頭髮 ↔ 头发): then offsets inside
 * it can map exactly. Anything else (鼠标 ↔ 滑鼠, 软件 ↔ 軟體, 方便面 ↔ 泡麵) stays one atomic segment.
 */
export function refineAlignment(al: Alignment, src: Uint16Array, dst: Uint16Array): Alignment {
  let extra = 0
  const split = new Uint8Array(al.n)
  for (let k = 0; k + 1 < al.n; k++) {
    const s0 = al.a[k] as number
    const sl = (al.a[k + 1] as number) - s0
    const v0 = al.b[k] as number
    if (sl < 2 || (al.b[k + 1] as number) - v0 !== sl) continue
    let ok = true
    let inner = 0
    for (let p = 0; p < sl && ok; p++) {
      const x = src[s0 + p] as number
      const y = dst[v0 + p] as number
      if (isHigh(x) || isLow(x) || isHigh(y) || isLow(y)) ok = x === y
      else ok = x === y || foldCodeUnit(x) === foldCodeUnit(y)
      if (p > 0 && !isLow(x)) inner++
    }
    if (ok && inner > 0) {
      split[k] = 1
      extra += inner
    }
  }
  if (extra === 0) return al
  const a = new Int32Array(al.n + extra)
  const b = new Int32Array(al.n + extra)
  let m = 0
  for (let k = 0; k < al.n; k++) {
    const s0 = al.a[k] as number
    const v0 = al.b[k] as number
    a[m] = s0
    b[m] = v0
    m++
    if (split[k] === 1) {
      const sl = (al.a[k + 1] as number) - s0
      for (let p = 1; p < sl; p++) {
        if (isLow(src[s0 + p] as number)) continue
        a[m] = s0 + p
        b[m] = v0 + p
        m++
      }
    }
  }
  return { a, b, n: m }
}

/** The tries of one pipeline, in order. */
export interface CompiledPipeline {
  readonly normalize: readonly Trie[]
  readonly segmentation: Trie | null
  readonly chain: readonly Trie[]
}

export interface RunResult {
  text: string
  align: Alignment | null
  src: Uint16Array | null
  dst: Uint16Array | null
}

export function runPipeline(p: CompiledPipeline, text: string, withMap: boolean): RunResult {
  const src = encodeUnits(text)
  let buf = src
  let len = src.length
  let align: Alignment | null = null
  const step = (pass: PassOutput): void => {
    if (withMap && pass.align) align = align ? compose(align, pass.align) : pass.align
    buf = pass.buf
    len = pass.len
  }
  for (const t of p.normalize) step(runPass(t, buf, len, Int32Array.of(len), withMap))
  let limits = p.segmentation ? segmentEnds(p.segmentation, buf, len) : Int32Array.of(len)
  for (const t of p.chain) {
    const pass = runPass(t, buf, len, limits, withMap)
    step(pass)
    limits = pass.limits
  }
  const out = decodeUnits(buf, len)
  if (!withMap) return { text: out, align: null, src: null, dst: null }
  const dst = buf.subarray(0, len)
  const base: Alignment = align ?? { a: Int32Array.of(0, len), b: Int32Array.of(0, len), n: 2 }
  return { text: out, align: refineAlignment(base, src, dst), src, dst }
}
