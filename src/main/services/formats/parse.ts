// Synchronous single-file parsing (decode → sniff → parse → clean) and the async EPUB entry point.
// The format registry lives here; see index.ts for how to add a format.
import { decodeBytes } from '../reading/encoding'
import { bookmarksFormat } from './bookmarks'
import { csvFormat } from './csv'
import { epubFormat, isEpubTextEntry, looksLikeEpub, parseEpub } from './epub'
import { feedFormat } from './feed'
import { htmlFormat } from './html'
import { jsonFormat } from './json'
import { markdownFormat } from './markdown'
import { newsmlFormat } from './newsml'
import { textFormat } from './text'
import { extOf } from './common'
import {
  AnnotationDocument,
  ImportError,
  resolveLimits,
  type FormatInfo,
  type FormatModule,
  type ImportLimits,
  type ParsedArticle
} from './types'
import { readZip, type ZipBudget } from '../reading/zip'

export const FORMATS: readonly FormatModule[] = [
  newsmlFormat,
  feedFormat,
  // Bookmark and read-later HTML exports are HTML too: tried first, or the list would become one page.
  bookmarksFormat,
  htmlFormat,
  markdownFormat,
  jsonFormat,
  csvFormat,
  textFormat
]

export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)
}

/** Zip archives (of any mix of files, nested) are read entry by entry in sources.ts. */
const zipArchive: FormatInfo = { id: 'zip', label: 'Zip', extensions: ['zip'] }

/** Containers: zip-based files that parseFile() cannot read synchronously. */
const CONTAINERS: readonly FormatInfo[] = [epubFormat, zipArchive]

/** Every kind of file the importer reads, for the open dialog's filters and the CLI help. */
export const IMPORT_FORMATS: readonly FormatInfo[] = [...FORMATS, ...CONTAINERS]

/** Every extension the importer reads, each once, in registry order. */
export const IMPORT_EXTENSIONS: readonly string[] = [...new Set(IMPORT_FORMATS.flatMap((f) => f.extensions))]

export function isArchiveName(name: string): boolean {
  const ext = extOf(name)
  return CONTAINERS.some((f) => f.extensions.includes(ext))
}

/** Kindle's My Clippings.txt: blocks separated by ========== whose second line is "- Your Highlight …". */
export function looksLikeKindleClippings(name: string, head: string): boolean {
  if (/(^|[\\/!])my clippings\.txt$/i.test(name)) return true
  return /^==========\s*$/m.test(head) && /^- (Your (Highlight|Note|Bookmark)|您在|您的)/m.test(head)
}

function checkSize(bytes: Uint8Array, limits: ImportLimits): void {
  if (bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)', { what: 'file' })
  if (bytes.byteLength > limits.maxFileBytes) {
    throw new ImportError('too-large', `${bytes.byteLength} bytes, larger than the ${limits.maxFileBytes}-byte limit per file`, { sizeBytes: bytes.byteLength, limitBytes: limits.maxFileBytes })
  }
}

/**
 * Decodes, sniffs the format, parses and cleans one file. Throws ImportError; a file is parsed whole or
 * not at all. Synchronous, so zip containers (EPUB, .zip) are refused here: use parseFileAsync/readSources.
 */
export function parseFile(name: string, bytes: Uint8Array, limits?: Partial<ImportLimits>): ParsedArticle[] {
  const l = resolveLimits(limits)
  checkSize(bytes, l)
  if (isArchiveName(name) || isZipBytes(bytes)) {
    throw new ImportError(
      'unsupported',
      looksLikeEpub(name, bytes)
        ? 'EPUB is a zip container and is read asynchronously: use parseFileAsync() or readSources()'
        : 'zip archives are read entry by entry: use readSources()'
    )
  }
  const { text, encoding } = decodeBytes(bytes)
  const head = text.slice(0, 4096)
  if (looksLikeKindleClippings(name, head)) throw new AnnotationDocument('kindle', text)
  const format = FORMATS.find((f) => f.detect(name, head))
  if (!format) {
    const ext = extOf(name)
    throw new ImportError(
      'unsupported',
      ext ? `".${ext}" files are not an article format we can read` : 'not a recognised article format'
    )
  }
  return withStackGuard(() => format.parse(name, text, encoding, { limits: l }))
}

/**
 * Parsers recurse (marked on list chains, YAML and JSON on deep nesting). Whatever nesting slips past the
 * format's own depth checks ends as a typed, plain refusal instead of "Maximum call stack size exceeded".
 */
export function withStackGuard<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ImportError('too-deep', 'nested too deeply to read (lists, quotes or brackets inside each other thousands of times)')
    }
    throw error
  }
}

/** Reads an EPUB held in memory (e.g. an archive entry) under the zip limits. */
export async function parseEpubBytes(
  name: string,
  source: { buffer: Buffer } | { path: string },
  limits: ImportLimits,
  budget: ZipBudget = { totalBytes: 0 },
  signal?: AbortSignal
): Promise<ParsedArticle[]> {
  const files = new Map<string, Uint8Array>()
  const opts = signal ? { signal, wanted: isEpubTextEntry } : { wanted: isEpubTextEntry }
  for await (const item of readZip(source, limits, budget, opts)) {
    // A damaged chapter makes the book incomplete: the file is parsed whole or throws.
    if (item.kind === 'failed') {
      if (item.error.code === 'empty') continue
      throw new ImportError(item.error.code, `EPUB entry "${item.name}": ${item.error.message}`, item.error.params)
    }
    files.set(item.name, item.bytes)
  }
  return parseEpub(name, files, { limits })
}

/** Like parseFile, but also reads EPUBs (zip containers need yauzl's asynchronous API). */
export async function parseFileAsync(name: string, bytes: Uint8Array, limits?: Partial<ImportLimits>): Promise<ParsedArticle[]> {
  const l = resolveLimits(limits)
  checkSize(bytes, l)
  if (looksLikeEpub(name, bytes)) {
    return parseEpubBytes(name, { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, l)
  }
  return parseFile(name, bytes, l)
}
