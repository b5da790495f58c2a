// Streamed reading of UTF-8 files too large to hold whole (JSON, JSON Lines): text in chunks, or line by
// line. Validity is decided from the bytes by a fatal decoder, so a genuine U+FFFD in valid UTF-8 is text
// like any other, and only bytes that are not UTF-8 are refused.
import { createReadStream, promises as fs } from 'node:fs'
import { ImportError } from './limits'

const CHUNK_BYTES = 1024 * 1024

/**
 * Whether a file starting with these bytes can be streamed as UTF-8: no UTF-16/32 byte-order mark, no
 * NUL, and valid UTF-8 (a character cut at the end of the head is fine). Anything else is decoded whole
 * (reading/encoding.ts detects the legacy Chinese encodings).
 */
export function streamableUtf8(head: Uint8Array): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || head.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return true
  } catch {
    return false
  }
}

/** The first `max` bytes of a file (fewer if it is shorter). */
export async function readHeadBytes(abs: string, max: number): Promise<Buffer> {
  const fh = await fs.open(abs, 'r')
  try {
    const buf = Buffer.alloc(max)
    const { bytesRead } = await fh.read(buf, 0, max, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}

/** The file as UTF-8 text in chunks of about a megabyte; a leading byte-order mark is dropped. */
export async function* readUtf8Chunks(abs: string, signal?: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const input = createReadStream(abs, { highWaterMark: CHUNK_BYTES })
  let offset = 0
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (signal?.aborted) return
      yield decode(decoder, chunk, offset, true)
      offset += chunk.length
    }
    const rest = decode(decoder, new Uint8Array(), offset, false)
    if (rest) yield rest
  } finally {
    input.destroy()
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array, offset: number, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream })
  } catch {
    throw new ImportError('undecodable', `not valid UTF-8 in the megabyte after byte ${offset.toLocaleString('en')}`)
  }
}

export interface Line {
  /** 1-based */
  n: number
  /** null when the line's bytes are not valid UTF-8, or when it is longer than the cap */
  text: string | null
  bytes: number
  /** the line ran past `maxLineBytes`: its bytes were skipped, never held */
  tooLong: boolean
}

/**
 * The lines of a file, each decoded on its own from its bytes. Lines end at LF, CRLF or a lone CR, as
 * readline has them. A line longer than `maxLineBytes` is skipped to its end as it streams past (a 120 MB
 * line would otherwise be held whole, then decoded, before any limit could refuse it).
 */
export async function* readLines(abs: string, signal?: AbortSignal, maxLineBytes = Infinity): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const input = createReadStream(abs, { highWaterMark: CHUNK_BYTES })
  let parts: Buffer[] = []
  /** bytes of the current line so far, held in `parts` unless it is too long */
  let pending = 0
  let n = 0
  /** the last chunk ended in CR: an LF starting this one ends no line */
  let afterCr = false
  const line = (bytes: Buffer, ending: number): Line => {
    n++
    if (pending + bytes.length > maxLineBytes) return { n, text: null, bytes: pending + bytes.length + ending, tooLong: true }
    let text: string | null
    try {
      text = decoder.decode(parts.length ? Buffer.concat([...parts, bytes]) : bytes)
    } catch {
      text = null
    }
    if (n === 1 && text?.startsWith('\ufeff')) text = text.slice(1)
    return { n, text, bytes: pending + bytes.length + ending, tooLong: false }
  }
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (signal?.aborted) return
      let from = afterCr && chunk[0] === 0x0a ? 1 : 0
      afterCr = false
      for (let i = from; i < chunk.length; i++) {
        const c = chunk[i]
        if (c !== 0x0a && c !== 0x0d) continue
        const crlf = c === 0x0d && chunk[i + 1] === 0x0a
        yield line(chunk.subarray(from, i), crlf ? 2 : 1)
        parts = []
        pending = 0
        if (crlf) i++
        else if (c === 0x0d && i === chunk.length - 1) afterCr = true
        from = i + 1
      }
      if (from < chunk.length) {
        pending += chunk.length - from
        if (pending > maxLineBytes) parts = []
        else parts.push(chunk.subarray(from))
      }
    }
    if (pending > 0) yield line(Buffer.alloc(0), 0)
  } finally {
    input.destroy()
  }
}
