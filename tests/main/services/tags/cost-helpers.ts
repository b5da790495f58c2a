// What the tag-cost tests share: a library of `n` bare articles with tags linked by a rule, written
// straight into the tables (fast enough for 20,000+ articles), and counters for what an operation costs.
import { performance } from 'node:perf_hooks'
import type { Db } from '../../../../src/main/db/connection'
import { listTagCounts } from '../../../../src/main/services/tags'
import { statementsRun } from '../../../helpers/statements'

type Link = (articleId: number, tag: string, origin: 'import' | 'user') => void

/** Inserts the tags and `n` articles, calling `links` for each; then lists the tags so the subtree counts are current. */
export function tagLibrary(db: Db, n: number, tags: readonly string[], links: (i: number, id: number, link: Link) => void): void {
  const s = db.sqlite
  const insertTag = s.prepare("INSERT INTO tags (name, norm_name, created_at) VALUES (?, ?, 'x')")
  const tagIds = new Map(tags.map((name) => [name, Number(insertTag.run(name, name).lastInsertRowid)]))
  const insert = s.prepare("INSERT INTO articles (title, imported_at, raw_text, raw_format, body_text, content_hash, updated_at) VALUES ('t', 'x', 'x', 'txt', 'x', ?, 'x')")
  const insertLink = s.prepare('INSERT INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, ?)')
  const link: Link = (articleId, tag, origin) => insertLink.run(articleId, tagIds.get(tag), origin)
  s.transaction(() => {
    for (let i = 0; i < n; i++) links(i, Number(insert.run(`h${i}`).lastInsertRowid), link)
  })()
  listTagCounts(db) // subtree counts current, as after any tag-browser refresh
}

/** Statements run by `fn` (run/get/all/iterate calls). */
export function statements(db: Db, fn: () => void): number {
  return statementsRun(db, fn).length
}

export const timed = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now()
  const out = fn()
  return [out, performance.now() - t0]
}

/**
 * Pages the transactions of `fn` wrote to the WAL (the WAL checkpointed first): what their commits write and
 * sync. At 1M the commit of a merge or delete is most of its time: ~0.4 pages per link, 6,470 pages (25 MiB)
 * for 15,909 links, 74-200 ms to write and sync and as much again for the checkpoint that follows.
 */
export function walPages(db: Db, fn: () => void): number {
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  fn()
  return (db.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? 0
}
