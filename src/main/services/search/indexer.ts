// Keeps the search index in step with the library (main process). Writes are synchronous and join the
// caller's transaction when there is one (the import pipeline indexes inside its batch transaction).
import type BetterSqlite3 from 'better-sqlite3'
import { foldForSearch } from '@shared/script'
import type { Db } from '../../db/connection'
import { buildSearchDoc, type SearchDoc } from './document'
import { TOKENIZER_VERSION } from './tokenize'

const CHUNK = 400

interface Statements {
  isIndexed: BetterSqlite3.Statement<[number], { one: number }>
  deleteBi: BetterSqlite3.Statement<[number]>
  deleteUni: BetterSqlite3.Statement<[number]>
  insertBi: BetterSqlite3.Statement<[number, string, string, string]>
  insertUni: BetterSqlite3.Statement<[number, string]>
  clearDirty: BetterSqlite3.Statement<[number]>
}

const statements = new WeakMap<BetterSqlite3.Database, Statements>()

function stmts(db: Db): Statements {
  let s = statements.get(db.sqlite)
  if (!s) {
    const p = db.sqlite
    s = {
      // The docsize shadow table has one row per indexed document: the cheap way to ask "is it indexed?"
      // (deleting a rowid a contentless_delete table never had would still write a tombstone).
      isIndexed: p.prepare('SELECT 1 AS one FROM search_bi_docsize WHERE id = ?'),
      deleteBi: p.prepare('DELETE FROM search_bi WHERE rowid = ?'),
      deleteUni: p.prepare('DELETE FROM search_uni WHERE rowid = ?'),
      insertBi: p.prepare('INSERT INTO search_bi (rowid, title, body, meta) VALUES (?, ?, ?, ?)'),
      insertUni: p.prepare('INSERT INTO search_uni (rowid, chars) VALUES (?, ?)'),
      clearDirty: p.prepare('DELETE FROM search_dirty WHERE article_id = ?')
    }
    statements.set(db.sqlite, s)
  }
  return s
}

function inClause(ids: readonly number[]): string {
  return ids.map((id) => Math.trunc(Number(id))).join(',')
}

function indexChunk(db: Db, ids: readonly number[]): number {
  const s = stmts(db)
  const list = inClause(ids)
  const rows = db.sqlite.prepare(`SELECT id, title, body_text FROM articles WHERE id IN (${list})`).all() as {
    id: number
    title: string
    body_text: string
  }[]
  const meta = new Map<number, string[]>()
  const add = (id: number, text: string | null) => {
    if (!text) return
    const items = meta.get(id)
    if (items) items.push(text)
    else meta.set(id, [text])
  }
  const noteRows = db.sqlite
    .prepare(`SELECT article_id AS id, exact, note FROM annotations WHERE article_id IN (${list}) ORDER BY id`)
    .all() as { id: number; exact: string; note: string | null }[]
  for (const n of noteRows) {
    add(n.id, n.exact)
    add(n.id, n.note)
  }
  const present = new Set<number>()
  for (const row of rows) {
    present.add(row.id)
    const doc = buildSearchDoc({ title: row.title, body: row.body_text, meta: meta.get(row.id) ?? [] }, foldForSearch)
    if (s.isIndexed.get(row.id)) {
      s.deleteBi.run(row.id)
      s.deleteUni.run(row.id)
    }
    s.insertBi.run(row.id, doc.title, doc.body, doc.meta)
    s.insertUni.run(row.id, doc.uni)
    s.clearDirty.run(row.id)
  }
  // Ids that are no longer articles: make sure nothing of them is left behind.
  for (const id of ids) {
    if (present.has(id)) continue
    if (s.isIndexed.get(id)) {
      s.deleteBi.run(id)
      s.deleteUni.run(id)
    }
    s.clearDirty.run(id)
  }
  return rows.length
}

function inTransaction<T>(db: Db, fn: () => T): T {
  // Join the caller's transaction (import batch); otherwise open one so a chunk is all-or-nothing.
  return db.sqlite.inTransaction ? fn() : db.sqlite.transaction(fn).immediate()
}

/** (Re)indexes these articles: title, body, annotation quotes and notes. Returns how many. */
export function indexArticles(db: Db, ids: readonly number[]): number {
  let done = 0
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK)
    done += inTransaction(db, () => indexChunk(db, chunk))
  }
  return done
}

/**
 * Indexes freshly inserted articles from tokens computed elsewhere (the import worker), inside the
 * caller's transaction. Only for new articles: they have no annotations, so `doc` covers all there is.
 */
export function indexPrepared(db: Db, items: readonly { id: number; doc: SearchDoc }[]): void {
  const s = stmts(db)
  inTransaction(db, () => {
    for (const { id, doc } of items) {
      s.insertBi.run(id, doc.title, doc.body, doc.meta)
      s.insertUni.run(id, doc.uni)
      s.clearDirty.run(id)
    }
  })
}

/** Re-reads one article after its annotations changed. */
export function reindexArticle(db: Db, id: number): void {
  indexArticles(db, [id])
}

/** Drops these articles from the index (deleting an article also does this through a trigger). */
export function removeFromIndex(db: Db, ids: readonly number[]): void {
  const s = stmts(db)
  inTransaction(db, () => {
    for (const id of ids) {
      if (s.isIndexed.get(id)) {
        s.deleteBi.run(id)
        s.deleteUni.run(id)
      }
      s.clearDirty.run(id)
    }
  })
}

/**
 * Reindexes every article marked stale by the triggers (new articles nobody indexed, edited text, new
 * annotations…). Cheap when nothing is pending; search calls it first so results never miss a change.
 */
export function flushSearchIndex(db: Db, max = Infinity): number {
  if (db.sqlite.readonly) return 0
  let done = 0
  for (;;) {
    const ids = (
      db.sqlite.prepare('SELECT article_id FROM search_dirty ORDER BY article_id LIMIT ?').all(CHUNK) as {
        article_id: number
      }[]
    ).map((r) => r.article_id)
    if (ids.length === 0 || done >= max) break
    inTransaction(db, () => indexChunk(db, ids))
    done += ids.length
  }
  return done
}

export function pendingIndexCount(db: Db): number {
  return (db.sqlite.prepare('SELECT count(*) AS n FROM search_dirty').get() as { n: number }).n
}

/** Rebuilds the whole index from the articles (after a tokenizer change, or from `cli reindex`). */
export function rebuildIndex(db: Db): number {
  inTransaction(db, () => {
    db.sqlite.exec("INSERT INTO search_bi (search_bi) VALUES ('delete-all')")
    db.sqlite.exec("INSERT INTO search_uni (search_uni) VALUES ('delete-all')")
    db.sqlite.exec('INSERT OR IGNORE INTO search_dirty (article_id) SELECT id FROM articles')
    db.sqlite
      .prepare("INSERT INTO search_meta (key, value) VALUES ('tokenizer_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(String(TOKENIZER_VERSION))
  })
  const done = flushSearchIndex(db)
  optimizeIndex(db)
  return done
}

/** Merges the FTS segments into one: smaller and faster after a bulk load. */
export function optimizeIndex(db: Db): void {
  inTransaction(db, () => {
    db.sqlite.exec("INSERT INTO search_bi (search_bi) VALUES ('optimize')")
    db.sqlite.exec("INSERT INTO search_uni (search_uni) VALUES ('optimize')")
  })
}

/** Rebuilds when the index was built by another tokenizer version. Call once at start-up. */
export function ensureSearchIndexCurrent(db: Db): boolean {
  const row = db.sqlite.prepare("SELECT value FROM search_meta WHERE key = 'tokenizer_version'").get() as
    | { value: string }
    | undefined
  if (row?.value === String(TOKENIZER_VERSION)) return false
  rebuildIndex(db)
  return true
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
  const problems: string[] = []
  for (const table of ['search_bi', 'search_uni']) {
    try {
      db.sqlite.exec(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`)
    } catch (error) {
      problems.push(`${table}: ${(error as Error).message}`)
    }
  }
  const count = (q: string) => (db.sqlite.prepare(q).get() as { n: number }).n
  const articles = count('SELECT count(*) AS n FROM articles')
  const indexed = count('SELECT count(*) AS n FROM search_bi_docsize')
  const pending = count('SELECT count(*) AS n FROM search_dirty')
  const missing = count(
    'SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_bi_docsize d WHERE d.id = a.id) AND NOT EXISTS (SELECT 1 FROM search_dirty s WHERE s.article_id = a.id)'
  )
  const orphans = count(
    'SELECT count(*) AS n FROM search_bi_docsize d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.id)'
  )
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

/** Index size against the text it indexes (uses the dbstat virtual table). */
export function indexSize(db: Db): IndexSize {
  const indexBytes = (
    db.sqlite
      .prepare("SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'")
      .get() as { n: number }
  ).n
  const textBytes = (
    db.sqlite
      .prepare('SELECT coalesce(sum(length(CAST(title AS BLOB)) + length(CAST(body_text AS BLOB))), 0) AS n FROM articles')
      .get() as { n: number }
  ).n
  return { indexBytes, textBytes, ratio: textBytes > 0 ? indexBytes / textBytes : 0 }
}
