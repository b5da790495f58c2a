// Keeps the search index in step with the library (main process): builds each article's entry
// (document.ts) and writes it through the search-index repository. Writes join the caller's transaction
// when there is one (the import pipeline indexes inside its batch transaction).
import { foldForSearch } from '@shared/script'
import { transaction, type Db } from '../../db/connection'
import {
  annotationTexts,
  articleTexts,
  checkSearchTables,
  countStaleArticles,
  dropSearchEntry,
  hasSearchEntries,
  indexedTextBytes,
  indexTokenizerVersion,
  insertSearchEntry,
  optimizeSearchTables,
  recordTokenizerVersion,
  replaceSearchEntry,
  resetSearchIndex,
  searchIndexBytes,
  staleArticleIds
} from '../../db/repositories/search-index.repository'
import { buildSearchDoc, type SearchDoc } from './document'
import { TOKENIZER_VERSION } from './tokenize'

const CHUNK = 400

/**
 * Entries written into an empty index are this tokenizer's whatever the record says: record it before the
 * first one, so a library first indexed without the start-up check (tests, bench builds) is not rebuilt.
 */
function claimEmptyIndex(db: Db): void {
  if (!indexTokenizerCurrent(db) && !hasSearchEntries(db)) recordTokenizerVersion(db, TOKENIZER_VERSION)
}

function indexChunk(db: Db, ids: readonly number[]): number {
  claimEmptyIndex(db)
  const rows = articleTexts(db, ids)
  const meta = new Map<number, string[]>()
  const add = (id: number, text: string | null) => {
    if (!text) return
    const items = meta.get(id)
    if (items) items.push(text)
    else meta.set(id, [text])
  }
  for (const n of annotationTexts(db, ids)) {
    add(n.id, n.exact)
    add(n.id, n.note)
  }
  const present = new Set<number>()
  for (const row of rows) {
    present.add(row.id)
    replaceSearchEntry(db, row.id, buildSearchDoc({ title: row.title, body: row.body_text, meta: meta.get(row.id) ?? [] }, foldForSearch))
  }
  // Ids that are no longer articles: make sure nothing of them is left behind.
  for (const id of ids) if (!present.has(id)) dropSearchEntry(db, id)
  return rows.length
}

/** (Re)indexes these articles: title, body, annotation quotes and notes. Returns how many. */
export function indexArticles(db: Db, ids: readonly number[]): number {
  let done = 0
  const unique = [...new Set(ids)]
  // A chunk per transaction: all or nothing, without holding the write lock for a whole rebuild.
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK)
    done += transaction(db, () => indexChunk(db, chunk))
  }
  return done
}

/**
 * Indexes freshly inserted articles from tokens computed elsewhere (the import worker), inside the
 * caller's transaction. Only for new articles: they have no annotations, so `doc` covers all there is.
 */
export function indexPrepared(db: Db, items: readonly { id: number; doc: SearchDoc }[]): void {
  transaction(db, () => {
    claimEmptyIndex(db)
    for (const { id, doc } of items) insertSearchEntry(db, id, doc)
  })
}

/** Re-reads one article after its annotations changed. */
export function reindexArticle(db: Db, id: number): void {
  indexArticles(db, [id])
}

/** Drops these articles from the index (deleting an article also does this through a trigger). */
export function removeFromIndex(db: Db, ids: readonly number[]): void {
  transaction(db, () => {
    for (const id of ids) dropSearchEntry(db, id)
  })
}

/**
 * Reindexes every article marked stale by the triggers (new articles nobody indexed, edited text, new
 * annotations…). Cheap when nothing is pending; search calls it first so results never miss a change.
 */
export function flushSearchIndex(db: Db, max = Infinity): number {
  let done = 0
  for (;;) {
    const ids = staleArticleIds(db, CHUNK)
    if (ids.length === 0 || done >= max) break
    transaction(db, () => indexChunk(db, ids))
    done += ids.length
  }
  return done
}

export function pendingIndexCount(db: Db): number {
  return countStaleArticles(db)
}

/** Rebuilds the whole index from the articles (after a tokenizer change, or from `cli reindex`). */
export function rebuildIndex(db: Db): number {
  transaction(db, () => resetSearchIndex(db, TOKENIZER_VERSION))
  const done = flushSearchIndex(db)
  optimizeIndex(db)
  return done
}

/** Merges the FTS segments into one: smaller and faster after a bulk load. */
export function optimizeIndex(db: Db): void {
  transaction(db, () => optimizeSearchTables(db))
}

/**
 * The one decision on the index's tokenizer, for the start-up check and the search's own: current only when
 * the record names this tokenizer. No record means the tokenizer is unknown (a library from before the
 * record, or a migration that removed it on purpose, as 0007 does): rebuilt once, and the rebuild records it.
 */
function indexTokenizerCurrent(db: Db): boolean {
  return indexTokenizerVersion(db, String(TOKENIZER_VERSION)) === String(TOKENIZER_VERSION)
}

/** Rebuilds unless the index is recorded as built by this tokenizer. Call once at start-up; true when rebuilt. */
export function ensureSearchIndexCurrent(db: Db): boolean {
  if (indexTokenizerCurrent(db)) return false
  rebuildIndex(db)
  return true
}

/**
 * The same check before a search, for connections that skipped the start-up one (tests, scratch scripts):
 * a query compiled for tokens the index lacks would miss. Nothing to do once the start-up check ran.
 */
export function rebuildIfOtherTokenizer(db: Db): void {
  ensureSearchIndexCurrent(db)
}

export interface IndexCheck {
  ok: boolean
  articles: number
  indexed: number
  /** Articles waiting to be (re)indexed. */
  pending: number
  problems: string[]
}

/** FTS5 integrity checks plus "is every article indexed", for `cli check`. */
export function checkIndex(db: Db): IndexCheck {
  const { problems, articles, indexed, pending, missing, orphans } = checkSearchTables(db)
  if (missing > 0) problems.push(`${missing} article(s) missing from the search index`)
  if (orphans > 0) problems.push(`${orphans} index entr(y/ies) for deleted articles`)
  return { ok: problems.length === 0, articles, indexed, pending, problems }
}

export interface IndexSize {
  /** Bytes of all search_* tables and their shadow tables. */
  indexBytes: number
  /** UTF-8 bytes of the indexed article text (titles + bodies). */
  textBytes: number
  ratio: number
}

/** Index size against the text it indexes. */
export function indexSize(db: Db): IndexSize {
  const indexBytes = searchIndexBytes(db)
  const textBytes = indexedTextBytes(db)
  return { indexBytes, textBytes, ratio: textBytes > 0 ? indexBytes / textBytes : 0 }
}
