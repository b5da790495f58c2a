// DTOs the renderer sees. Rows never cross IPC: main maps rows to these shapes in db/mappers.ts.
import type { ScriptId, SourceScript } from './script'
import type { Finding } from './proofread/types'

export type { ScriptId, SourceScript }

export type UiLanguage = 'zh-Hans' | 'zh-Hant' | 'en'
export type Theme = 'light' | 'sepia' | 'dark'
export type ReadState = 'unread' | 'read'
/** 'relevance' ranks search results (bm25); without a search it falls back to imported date. */
export const LIST_SORTS = ['relevance', 'imported', 'published', 'title', 'source'] as const
export type ListSort = (typeof LIST_SORTS)[number]
/** The sorts by an article column (each has its indexes in the library). */
export type ListSortColumn = Exclude<ListSort, 'relevance'>
export const LIST_SORT_COLUMNS = LIST_SORTS.filter((s): s is ListSortColumn => s !== 'relevance')
export type ListFilter = 'all' | 'unread' | 'read' | 'annotated'

export interface ArticleSummary {
  id: number
  title: string
  source: string | null
  author: string | null
  editor: string | null
  publishedAt: string | null
  importedAt: string
  tags: string[]
  readState: ReadState
  /** 0..1, how far the reader got. */
  progress: number
  annotationCount: number
  sourceScript: SourceScript | null
  /** Search snippet with matches wrapped in U+E000 … U+E001 (present only for search results). */
  snippet?: string
  /** Open proofreading findings, once the article has been proofread (null before: never computed for a list page). */
  proofreadFindings?: number | null
}

export interface CleanupInfo {
  relatedHeadlines: string[]
  placeholders: string[]
  pinyinGlosses: number
  [key: string]: unknown
}

export interface ArticleDetail extends ArticleSummary {
  url: string | null
  /** Cleaned plain text; paragraphs separated by '\n'. Annotations anchor on the text being shown. */
  text: string
  /** The verbatim original as imported (decoded). */
  rawText: string
  rawFormat: string
  rawEncoding: string | null
  originalFile: string | null
  /** Sanitised HTML of the body, when the article came from HTML. */
  html: string | null
  removed: CleanupInfo
  /** When true the reader shows the original text instead of the cleaned text. */
  useOriginal: boolean
  /** Character offset in the shown text where the reader was. */
  readingPosition: number
  /** Per-article script override, or null to follow the global default. */
  scriptOverride: ScriptId | null
}

export interface ListQuery {
  offset: number
  limit: number
  sort: ListSort
  order: 'asc' | 'desc'
  filter: ListFilter
  search?: string
  tagsAll?: string[]
  tagsAny?: string[]
  tagsNone?: string[]
  source?: string
  dateFrom?: string
  dateTo?: string
}

export interface ListPage {
  items: ArticleSummary[]
  total: number
  offset: number
  /** True when `total` is an estimate (a large search total): `articles:count` gives the exact one. */
  totalApprox?: boolean
}

export interface Settings {
  /** 'system' follows the OS language. */
  uiLanguage: UiLanguage | 'system'
  theme: Theme
  /** Reading font size in px. */
  fontSize: number
  lineHeight: number
  /** Global default display script. */
  script: ScriptId
  /** Reading direction of the article body: vertical is `writing-mode: vertical-rl`, pages flowing right to left. */
  writing: WritingMode
  /** Pinyin over Han characters in the reader (<ruby>). */
  ruby: boolean
  /** Team archive: colleagues' highlights shown in the reader (the member's own always are). */
  colleagueLayers: boolean
}

export type WritingMode = 'horizontal' | 'vertical'

export const DEFAULT_SETTINGS: Settings = {
  uiLanguage: 'system',
  theme: 'light',
  fontSize: 19,
  lineHeight: 1.85,
  script: 'original',
  writing: 'horizontal',
  ruby: false,
  colleagueLayers: true
}

export const FONT_SIZE_MIN = 14
export const FONT_SIZE_MAX = 32

export interface AppInfo {
  name: string
  version: string
  dbPath: string
  systemLanguage: UiLanguage
  articleCount: number
  /** 'electron' inside the desktop app, 'preview' in the browser preview host. */
  host: 'electron' | 'preview'
}

export interface TagCount {
  name: string
  /** Articles carrying this tag or any of its sub-tags (`政法` counts `政法/平安建設`). */
  count: number
}

export interface TagCountRow extends TagCount {
  /** Articles carrying exactly this tag. */
  direct: number
  /** True for a path prefix no article carries itself. */
  implicit: boolean
}

export interface TagTreeNode extends TagCountRow {
  /** Last path segment, e.g. 平安建設. */
  label: string
  children: TagTreeNode[]
}

export interface TagOperationResult {
  /** Pass to tags:undo to reverse this operation. */
  token: string
  kind: string
  articles: number
  tags: number
}

export interface TagSuggestion {
  name: string
  score: number
  count: number
}

export interface SearchHit {
  id: number
  title: string
  /** Excerpt with matches wrapped in U+E000 … U+E001. */
  snippet: string
  /** bm25: lower is better. */
  score: number
}

export interface SearchResult {
  hits: SearchHit[]
  total: number
}

/**
 * Why a file or record was not imported, for the UI to say in its language (the `reason` sentence stays
 * English, for the CLI and logs). Reading and format errors keep their category; params carry the
 * numbers and names a message needs (`*Bytes` are byte counts, `what`/`format` pick the exact message).
 */
export const IMPORT_FAILURE_CODES = [
  'not-found',
  'permission',
  'io',
  'not-a-file',
  'unsafe-path',
  'not-stored',
  'empty',
  'no-article',
  'unsupported',
  'links-only',
  'excerpt-only',
  'binary',
  'undecodable',
  'too-large',
  'too-deep',
  'zip-bomb',
  'corrupt',
  'parse-error',
  'no-annotations',
  'cancelled',
  'record-not-saved',
  'internal'
] as const
export type ImportFailureCode = (typeof IMPORT_FAILURE_CODES)[number]
export type ImportFailureParams = Record<string, string | number>

export interface ImportFailure {
  file: string
  /** absent only in reports stored before codes existed */
  code: ImportFailureCode
  params?: ImportFailureParams
  reason: string
}

export interface ImportReport {
  importId: number
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'undone'
  startedAt: string
  finishedAt: string | null
  /** `file` is `file#n` for an item of a container (feed, JSON list, export), `file#L<n>` in JSON Lines */
  imported: { file: string; id: number; title: string }[]
  /**
   * Set when the import ran with `listImported: false` (the CLI): `imported` is then left empty however
   * many went in, and the articles are read back from the library by import id (writeReportJson).
   */
  importedCount?: number
  duplicates: ImportDuplicate[]
  /** whole files and single items (by name) that were not imported, excerpt-only records included */
  failed: ImportFailure[]
  /** saved links without article text, per file: kept here (and in the stored report) for the user */
  linksOnly: ImportLinks[]
  /** one entry per incoming highlight or note (W3C JSON, Kindle clippings, Wallabag annotations) */
  annotations: ImportAnnotationEntry[]
  /** Imported articles the user should look at: a page read as plain text, text lost to sanitising. */
  warnings: ImportWarning[]
}

export interface ImportDuplicate {
  file: string
  duplicateOf: number
  /** metadata the stored article lacked and gained from this copy (`title`, `author`, `publishedAt`, …) */
  enriched?: string[]
}

export interface ImportLink {
  /** `file#n` */
  item: string
  title: string | null
  url: string
  tags: string[]
  note: string | null
  /** ISO 8601 when known */
  savedAt: string | null
}

export interface ImportLinks {
  file: string
  /** how many */
  links: number
  items: ImportLink[]
}

export interface ImportWarning {
  file: string
  articleId: number
  message: string
}

/**
 * What became of one incoming highlight or note: `attached` (stored, or joined the highlight on its range),
 * `duplicate` (already there), `orphaned` (its article is in the library, the quote is not found in it),
 * `unmatched` (no article matched), `skipped` (an item that is no annotation, such as a Kindle bookmark:
 * named so it is accounted for, nothing to place). The unplaced ones are the inputs not done.
 */
export const ANNOTATION_STATUSES = ['attached', 'orphaned', 'unmatched', 'duplicate', 'skipped'] as const
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number]
export const UNPLACED_ANNOTATION_STATUSES: readonly AnnotationStatus[] = ['unmatched', 'orphaned']

export interface ImportAnnotationEntry {
  /** the file of highlights, `file#n` inside a collection, or the article item that carried it */
  file: string
  quote: string
  articleId: number | null
  status: AnnotationStatus
  reason: string
}

/** An imported highlight whose article is not in the library yet (attached when it is imported). */
export interface UnattachedNote {
  id: number
  quote: string
  note: string | null
  /** the title the input named (a Kindle book, dcterms:title) */
  title: string | null
  /** the URL (or id) it targets */
  source: string | null
  /** the file it came from */
  file: string
  createdAt: string | null
  storedAt: string
}

export interface ImportProgress {
  importId: number
  filesDone: number
  bytesDone: number
  bytesTotal: number | null
  imported: number
  duplicates: number
  failed: number
}

export interface ImportHistoryEntry {
  importId: number
  status: ImportReport['status']
  startedAt: string
  finishedAt: string | null
  sources: string[]
  importedCount: number
  duplicateCount: number
  failedCount: number
}

/** Commands the native menu sends to the renderer. */
export type MenuCommand =
  | 'import'
  | 'export-notes'
  | 'backup'
  | 'restore'
  | 'theme:light'
  | 'theme:sepia'
  | 'theme:dark'
  | 'font:increase'
  | 'font:decrease'
  | 'font:reset'
  | `script:${ScriptId}`
  | 'about'

/** One CC-CEDICT entry, its pinyin with tone marks. */
export interface DictionaryEntry {
  traditional: string
  simplified: string
  pinyin: string
  english: string[]
}

/** dictionary:lookup: a selection's pinyin (read by word), its forms in every script, and its dictionary words. */
export interface DictionaryLookup {
  text: string
  pinyin: string
  forms: { script: Exclude<ScriptId, 'original'>; text: string }[]
  /** Entries for the whole text when it is one word, else for its words by longest match, in reading order. */
  entries: DictionaryEntry[]
}

/** The editor's decision on a proofreading finding; null while it is open. */
export type ProofreadDecision = 'accepted' | 'ignored'

/** One finding on an article's cleaned text (offsets into ArticleDetail.text) with its decision. */
export interface ProofreadItem extends Finding {
  decision: ProofreadDecision | null
}

/** proofread:get / proofread:decide: an article's findings to its own script, in reading order. */
export interface ArticleProofread {
  articleId: number
  standard: SourceScript
  items: ProofreadItem[]
  /** Findings neither accepted nor ignored (what the list shows). */
  open: number
}

/** Why the last team-archive sync failed, for the window to say in its language (issue 15). */
/** signed-out: the token kept here cannot be opened on this machine (a copied library): sign in again. */
export type SyncErrorKind = 'unreachable' | 'unauthorized' | 'signed-out' | 'forbidden' | 'conflict' | 'refused'

/** sync:status: whether this library is joined to a team archive and how its changes stand. */
export interface SyncStatusView {
  state: 'unbound' | 'synced' | 'pending'
  /** Local changes not yet accepted by the server. */
  pending: number
  /** A round is running now. */
  syncing: boolean
  member?: { name: string; role: 'admin' | 'editor' | 'viewer' }
  server?: string
  group?: string
  /** The server's or the network's words (English); lastErrorKind says it in the UI language when known. */
  lastError?: string
  lastErrorKind?: SyncErrorKind
  lastSyncedAt?: string
}

/** sync:activity: the group's activity per UTC day (YYYY-MM-DD) and member, newest day first. */
export interface SyncActivityView {
  days: number
  rows: Array<{ day: string; member: string; imported: number; annotated: number; commented: number }>
}

/** One comment of an article's discussion thread (team archive, issue 15). */
export interface CommentView {
  id: number
  articleId: number
  /** The member who wrote it (this library's member for their own). */
  author: string
  /** Written by this library's member: theirs to edit and delete. */
  mine: boolean
  text: string
  createdAt: string
  updatedAt: string
  /** A change of it has not reached the server yet. */
  pending: boolean
}

/** comments:list: the thread, or joined false when the library is not in a team archive (no thread). */
export interface CommentThread {
  joined: boolean
  items: CommentView[]
}

/** annotations:hide / comments:hide: what was hidden, and the server key its Undo (unhide) names. */
export interface HiddenNote {
  kind: 'annotation' | 'comment'
  key: string
  articleId: number
}
