// Typed table interfaces for kysely (main process only). Rows stay in main; db/mappers.ts turns them into
// the DTOs of src/shared/types.ts.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface ArticleTable {
  id: Generated<number>
  title: string
  source: string | null
  url: string | null
  author: string | null
  editor: string | null
  published_at: string | null
  imported_at: string
  /** Verbatim original as decoded from the file: never rewritten. */
  raw_text: string
  raw_format: string
  raw_encoding: string | null
  original_file: string | null
  /** Cleaned plain text derived from raw_text (paragraphs separated by '\n'). */
  body_text: string
  /** Sanitised HTML derived from raw_text, when the source was HTML. */
  body_html: string | null
  /** JSON: what cleanup removed (related headlines, placeholders, pinyin glosses, …). */
  removed_json: string
  source_script: string | null
  /** sha256 of the script-folded, whitespace-folded cleaned text: recognises duplicates across scripts. */
  content_hash: string
  import_id: number | null
  read_state: Generated<'unread' | 'read'>
  progress: Generated<number>
  reading_position: Generated<number>
  use_original: Generated<number>
  script_override: string | null
  last_opened_at: string | null
  updated_at: string
}

export interface TagTable {
  id: Generated<number>
  name: string
  /** Script- and case-folded name: names differing only by script are one tag. */
  norm_name: string
  created_at: string
}

export interface ArticleTagTable {
  article_id: number
  tag_id: number
  origin: 'import' | 'user'
}

export interface AnnotationTable {
  id: Generated<number>
  article_id: number
  color: string
  note: string | null
  /** TextPositionSelector on the stored text the highlight was made on. */
  start_offset: number
  end_offset: number
  /** TextQuoteSelector. */
  exact: string
  prefix: string
  suffix: string
  /** Which stored text the offsets refer to: 'clean' or 'original'. */
  text_kind: 'clean' | 'original'
  created_at: string
  updated_at: string
  /** Team archive (migration 0006): null for this library's own member, else the colleague's name. */
  author: string | null
}

export interface ImportTable {
  id: Generated<number>
  started_at: string
  finished_at: string | null
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'undone'
  sources_json: string
  imported_count: number
  duplicate_count: number
  failed_count: number
  /** JSON of duplicates and failures (imported rows are the articles with this import_id). */
  report_json: string
}

export interface SettingTable {
  key: string
  value_json: string
}

/** One undo step per annotation change, written in the change's own transaction. */
export interface AnnotationUndoTable {
  id: Generated<number>
  article_id: number
  annotation_id: number
  action: 'create' | 'update' | 'delete'
  /** JSON of the annotation row before the change (null for create). */
  before_json: string | null
  created_at: string
}

/** Undo entries of tag operations (rename, merge, delete, bulk edits), by token. */
export interface TagUndoTable {
  token: string
  kind: string
  changes_json: string
  created_at: string
}

/** Article count per tag, kept by triggers on article_tags. */
export interface TagStatsTable {
  tag_id: number
  article_count: Generated<number>
}

/** Article count per tag-path prefix (the tree's folder counts), kept by triggers. */
export interface ReadStateCountsTable {
  read_state: 'unread' | 'read'
  article_count: number
}

export interface TagTreeStatsTable {
  anc: string
  article_count: Generated<number>
}

/** One row only inside a bulk tag move's transaction: the count triggers skip, the move fixes the counts. */
export interface TagBulkTable {
  id: number
}

/** Every `/`-prefix of each tag's folded name, kept by triggers on tags: the tag subtree in one index probe. */
export interface TagAncestorsTable {
  tag_id: number
  anc: string
}

/** 1..N, a numbers table for splitting tag paths in SQL. */
export interface TagPositionsTable {
  i: number
}

/** Articles whose search document must be rebuilt (filled by triggers, drained by the indexer). */
export interface SearchDirtyTable {
  article_id: number
}

export interface SearchMetaTable {
  key: string
  value: string
}

/** FTS5 (contentless): bigram index of title, body and annotation text (meta). */
export interface SearchBiTable {
  rowid: number
  title: string
  body: string
  meta: string
}

/** FTS5 (contentless, detail=none): one token per distinct character, for one-character queries. */
export interface SearchUniTable {
  rowid: number
  chars: string
}

export interface SchemaMigrationTable {
  name: string
  applied_at: string
}

/** A highlight imported before its article (migration 0008): what the input said, to match it later. */
export interface UnattachedNoteTable {
  id: Generated<number>
  format: 'w3c' | 'kindle'
  /** the file it came from (`file#n` inside a collection) */
  file: string
  quote: string
  note: string | null
  title: string | null
  /** JSON string[]: the sources it targets as the input gave them (URLs, urn:marginalia:article ids) */
  sources_json: string
  /** JSON TextSelection (quote, position, range) */
  selection_json: string
  text_kind: 'clean' | 'original'
  color: string
  tags_json: string
  created_at: string | null
  modified_at: string | null
  stored_at: string
  /** set when the user deleted it (kept until the next import so Undo can restore it) */
  deleted_at: string | null
}

/** A field an import filled in on an article it found already stored (migration 0010), for Undo. */
export interface ImportEnrichmentTable {
  id: Generated<number>
  import_id: number
  article_id: number
  field: 'title' | 'author' | 'editor' | 'published_at' | 'source' | 'url'
  previous: string | null
  /** what the import wrote */
  value: string
}

/** An unattached note an import attached to one of its articles (migration 0010): the row as it was. */
export interface ImportAttachedNoteTable {
  id: Generated<number>
  import_id: number
  note_json: string
}

/** An editor's decision on one proofreading finding (migration 0005), keyed by the finding itself. */
export interface ProofreadDecisionTable {
  id: Generated<number>
  article_id: number
  code: string
  /** Range and text of the finding in the cleaned text (body_text). */
  start_offset: number
  end_offset: number
  text: string
  suggestion: string
  decision: 'accepted' | 'ignored'
  decided_at: string
}

/** An article's last proofreading to its own script; dropped by a trigger when its text changes. */
export interface ProofreadCacheTable {
  article_id: number
  standard: string
  findings_json: string
  /** Findings neither accepted nor ignored. */
  open_count: number
  computed_at: string
}

/** The group this library is joined to (one row at most; migration 0006). */
export interface SyncBindingTable {
  id: number
  server: string
  group_id: string
  member_name: string
  member_role: string
  last_version: number
  last_synced_at: string | null
  last_error: string | null
  /** 1 only inside the transaction applying a pull: the outbox triggers stay quiet. */
  applying: number
  bound_at: string
}

/** Shared changes waiting to be pushed, written by triggers in the change's own transaction. */
export interface SyncOutboxTable {
  id: Generated<number>
  op_id: Generated<string>
  entity: 'article' | 'field' | 'tag' | 'annotation' | 'comment' | 'reading' | 'setting'
  op: 'insert' | 'update' | 'delete'
  local_id: number
  payload: string
  created_at: Generated<string>
}

/** The server objects this library knows: key, local row and the version last seen. */
export interface SyncObjectTable {
  kind: string
  key: string
  local_id: number | null
  version: number
  deleted: number
}

/** A comment in an article's discussion thread (migration 0011). */
export interface CommentTable {
  id: Generated<number>
  article_id: number
  /** null for this library's own member (as annotations.author), else the colleague's name. */
  author: string | null
  text: string
  created_at: string
  updated_at: string
}

export interface Database {
  articles: ArticleTable
  tags: TagTable
  article_tags: ArticleTagTable
  annotations: AnnotationTable
  annotation_undo: AnnotationUndoTable
  imports: ImportTable
  settings: SettingTable
  tag_undo: TagUndoTable
  tag_stats: TagStatsTable
  tag_tree_stats: TagTreeStatsTable
  read_state_counts: ReadStateCountsTable
  tag_ancestors: TagAncestorsTable
  tag_bulk: TagBulkTable
  tag_positions: TagPositionsTable
  search_dirty: SearchDirtyTable
  search_meta: SearchMetaTable
  search_bi: SearchBiTable
  search_uni: SearchUniTable
  schema_migrations: SchemaMigrationTable
  unattached_notes: UnattachedNoteTable
  import_enrichments: ImportEnrichmentTable
  import_attached_notes: ImportAttachedNoteTable
  proofread_decisions: ProofreadDecisionTable
  proofread_cache: ProofreadCacheTable
  sync_binding: SyncBindingTable
  sync_outbox: SyncOutboxTable
  sync_objects: SyncObjectTable
  comments: CommentTable
}

export type ArticleRow = Selectable<ArticleTable>
export type NewArticleRow = Insertable<ArticleTable>
export type ArticleUpdate = Updateable<ArticleTable>
export type TagRow = Selectable<TagTable>
export type AnnotationRow = Selectable<AnnotationTable>
export type ImportRow = Selectable<ImportTable>
