// Shared types for the archive importer: the article shape every format module produces,
// the typed error the pipeline switches on, and the resource limits applied to untrusted input.

export interface ImportedAnnotation {
  quote: string
  note: string | null
  createdAt: string | null
  ranges?: unknown
}

export interface RemovedContent {
  relatedHeadlines: string[]
  placeholders: string[]
  pinyinGlosses: number
  [k: string]: unknown
}

export type RawFormat =
  | 'text'
  | 'html'
  | 'markdown'
  | 'json'
  | 'jsonl'
  | 'wallabag'
  | 'rss'
  | 'atom'
  | 'epub'
  | 'newsml'
  | 'nitf'

export interface ParsedArticle {
  title: string
  /** site / publication name (title suffix, og:site_name, feed title) */
  source: string | null
  url: string | null
  author: string | null
  editor: string | null
  /** ISO 8601 when known */
  publishedAt: string | null
  /** verbatim decoded original: whole file for single-article files, the item's own source for containers */
  rawText: string
  rawFormat: RawFormat
  /** what the bytes were decoded as */
  encoding: string
  /** cleaned plain text; paragraphs separated by one '\n', no empty paragraphs, trimmed */
  text: string
  /** sanitised body HTML (allow-list), null for plain-text formats */
  html: string | null
  tags: string[]
  removed: RemovedContent
  annotations: ImportedAnnotation[]
}

export type ImportErrorCode =
  | 'unsupported'
  | 'links-only'
  | 'empty'
  | 'binary'
  | 'undecodable'
  | 'too-large'
  | 'corrupt'
  | 'zip-bomb'
  | 'unsafe-path'
  | 'too-deep'
  | 'parse-error'

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ImportError'
  }
}

export interface ParseContext {
  limits: ImportLimits
}

/**
 * Thrown by a format that recognises a file of highlights rather than articles (our own W3C JSON export,
 * Kindle's My Clippings.txt). readSources turns it into an `annotations` event; the import pipeline
 * attaches them to articles already in the library once the articles of the same import are written.
 */
export class AnnotationDocument extends Error {
  constructor(
    readonly format: 'w3c' | 'kindle',
    readonly text: string
  ) {
    super(`a ${format === 'w3c' ? 'W3C Web Annotation' : 'Kindle clippings'} file`)
    this.name = 'AnnotationDocument'
  }
}

export interface FormatModule {
  id: string
  /** cheap sniff by name + decoded head (first few KB) */
  detect(name: string, head: string): boolean
  /** pure and synchronous; throws ImportError. `ctx` defaults to DEFAULT_LIMITS. */
  parse(name: string, text: string, encoding: string, ctx?: ParseContext): ParsedArticle[]
}

export interface ImportLimits {
  /** largest single file or archive entry we decode (bytes) */
  maxFileBytes: number
  maxZipEntries: number
  /** sum of streamed uncompressed bytes over one archive, nested archives included */
  maxZipTotalBytes: number
  /** uncompressed/compressed, checked on the streamed bytes once 100 KiB has come out */
  maxCompressionRatio: number
  /** how many archive levels deep we open: a top-level zip or EPUB is level 1, a zip inside it level 2 */
  maxNesting: number
  /** open-element depth allowed in HTML before it reaches a DOM */
  maxHtmlDepth: number
}

// Numbers follow RELIABILITY.md §3.2/§3.3 (50 MiB text, 20 000 entries, 2 GiB total, 100x ratio, 512 depth).
export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxZipEntries: 20_000,
  maxZipTotalBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxNesting: 3,
  maxHtmlDepth: 512
}

export function resolveLimits(limits?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...(limits ?? {}) }
}

export function emptyRemoved(): RemovedContent {
  return { relatedHeadlines: [], placeholders: [], pinyinGlosses: 0 }
}
