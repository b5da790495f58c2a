// Offset maps between a stored text and one converted view of it.
//
// A conversion is a sequence of aligned segments: stored[S[k], S[k+1]) became view[V[k], V[k+1]).
// Segments are as fine as the conversion allows: one per character where characters correspond one to
// one (including same-length phrases whose characters are script variants of each other, 頭髮 ↔ 头发),
// and one atomic segment per phrase otherwise (方便面 ↔ 泡麵, 鼠标 ↔ 滑鼠, a surrogate pair).
//
// Rules, for every offset 0..length inclusive (inputs outside are clamped):
// - on a boundary S[k], toView gives exactly V[k] (and toStored(V[k]) gives S[k]): exact round trip;
// - strictly inside an atomic segment, toView / toStored give the segment's START (floor): monotonic,
//   and toView(toStored(j)) is the start of j's segment, never outside it;
// - ranges widen to whole segments: the start floors, the end ceils, so a mapped range covers every
//   phrase it touches and never cuts one in half. An empty range (caret) stays empty, at the floor.
import type { OffsetMap } from './types'
import type { Alignment } from './engine'

/** Largest k < n with arr[k] <= x (arr strictly increasing, arr[0] = 0 <= x). */
function floorIndex(arr: Int32Array, n: number, x: number): number {
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((arr[mid] as number) <= x) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Smallest k with arr[k] >= x (x <= arr[n-1]). */
function ceilIndex(arr: Int32Array, n: number, x: number): number {
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((arr[mid] as number) >= x) hi = mid
    else lo = mid + 1
  }
  return lo
}

function clamp(x: number, max: number): number {
  if (!(x > 0)) return 0 // also maps NaN to 0
  return x > max ? max : Math.floor(x)
}

class SegmentOffsetMap implements OffsetMap {
  readonly storedLength: number
  readonly viewLength: number
  constructor(
    readonly s: Int32Array,
    readonly v: Int32Array,
    readonly n: number
  ) {
    this.storedLength = s[n - 1] as number
    this.viewLength = v[n - 1] as number
  }

  toView(storedOffset: number): number {
    return this.v[floorIndex(this.s, this.n, clamp(storedOffset, this.storedLength))] as number
  }

  toStored(viewOffset: number): number {
    return this.s[floorIndex(this.v, this.n, clamp(viewOffset, this.viewLength))] as number
  }

  toViewRange(start: number, end: number): [number, number] {
    return mapRange(this.s, this.v, this.n, start, end, this.storedLength)
  }

  toStoredRange(start: number, end: number): [number, number] {
    return mapRange(this.v, this.s, this.n, start, end, this.viewLength)
  }
}

function mapRange(from: Int32Array, to: Int32Array, n: number, start: number, end: number, max: number): [number, number] {
  let a = clamp(start, max)
  let b = clamp(end, max)
  if (b < a) [a, b] = [b, a]
  const ka = floorIndex(from, n, a)
  if (a === b) {
    const p = to[ka] as number
    return [p, p]
  }
  return [to[ka] as number, to[ceilIndex(from, n, b)] as number]
}

class IdentityOffsetMap implements OffsetMap {
  constructor(
    readonly storedLength: number,
    readonly viewLength: number = storedLength
  ) {}
  toView(storedOffset: number): number {
    return clamp(storedOffset, this.storedLength)
  }
  toStored(viewOffset: number): number {
    return clamp(viewOffset, this.viewLength)
  }
  toViewRange(start: number, end: number): [number, number] {
    const a = clamp(start, this.storedLength)
    const b = clamp(end, this.storedLength)
    return a <= b ? [a, b] : [b, a]
  }
  toStoredRange(start: number, end: number): [number, number] {
    return this.toViewRange(start, end)
  }
}

export function identityOffsetMap(length: number): OffsetMap {
  return new IdentityOffsetMap(length)
}

export function offsetMapFromAlignment(al: Alignment): OffsetMap {
  return new SegmentOffsetMap(al.a, al.b, al.n)
}

/** The segment boundaries of a map, for tests and debugging: pairs [stored, view]. */
export function offsetMapBoundaries(map: OffsetMap): Array<[number, number]> {
  if (map instanceof SegmentOffsetMap) {
    const { s, v, n } = map
    const out: Array<[number, number]> = []
    for (let k = 0; k < n; k++) out.push([s[k] as number, v[k] as number])
    return out
  }
  const out: Array<[number, number]> = []
  for (let k = 0; k <= map.storedLength; k++) out.push([k, k])
  return out
}
