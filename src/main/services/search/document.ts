// What one article contributes to the search index (main process, pure): the token streams of its folded
// title, body and meta text (annotation quotes and notes), and its distinct characters. Tag names are not
// indexed: search matches them live from the tags table, so renaming a tag touches no index entry.
import type { SearchEntry } from '../../db/repositories/search-index.repository'
import { documentTokens, unigramTokens } from './tokenize'

export interface SearchDocInput {
  title: string
  body: string
  /** Annotation quotes and notes. */
  meta: string[]
}

/** The index entry's token streams (the rows written to search_bi and search_uni). */
export type SearchDoc = SearchEntry

/** `fold` is foldForSearch (passed in to keep this module pure: the import worker runs it too). */
export function buildSearchDoc(input: SearchDocInput, fold: (s: string) => string): SearchDoc {
  const title = fold(input.title)
  const body = fold(input.body)
  // Newlines keep separate items from forming bigrams across their boundary.
  const meta = fold(input.meta.join('\n'))
  return {
    title: documentTokens(title),
    body: documentTokens(body),
    meta: documentTokens(meta),
    uni: unigramTokens(title, body, meta)
  }
}
