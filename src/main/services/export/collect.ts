// Gathers what a notes export contains (main process): the articles of a scope with their metadata, tags
// and highlights, every text passed through the chosen script converter.
import { loadConverter, type ScriptId } from '@shared/script'
import type { HighlightColor, TextKind } from '@shared/anchoring/types'
import { AppError } from '@shared/result'
import type { Db } from '../../db/connection'
import { annotationsOfArticles } from '../../db/repositories/annotation.repository'
import {
  articleIdsInImportOrder,
  existingArticleIds,
  getExportRows,
  tagNamesOfArticles
} from '../../db/repositories/article.repository'
import { getBinding } from '../../db/repositories/sync.repository'

export type NotesScope =
  | { kind: 'article'; articleId: number }
  | { kind: 'articles'; articleIds: number[] }
  | { kind: 'tag'; tag: string }
  | { kind: 'library' }

export interface ExportAnnotation {
  id: number
  color: HighlightColor
  note: string | null
  quote: string
  prefix: string
  suffix: string
  textKind: TextKind
  start: number
  end: number
  createdAt: string
  updatedAt: string
  /** Who made it: a colleague's name, the member's own name when the library is joined to a group, else null. */
  author: string | null
}

export interface ExportArticle {
  id: number
  title: string
  source: string | null
  author: string | null
  url: string | null
  publishedAt: string | null
  importedAt: string
  /** Stable identity across libraries: the script-folded content hash. */
  contentHash: string
  tags: string[]
  /** In reading order of the stored offsets. */
  annotations: ExportAnnotation[]
}

export interface NotesDocument {
  generatedAt: string
  script: ScriptId
  articles: ExportArticle[]
  annotationCount: number
}

const CHUNK = 500

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** Article ids of a scope, in export order. Explicit ids must exist; tag and library scopes hold annotated articles only. */
export function scopeArticleIds(db: Db, scope: NotesScope): number[] {
  if (scope.kind === 'article' || scope.kind === 'articles') {
    const ids = scope.kind === 'article' ? [scope.articleId] : [...new Set(scope.articleIds)]
    const found = new Set(existingArticleIds(db, ids))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length > 0) throw new AppError('not-found', `article ${missing.join(', ')} does not exist`)
    return ids
  }
  return articleIdsInImportOrder(db, { annotated: true, tag: scope.kind === 'tag' ? scope.tag : undefined })
}

/** Loads the scope's articles and highlights, converted to `script` (titles, metadata, tags, quotes, notes). */
export async function collectNotes(db: Db, scope: NotesScope, script: ScriptId = 'original'): Promise<NotesDocument> {
  const ids = scopeArticleIds(db, scope)
  const converter = script === 'original' ? null : await loadConverter(script, 'auto')
  const convert = converter ? (s: string) => converter.convert(s) : (s: string) => s
  const c = (s: string | null): string | null => (s === null ? null : convert(s))
  // Own highlights are stored with author null; in a team archive they are the member's.
  const ownName = getBinding(db)?.member_name ?? null
  const byId = new Map<number, ExportArticle>()
  for (const chunk of chunks(ids)) {
    for (const r of getExportRows(db, chunk)) {
      byId.set(r.id, {
        id: r.id,
        title: convert(r.title),
        source: c(r.source),
        author: c(r.author),
        url: r.url,
        publishedAt: r.published_at,
        importedAt: r.imported_at,
        contentHash: r.content_hash,
        tags: [],
        annotations: []
      })
    }
    for (const t of tagNamesOfArticles(db, chunk)) byId.get(t.article_id)?.tags.push(convert(t.name))
    for (const n of annotationsOfArticles(db, chunk)) {
      byId.get(n.article_id)?.annotations.push({
        id: n.id,
        color: n.color as HighlightColor,
        note: c(n.note),
        quote: convert(n.exact),
        prefix: convert(n.prefix),
        suffix: convert(n.suffix),
        textKind: n.text_kind,
        start: n.start_offset,
        end: n.end_offset,
        createdAt: n.created_at,
        updatedAt: n.updated_at,
        author: n.author ?? ownName
      })
    }
  }
  const articles = ids.map((id) => byId.get(id)).filter((a): a is ExportArticle => a !== undefined)
  return {
    generatedAt: new Date().toISOString(),
    script,
    articles,
    annotationCount: articles.reduce((n, a) => n + a.annotations.length, 0)
  }
}

/** The IRI notes exports use for an article: stable across libraries and scripts (content hash). */
export function articleIri(contentHash: string): string {
  return `urn:marginalia:article:${contentHash}`
}

export function annotationIri(contentHash: string, annotationId: number): string {
  return `urn:marginalia:annotation:${contentHash.slice(0, 16)}:${annotationId}`
}
