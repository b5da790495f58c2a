// Row ↔ DTO mapping in one place: rows never reach the renderer.
import type { ArticleDetail, ArticleSummary, CleanupInfo, ScriptId, SourceScript } from '@shared/types'
import type { ArticleRow } from './database'

export type SummaryRow = Pick<
  ArticleRow,
  | 'id'
  | 'title'
  | 'source'
  | 'author'
  | 'editor'
  | 'published_at'
  | 'imported_at'
  | 'read_state'
  | 'progress'
  | 'source_script'
> & { tags: string | null; annotation_count: number }

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
