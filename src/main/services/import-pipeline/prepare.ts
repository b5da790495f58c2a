// Per-article work that needs no database (pure; runs in the import worker thread): the duplicate key,
// the detected source script and the search-index tokens, so the writer thread only inserts rows.
import { detectScript, foldForSearch, type SourceScript } from '@shared/script'
import type { ParsedArticle } from '../formats'
import type { SourceEvent } from './sources'
import { buildSearchDoc, type SearchDoc } from '../search/document'
import { duplicateKey } from './content-hash'

export interface PreparedArticle {
  article: ParsedArticle
  hash: string
  /** see DuplicateKey.legacyHash */
  legacyHash: string | null
  /** no text: reported as empty, never inserted or taken for a duplicate */
  empty: boolean
  sourceScript: SourceScript
  /** Index tokens for title, body and the article's import tags (no annotations exist yet). */
  doc: SearchDoc
}

export type PreparedEvent =
  | Exclude<SourceEvent, { kind: 'file' }>
  | (Omit<Extract<SourceEvent, { kind: 'file' }>, 'articles'> & { articles: PreparedArticle[] })

export function prepareArticle(article: ParsedArticle): PreparedArticle {
  const { hash, legacyHash } = duplicateKey(article.title, article.text || article.rawText)
  return {
    article,
    hash,
    legacyHash,
    // The cleaned text, not the original: a JSON record's original is never empty, its body may be.
    empty: article.text.trim() === '',
    sourceScript: detectScript(article.title + '\n' + article.text),
    doc: buildSearchDoc({ title: article.title, body: article.text, meta: [] }, foldForSearch)
  }
}

export function prepareEvent(event: SourceEvent): PreparedEvent {
  return event.kind === 'file' ? { ...event, articles: event.articles.map(prepareArticle) } : event
}
