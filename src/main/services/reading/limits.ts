// The typed error every import step throws (the pipeline reports its message by file) and the resource
// limits applied to untrusted input. The bottom layer of import: reading, cleanup and formats all use it.
import type { ImportFailureCode, ImportFailureParams } from '@shared/types'

/** The failure codes of the import report (src/shared/types.ts), the categories of every refusal. */
export type ImportErrorCode = ImportFailureCode

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** what the report's message needs: numbers, names, `what`/`format` for the exact case */
    readonly params?: ImportFailureParams
  ) {
    super(message)
    this.name = 'ImportError'
  }
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
  /** elements one HTML page or body may have before it is imported as plain text instead of through a DOM */
  maxHtmlElements: number
  /** milliseconds one HTML body may spend in sanitising before it is imported as plain text */
  maxHtmlMs: number
  /** characters of one record (a JSON Lines line, a JSON file) or one Markdown file */
  maxRecordChars: number
}

// Numbers follow RELIABILITY.md §3.2/§3.3 (50 MiB text, 20 000 entries, 2 GiB total, 100x ratio, 512 depth).
// The element and record limits keep one input under 1 GB of RSS: jsdom costs ~4 KB per element, and
// parsing, cleaning and indexing one record costs ~30 times its size.
export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxZipEntries: 20_000,
  maxZipTotalBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxNesting: 3,
  maxHtmlDepth: 512,
  maxHtmlElements: 50_000,
  maxHtmlMs: 15_000,
  maxRecordChars: 16 * 1024 * 1024
}

export function resolveLimits(limits?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...(limits ?? {}) }
}
