// Shared types for the archive importer: the article shape every format module produces. The typed error
// and the resource limits live in reading/limits.ts (the bottom layer reads bytes under them) and what
// cleanup removes in cleanup/removed.ts; they are re-exported here for the format modules.
import type { ArticleContent } from '../../db/mappers'
import type { ImportLimits } from '../reading/limits'
import type { RemovedContent } from '../cleanup/removed'

export { DEFAULT_LIMITS, ImportError, resolveLimits, type ImportErrorCode, type ImportLimits } from '../reading/limits'
export { emptyRemoved, type RemovedContent } from '../cleanup/removed'

export interface ImportedAnnotation {
  quote: string
  note: string | null
  createdAt: string | null
  ranges?: unknown
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

/** One article as a format module read it: the stored columns (ArticleContent) plus what it carries along. */
export interface ParsedArticle extends ArticleContent {
  rawFormat: RawFormat
  /** what the bytes were decoded as */
  encoding: string
  tags: string[]
  removed: RemovedContent
  annotations: ImportedAnnotation[]
  /** what the user should know about an article that was imported anyway (plain-text fallback, text lost) */
  warnings?: string[]
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

/** What the open dialog and the CLI help show for a format: its name and the file extensions it reads. */
export interface FormatInfo {
  id: string
  label: string
  /** lower case, without the dot */
  extensions: readonly string[]
}

export interface FormatModule extends FormatInfo {
  /** cheap sniff by name + decoded head (first few KB) */
  detect(name: string, head: string): boolean
  /** pure and synchronous; throws ImportError. `ctx` defaults to DEFAULT_LIMITS. */
  parse(name: string, text: string, encoding: string, ctx?: ParseContext): ParsedArticle[]
}

