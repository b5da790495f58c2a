// Streaming zip reader over yauzl with our own zip-bomb and path-safety rules (yauzl leaves bomb
// heuristics to callers). Nothing is extracted to disk; entries are buffered in memory under a byte cap.
import yauzl from 'yauzl'
import iconv from 'iconv-lite'
import type { Readable } from 'node:stream'
import { strictUtf8 } from './encoding'
import { ImportError, type ImportLimits } from './types'

export type ZipSource = { path: string } | { buffer: Buffer }

export type ZipItem =
  | { kind: 'entry'; name: string; bytes: Buffer; compressedSize: number }
  | { kind: 'failed'; name: string; error: ImportError; compressedSize: number }

/** Shared across nested archives so a zip of zips cannot multiply the total budget. */
export interface ZipBudget {
  totalBytes: number
}

const RATIO_GRACE_BYTES = 100 * 1024
const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

function openZip(source: ZipSource): Promise<yauzl.ZipFile> {
  // decodeStrings:false so one bad name skips one entry instead of erroring the whole archive
  // (yauzl's built-in validation emits a fatal 'error'); names are decoded and validated below.
  const options: yauzl.Options = { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, decodeStrings: false, autoClose: true }
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => {
      if (err || !zip) reject(new ImportError('corrupt', `not a readable zip archive: ${err?.message ?? 'unknown error'}`))
      else resolve(zip)
    }
    if ('path' in source) yauzl.open(source.path, options, done)
    else yauzl.fromBuffer(source.buffer, options, done)
  })
}

/**
 * Entry names: the UTF-8 flag or Info-ZIP Unicode Path field when present, else strict UTF-8 (macOS
 * zips omit the flag), else GB18030 (Chinese Windows zips), else CP437 as the spec says.
 */
export function decodeEntryName(entry: yauzl.Entry): string {
  const raw = entry.fileNameRaw ?? (entry.fileName as unknown as Buffer)
  const extra = yauzl.parseExtraFields(entry.extraFieldRaw ?? Buffer.alloc(0))
  const hasUnicodeField = extra.some((f) => f.id === 0x7075)
  if ((entry.generalPurposeBitFlag & 0x800) !== 0 || hasUnicodeField) {
    return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, extra, true)
  }
  if (raw.every((b) => b < 0x80)) return raw.toString('latin1')
  const utf8 = strictUtf8(raw)
  if (utf8 !== null) return utf8
  const gb = iconv.decode(raw, 'gb18030')
  if (!gb.includes('\uFFFD')) return gb
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, extra, true)
}

/** Reasons a name is unsafe, or null. yauzl's checks plus control characters, length and depth. */
export function unsafeNameReason(name: string): string | null {
  const y = yauzl.validateFileName(name)
  if (y) return y
  if (/[\u0000-\u001f\u007f]/.test(name)) return `control characters in file name: ${JSON.stringify(name)}`
  if (Buffer.byteLength(name) > 1024) return 'file name longer than 1024 bytes'
  if (name.split('/').length > 64) return 'file name with more than 64 path segments'
  return null
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.removeListener('entry', onEntry)
      zip.removeListener('end', onEnd)
      zip.removeListener('error', onError)
    }
    const onEntry = (e: yauzl.Entry): void => {
      cleanup()
      resolve(e)
    }
    const onEnd = (): void => {
      cleanup()
      resolve(null)
    }
    const onError = (err: Error): void => {
      cleanup()
      reject(new ImportError('corrupt', `zip central directory is damaged: ${err.message}`))
    }
    zip.on('entry', onEntry)
    zip.on('end', onEnd)
    zip.on('error', onError)
    zip.readEntry()
  })
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) reject(err ?? new Error('no stream'))
      else resolve(stream)
    })
  })
}

/** Streams one entry into memory, enforcing the per-entry cap, the ratio and the archive-wide budget. */
async function readEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  limits: ImportLimits,
  budget: ZipBudget,
  signal?: AbortSignal
): Promise<Buffer> {
  let stream: Readable
  try {
    stream = await openStream(zip, entry)
  } catch (e) {
    throw new ImportError('corrupt', `cannot read "${name}": ${(e as Error).message}`)
  }
  const chunks: Buffer[] = []
  let size = 0
  const compressed = Math.max(entry.compressedSize, 1)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new ImportError('corrupt', 'import cancelled')
      size += chunk.length
      budget.totalBytes += chunk.length
      if (size > limits.maxFileBytes) {
        throw new ImportError('too-large', `"${name}" is larger than the ${limits.maxFileBytes}-byte limit per file`)
      }
      if (size > RATIO_GRACE_BYTES && size / compressed > limits.maxCompressionRatio) {
        throw new ImportError('zip-bomb', `"${name}" expands more than ${limits.maxCompressionRatio}x (compression ratio limit)`)
      }
      if (budget.totalBytes > limits.maxZipTotalBytes) {
        throw new ImportError('zip-bomb', `archive expands beyond the ${limits.maxZipTotalBytes}-byte total limit`)
      }
      chunks.push(chunk)
    }
  } catch (e) {
    stream.destroy()
    if (e instanceof ImportError) throw e
    // validateEntrySizes: more output than the header promised is the classic way to hide a bomb.
    if (/too many bytes in the stream/.test((e as Error).message)) {
      throw new ImportError('zip-bomb', `"${name}" expands beyond its declared size (${entry.uncompressedSize} bytes)`)
    }
    // yauzl reports size mismatches, bad local headers and inflate errors here.
    throw new ImportError('corrupt', `"${name}" is damaged: ${(e as Error).message}`)
  }
  return Buffer.concat(chunks, size)
}

/**
 * Yields every file entry (in central-directory order) or the reason it was skipped. Throws ImportError
 * for archive-level problems: unreadable/truncated archive, damaged central directory, too many
 * entries, total-size budget exceeded (entries already yielded stay valid).
 */
export async function* readZip(
  source: ZipSource,
  limits: ImportLimits,
  budget: ZipBudget = { totalBytes: 0 },
  opts: { signal?: AbortSignal; wanted?: (name: string) => boolean } = {}
): AsyncGenerator<ZipItem> {
  const zip = await openZip(source)
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new ImportError('zip-bomb', `archive has ${zip.entryCount} entries, more than the ${limits.maxZipEntries}-entry limit`)
    }
    const seen = new Set<string>()
    for (;;) {
      if (opts.signal?.aborted) return
      const entry = await nextEntry(zip)
      if (!entry) return
      const name = decodeEntryName(entry)
      const compressedSize = entry.compressedSize
      const fail = (code: ConstructorParameters<typeof ImportError>[0], msg: string): ZipItem => ({
        kind: 'failed',
        name,
        error: new ImportError(code, msg),
        compressedSize
      })
      const unsafe = unsafeNameReason(name)
      if (unsafe) {
        yield fail('unsafe-path', `unsafe entry name skipped (${unsafe})`)
        continue
      }
      if (name.endsWith('/')) continue
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT
      if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
        yield fail('unsafe-path', 'symlink or special file entry skipped')
        continue
      }
      if (opts.wanted && !opts.wanted(name)) continue
      const key = name.normalize('NFC').toLowerCase()
      if (seen.has(key)) {
        yield fail('unsafe-path', 'duplicate entry name skipped')
        continue
      }
      seen.add(key)
      if (entry.isEncrypted()) {
        yield fail('corrupt', 'encrypted entry (password-protected zips are not supported)')
        continue
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        yield fail('corrupt', `unsupported compression method ${entry.compressionMethod}`)
        continue
      }
      if (entry.uncompressedSize === 0) {
        yield fail('empty', 'the file is empty (0 bytes)')
        continue
      }
      if (entry.uncompressedSize > limits.maxFileBytes) {
        yield fail('too-large', `${entry.uncompressedSize} bytes, larger than the ${limits.maxFileBytes}-byte limit per file`)
        continue
      }
      if (entry.uncompressedSize > RATIO_GRACE_BYTES && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxCompressionRatio) {
        yield fail('zip-bomb', `expands ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}x, more than the ${limits.maxCompressionRatio}x compression ratio limit`)
        continue
      }
      if (budget.totalBytes + entry.uncompressedSize > limits.maxZipTotalBytes) {
        throw new ImportError('zip-bomb', `archive expands beyond the ${limits.maxZipTotalBytes}-byte total limit`)
      }
      try {
        const bytes = await readEntry(zip, entry, name, limits, budget, opts.signal)
        yield { kind: 'entry', name, bytes, compressedSize }
      } catch (e) {
        if (!(e instanceof ImportError)) throw e
        if (e.code === 'zip-bomb' && budget.totalBytes > limits.maxZipTotalBytes) throw e
        yield { kind: 'failed', name, error: e, compressedSize }
      }
    }
  } finally {
    if (zip.isOpen) zip.close()
  }
}
