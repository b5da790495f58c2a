// A compact, read-only trie over UTF-16 code units, built from opencc-js dictionaries.
// Flat typed arrays (root table + sorted child edges) so matching allocates nothing per character.

export interface Trie {
  /** First code unit → node id (0 = no key starts with it). */
  readonly root: Int32Array
  /** Per node: index into `values`, or -1 when no key ends here. */
  readonly nodeValue: Int32Array
  /** Per node: first edge index and number of edges (edges of one node are contiguous and sorted). */
  readonly edgeStart: Int32Array
  readonly edgeCount: Int32Array
  readonly edgeCode: Uint16Array
  readonly edgeNode: Int32Array
  /** Replacement code units of every value, concatenated; value i is pool[valueStart[i], +valueLength[i]). */
  readonly pool: Uint16Array
  readonly valueStart: Int32Array
  readonly valueLength: Int32Array
  readonly size: number
}

/**
 * Merges dictionaries into one key→value map with opencc-js's precedence: within a group the earlier
 * dictionary wins on duplicate keys; within one dictionary the later line wins.
 */
export function mergeGroup(dicts: ReadonlyArray<ReadonlyArray<readonly [string, string]>>): Map<string, string> {
  const merged = new Map<string, string>()
  for (let d = dicts.length - 1; d >= 0; d--) {
    for (const [k, v] of dicts[d] as ReadonlyArray<readonly [string, string]>) merged.set(k, v)
  }
  return merged
}

export function buildTrie(entries: Map<string, string>): Trie {
  // Default sort compares UTF-16 code units, which is exactly the order the edges need.
  const keys = [...entries.keys()].filter((k) => k.length > 0).sort()
  const nodeValue: number[] = [-1] // node 0 is the (unused) root sentinel
  const edgeStart: number[] = [0]
  const edgeCount: number[] = [0]
  const edgeCode: number[] = []
  const edgeNode: number[] = []
  const values: string[] = []
  const root = new Int32Array(0x10000)

  const newNode = (): number => {
    nodeValue.push(-1)
    edgeStart.push(0)
    edgeCount.push(0)
    return nodeValue.length - 1
  }

  // keys[lo, hi) share their first `depth` code units, which `node` represents.
  const build = (node: number, lo: number, hi: number, depth: number): void => {
    if (lo < hi && (keys[lo] as string).length === depth) {
      values.push(entries.get(keys[lo] as string) as string)
      nodeValue[node] = values.length - 1
      lo++
    }
    // Group the rest by their next code unit; children get contiguous edges.
    const groups: Array<[number, number, number]> = []
    let i = lo
    while (i < hi) {
      const c = (keys[i] as string).charCodeAt(depth)
      let j = i + 1
      while (j < hi && (keys[j] as string).charCodeAt(depth) === c) j++
      groups.push([c, i, j])
      i = j
    }
    edgeStart[node] = edgeCode.length
    edgeCount[node] = groups.length
    const children: number[] = []
    for (const [c] of groups) {
      const child = newNode()
      edgeCode.push(c)
      edgeNode.push(child)
      children.push(child)
    }
    groups.forEach(([, a, b], g) => build(children[g] as number, a, b, depth + 1))
  }

  let i = 0
  while (i < keys.length) {
    const c = (keys[i] as string).charCodeAt(0)
    let j = i + 1
    while (j < keys.length && (keys[j] as string).charCodeAt(0) === c) j++
    const node = newNode()
    root[c] = node
    build(node, i, j, 1)
    i = j
  }

  let poolLen = 0
  for (const v of values) poolLen += v.length
  const pool = new Uint16Array(poolLen)
  const valueStart = new Int32Array(values.length)
  const valueLength = new Int32Array(values.length)
  let p = 0
  values.forEach((v, idx) => {
    valueStart[idx] = p
    valueLength[idx] = v.length
    for (let k = 0; k < v.length; k++) pool[p++] = v.charCodeAt(k)
  })

  return {
    root,
    nodeValue: Int32Array.from(nodeValue),
    edgeStart: Int32Array.from(edgeStart),
    edgeCount: Int32Array.from(edgeCount),
    edgeCode: Uint16Array.from(edgeCode),
    edgeNode: Int32Array.from(edgeNode),
    pool,
    valueStart,
    valueLength,
    size: keys.length
  }
}
