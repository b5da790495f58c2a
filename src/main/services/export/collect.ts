// Gathers what a notes export contains (main process): the articles of a scope with their metadata, tags
// and highlights, every text passed through the chosen script converter.
import { loadConverter, type ScriptId } from '@shared/script'
import type { HighlightColor, TextKind } from '@shared/anchoring/types'
import { AppError } from '@shared/result'
import { all, type Db } from '../../db/connection'
import { normalizeTagName } from '../../db/repositories/tag.repository'

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
    const found = new Set<number>()
    for (const chunk of chunks(ids)) {
      for (const r of all(db, db.kysely.selectFrom('articles').select('id').where('id', 'in', chunk))) found.add(r.id)
    }
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length > 0) throw new AppError('not-found', `article ${missing.join(', ')} does not exist`)
    return ids
  }
  let q = db.kysely
    .selectFrom('articles as a')
    .select('a.id')
    .where((eb) => eb.exists(eb.selectFrom('annotations as n').select('n.id').whereRef('n.article_id', '=', 'a.id')))
  if (scope.kind === 'tag') {
    const norm = normalizeTagName(scope.tag)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags as at')
          .innerJoin('tags as t', 't.id', 'at.tag_id')
          .select('at.article_id')
          .whereRef('at.article_id', '=', 'a.id')
          .where('t.norm_name', '=', norm)
      )
    )
  }
  return all(db, q.orderBy('a.imported_at').orderBy('a.id')).map((r) => r.id)
}

/** Loads the scope's articles and highlights, converted to `script` (titles, metadata, tags, quotes, notes). */
export async function collectNotes(db: Db, scope: NotesScope, script: ScriptId = 'original'): Promise<NotesDocument> {
  const ids = scopeArticleIds(db, scope)
  const converter = script === 'original' ? null : await loadConverter(script, 'auto')
  const convert = converter ? (s: string) => converter.convert(s) : (s: string) => s
  const c = (s: string | null): string | null => (s === null ? null : convert(s))
  const byId = new Map<number, ExportArticle>()
  for (const chunk of chunks(ids)) {
    const rows = all(
      db,
      db.kysely
        .selectFrom('articles')
        .select(['id', 'title', 'source', 'author', 'url', 'published_at', 'imported_at', 'content_hash'])
        .where('id', 'in', chunk)
    )
    for (const r of rows) {
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
    const tags = all(
      db,
      db.kysely
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['at.article_id', 't.name'])
        .where('at.article_id', 'in', chunk)
        .orderBy('t.name')
    )
    for (const t of tags) byId.get(t.article_id)?.tags.push(convert(t.name))
    const notes = all(
      db,
      db.kysely
        .selectFrom('annotations')
        .selectAll()
        .where('article_id', 'in', chunk)
        .orderBy('article_id')
        .orderBy('start_offset')
        .orderBy('end_offset')
        .orderBy('id')
    )
    for (const n of notes) {
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
        updatedAt: n.updated_at
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
