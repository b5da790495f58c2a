// Full-text search service (main process): script-insensitive search over titles, bodies, tag names and
// annotation quotes/notes, for the article list, `cli search` and `cli check`. Titles, bodies, quotes and
// notes are in the FTS5 index; tag names are matched live (query.ts), so tag edits never reindex.
//
// How to extend: anything the index should read goes into document.ts (buildSearchDoc) and indexer.ts
// (indexChunk, which reads through db/repositories/search-index.repository.ts); add a staleness trigger in
// a new migration when it lives in another table, and bump TOKENIZER_VERSION in tokenize.ts when the
// token streams change so existing libraries are rebuilt.
export {
  indexArticles,
  removeFromIndex,
  reindexArticle,
  rebuildIndex,
  checkIndex,
  flushSearchIndex,
  pendingIndexCount,
  ensureSearchIndexCurrent,
  indexPrepared,
  optimizeIndex,
  indexSize,
  type IndexCheck,
  type IndexSize
} from './indexer'
export { searchArticles, searchCount, searchPage, snippetsFor, type SearchHit, type SearchOptions, type SearchResult, type SearchSort, type TotalMode } from './query'
export { compileQuery, TOKENIZER_VERSION } from './tokenize'
export { MARK_START, MARK_END } from './snippet'
