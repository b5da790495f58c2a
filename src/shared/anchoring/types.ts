// Annotation DTOs and W3C selector shapes shared by main, preload and renderer (pure types + constants).
// Rows never cross IPC: src/main/services/annotations maps rows to these.
import type { ScriptId } from '../script/types'

/** Which stored text of an article offsets refer to: the cleaned body or the verbatim original. */
export type TextKind = 'clean' | 'original'

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number]

/** W3C TextPositionSelector: UTF-16 code unit offsets into the stored text, end exclusive. */
export interface TextPositionSelector {
  type: 'TextPositionSelector'
  start: number
  end: number
}

/** W3C TextQuoteSelector: the highlighted text with up to 32 characters of context either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector'
  exact: string
  prefix: string
  suffix: string
}

export interface TextSelectors {
  position: TextPositionSelector
  quote: TextQuoteSelector
}

/** How a highlight was found again: at its stored position, by its exact quote, by the normalised quote, or approximately. */
export type AnchorMethod = 'position' | 'quote' | 'normalized' | 'fuzzy'

export interface AnchoredRange {
  start: number
  end: number
  method: AnchorMethod
  /** 0..1: how well the quote and its context matched (1 = exact). */
  score: number
}

/** One highlight as the reader shows it. */
export interface AnnotationView {
  id: number
  articleId: number
  color: HighlightColor
  /** Markdown source of the note (render with care: the renderer sanitises). */
  note: string | null
  /** The highlighted text as stored (TextQuoteSelector.exact). */
  quote: string
  /** The text kind and range the highlight was made on. */
  storedKind: TextKind
  storedStart: number
  storedEnd: number
  /** The text kind this view was anchored against (the article's current one unless asked otherwise). */
  textKind: TextKind
  /** Range in that text; null when the highlight could not be found (orphan). */
  start: number | null
  end: number | null
  orphan: boolean
  anchoredBy: AnchorMethod | null
  createdAt: string
  updatedAt: string
  /** Team archive: the colleague whose layer this highlight is; absent for the member's own. */
  author?: string
}

export interface AnnotationList {
  articleId: number
  textKind: TextKind
  /** Anchored highlights in reading order (start, then end, then id), then orphans by creation. */
  items: AnnotationView[]
  orphanCount: number
}

export interface AnnotationUndoResult {
  /** The change that was undone. */
  undone: 'create' | 'update' | 'delete'
  annotationId: number
  /** The highlight as it is after the undo; null when undoing a create removed it. */
  annotation: AnnotationView | null
}

export interface AnnotationSearchQuery {
  articleId?: number
  tag?: string
  colors?: HighlightColor[]
  /** ISO dates, inclusive, on the creation time. */
  from?: string
  to?: string
  /** Substring searched in quote and note, script-insensitively. */
  text?: string
  /** null: the member's own highlights; a name: that colleague's. Absent: everyone's. */
  author?: string | null
  offset: number
  limit: number
}

/** A highlight in the library-wide list (not re-anchored: stored selectors only). */
export interface AnnotationHit {
  id: number
  articleId: number
  articleTitle: string
  color: HighlightColor
  note: string | null
  quote: string
  textKind: TextKind
  start: number
  end: number
  createdAt: string
  updatedAt: string
  /** A colleague's name on their highlight (team archive); absent on the member's own. */
  author?: string
}

export interface AnnotationSearchPage {
  items: AnnotationHit[]
  total: number
  offset: number
  /** Colleagues with highlights in this library (team archive), for the author filter; empty when alone. */
  authors?: string[]
}

export type NotesExportFormat = 'md' | 'json' | 'csv' | 'html'
export type ArticleExportFormat = 'md' | 'html' | 'txt'
export type ExportScope = 'article' | 'articles' | 'tag' | 'library'

/** A file the renderer offers as a download (preview host) — content is text (UTF-8). */
export interface ExportFile {
  fileName: string
  mimeType: string
  content: string
}

export type ExportOutcome =
  | { status: 'saved'; paths: string[]; annotationCount: number; articleCount: number }
  | { status: 'download'; files: ExportFile[]; annotationCount: number; articleCount: number }
  | { status: 'cancelled' }

export type { ScriptId }
