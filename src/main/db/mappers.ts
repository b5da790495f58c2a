// Row ↔ DTO mapping in one place: rows never reach the renderer.
import type { ArticleDetail, ArticleSummary, CleanupInfo, ScriptId, SourceScript } from '@shared/types'
import type { TextKind } from '@shared/anchoring/types'
import type { ArticleRow, NewArticleRow } from './database'

/** The article columns of a list row (ArticleSummary), for every query that selects them. */
export const SUMMARY_COLUMNS = [
  'id',
  'title',
  'source',
  'author',
  'editor',
  'published_at',
  'imported_at',
  'read_state',
  'progress',
  'source_script'
] as const satisfies readonly (keyof ArticleRow)[]

export type SummaryRow = Pick<ArticleRow, (typeof SUMMARY_COLUMNS)[number]> & { tags: string | null; annotation_count: number }

/** Tags are aggregated with group_concat using this separator (a control char no tag name may contain). */
export const TAG_SEPARATOR = '\u001f'

export function splitTags(value: string | null): string[] {
  return value ? value.split(TAG_SEPARATOR).sort((a, b) => a.localeCompare(b, 'zh')) : []
}

export function rowToSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    author: row.author,
    editor: row.editor,
    publishedAt: row.published_at,
    importedAt: row.imported_at,
    tags: splitTags(row.tags),
    readState: row.read_state,
    progress: row.progress,
    annotationCount: row.annotation_count,
    sourceScript: (row.source_script as SourceScript | null) ?? null
  }
}

export function parseRemoved(json: string): CleanupInfo {
  const base: CleanupInfo = { relatedHeadlines: [], placeholders: [], pinyinGlosses: 0 }
  try {
    const value = JSON.parse(json) as Partial<CleanupInfo>
    return { ...base, ...value }
  } catch {
    return base
  }
}

export function rowToDetail(row: ArticleRow, tags: string[], annotationCount: number): ArticleDetail {
  return {
    ...rowToSummary({ ...row, tags: null, annotation_count: annotationCount }),
    tags,
    url: row.url,
    text: row.body_text,
    rawText: row.raw_text,
    rawFormat: row.raw_format,
    rawEncoding: row.raw_encoding,
    originalFile: row.original_file,
    html: row.body_html,
    removed: parseRemoved(row.removed_json),
    useOriginal: row.use_original === 1,
    readingPosition: row.reading_position,
    scriptOverride: (row.script_override as ScriptId | null) ?? null
  }
}

/**
 * What an import read from a file. A ParsedArticle is one; the shape is declared here because db/ imports
 * no services.
 */
export interface ArticleContent {
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
  rawFormat: string
  encoding: string | null
  /** cleaned plain text; paragraphs separated by one '\n', no empty paragraphs, trimmed */
  text: string
  /** sanitised body HTML (allow-list), null for plain-text formats */
  html: string | null
  removed?: object | null
}

/** What the import itself knows about the article. */
export interface ArticleImportFacts {
  /** The file (or `archive!entry`) it came from. */
  file: string
  contentHash: string
  sourceScript: string | null
  importId: number | null
  importedAt: string
}

/** The row an import inserts. An untitled article is named after its file. */
export function toArticleRow(parsed: ArticleContent, facts: ArticleImportFacts): NewArticleRow {
  return {
    title: parsed.title.trim() || facts.file.split(/[\\/!]/).pop() || facts.file,
    source: parsed.source,
    url: parsed.url,
    author: parsed.author,
    editor: parsed.editor,
    published_at: parsed.publishedAt,
    imported_at: facts.importedAt,
    raw_text: parsed.rawText,
    raw_format: parsed.rawFormat,
    raw_encoding: parsed.encoding,
    original_file: facts.file,
    body_text: parsed.text,
    body_html: parsed.html,
    removed_json: JSON.stringify(parsed.removed ?? {}),
    source_script: facts.sourceScript,
    content_hash: facts.contentHash,
    import_id: facts.importId,
    script_override: null,
    last_opened_at: null,
    updated_at: facts.importedAt
  }
}

/** The stored text highlights of `kind` refer to. */
export function textOf(article: Pick<ArticleRow, 'body_text' | 'raw_text'>, kind: TextKind): string {
  return kind === 'original' ? article.raw_text : article.body_text
}

/** The text kind the reader shows for this article. */
export function currentKind(article: Pick<ArticleRow, 'use_original'>): TextKind {
  return article.use_original === 1 ? 'original' : 'clean'
}
