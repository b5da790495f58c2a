// Small helpers for working on UTF-16 code-unit buffers instead of strings in hot loops.

const CHUNK = 8192

/** Decodes buf[0, len) to a string. Chunked fromCharCode keeps lone surrogates intact (TextDecoder would not). */
export function decodeUnits(buf: Uint16Array, len: number): string {
  if (len <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(0, len) as unknown as number[])
  const parts: string[] = []
  for (let i = 0; i < len; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + CHUNK)) as unknown as number[]))
  }
  return parts.join('')
}

/** Copies a string's code units into a new buffer. */
export function encodeUnits(text: string): Uint16Array {
  const n = text.length
  const buf = new Uint16Array(n)
  for (let i = 0; i < n; i++) buf[i] = text.charCodeAt(i)
  return buf
}

/** Parses an opencc-js dictionary string ("k v|k v") into pairs without applying patches. */
export function parsePairs(source: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const line of source.split('|')) {
    const sp = line.indexOf(' ')
    if (sp <= 0) continue
    const end = line.indexOf(' ', sp + 1)
    out.push([line.slice(0, sp), end < 0 ? line.slice(sp + 1) : line.slice(sp + 1, end)])
  }
  return out
}
