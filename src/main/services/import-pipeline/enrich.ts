// A duplicate that is the richer copy (main process, inside the import's transaction): the stored article
// gains the metadata it lacked, and the annotations the copy carried (a Wallabag export of an article
// already in the library) are attached to it, so re-importing never loses what the new copy knew. Each
// filled field is recorded with its previous value, so undoing the import takes it back (history.ts).
import type { Db } from '../../db/connection'
import type { ArticleRow } from '../../db/database'
import { fillMissingArticleFields, getArticleRow, type FillableArticleFields } from '../../db/repositories/article.repository'
import { recordEnrichment } from '../../db/repositories/import-enrichment.repository'
import { attachImportedAnnotations, type AnnotationOutcome } from '../annotation-import'
import type { ParsedArticle } from '../formats'

/** Report names of the fields (the API's), with the column each fills. */
const FIELDS = [
  ['author', 'author'],
  ['editor', 'editor'],
  ['publishedAt', 'published_at'],
  ['source', 'source'],
  ['url', 'url']
] as const

function blank(value: string | null | undefined): boolean {
  return !value || value.trim() === ''
}

/**
 * A title that only names where the article came from: empty, or the file name (with or without its
 * extension or `#n`), which is what an import without a title stores.
 */
export function isFileNameTitle(title: string, originalFile: string | null): boolean {
  const t = title.trim()
  if (!t) return true
  const base = (originalFile ?? '').split(/[\\/!]/).pop() ?? ''
  const plain = base.replace(/#L?\d+$/, '')
  return [base, plain, plain.replace(/\.[^.]+$/, '')].includes(t)
}

export interface Absorbed {
  /** the fields the stored article gained, by report name */
  enriched: string[]
  titleChanged: boolean
  annotations: AnnotationOutcome[]
}

/**
 * Fills what `stored` lacks from `copy` and attaches the copy's annotations; `file` names the copy,
 * `importId` the import that records what it changed.
 */
export function absorbDuplicate(db: Db, id: number, copy: ParsedArticle, file: string, importId: number): Absorbed {
  const stored: ArticleRow | undefined = getArticleRow(db, id)
  if (!stored) return { enriched: [], titleChanged: false, annotations: [] }
  const fields: FillableArticleFields = {}
  const enriched: string[] = []
  if (isFileNameTitle(stored.title, stored.original_file) && !isFileNameTitle(copy.title, file)) {
    fields.title = copy.title.trim()
    enriched.push('title')
  }
  const incoming = { author: copy.author, editor: copy.editor, publishedAt: copy.publishedAt, source: copy.source, url: copy.url }
  for (const [name, column] of FIELDS) {
    const value = incoming[name]
    if (blank(stored[column]) && !blank(value)) {
      fields[column] = value
      enriched.push(name)
    }
  }
  fillMissingArticleFields(db, id, fields)
  for (const [field, value] of Object.entries(fields) as [keyof FillableArticleFields, string][]) {
    recordEnrichment(db, { import_id: importId, article_id: id, field, previous: stored[field], value })
  }
  const annotations = copy.annotations.length > 0 ? attachImportedAnnotations(db, id, stored.body_text, copy.annotations, file).entries : []
  return { enriched, titleChanged: fields.title !== undefined, annotations }
}
