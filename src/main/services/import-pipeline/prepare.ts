// Per-article work that needs no database (pure; runs in the import worker thread): the duplicate hash,
// the detected source script and the search-index tokens, so the writer thread only inserts rows.
import { detectScript, foldForSearch, type SourceScript } from '@shared/script'
import type { ParsedArticle } from '../formats'
import type { SourceEvent } from './sources'
import { buildSearchDoc, type SearchDoc } from '../search/document'
import { contentHash } from './content-hash'

export interface PreparedArticle {
  article: ParsedArticle
  hash: string
  sourceScript: SourceScript
  /** Index tokens for title, body and the article's import tags (no annotations exist yet). */
  doc: SearchDoc
}

export type PreparedEvent =
  | Exclude<SourceEvent, { kind: 'file' }>
  | { kind: 'file'; file: string; bytes: number; articles: PreparedArticle[] }

export function prepareArticle(article: ParsedArticle): PreparedArticle {
  return {
    article,
    hash: contentHash(article.title, article.text || article.rawText),
    sourceScript: detectScript(article.title + '\n' + article.text),
    doc: buildSearchDoc({ title: article.title, body: article.text, meta: [] }, foldForSearch)
  }
}

export function prepareEvent(event: SourceEvent): PreparedEvent {
  return event.kind === 'file' ? { ...event, articles: event.articles.map(prepareArticle) } : event
}
