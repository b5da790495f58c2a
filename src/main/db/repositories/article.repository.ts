// Article queries (main process). Plain functions taking the Db first; writes are synchronous and are meant
// to run inside the caller's transaction.
import { sql } from 'kysely'
import { all, get, run, type Db } from '../connection'
import type { ArticleRow, NewArticleRow } from '../database'
import { TAG_SEPARATOR, type SummaryRow } from '../mappers'

export function insertArticle(db: Db, row: NewArticleRow): number {
  const result = run(db, db.kysely.insertInto('articles').values(row))
  return Number(result.lastInsertRowid)
}

export function findArticleIdByHash(db: Db, hash: string): number | undefined {
  return get(db, db.kysely.selectFrom('articles').select('id').where('content_hash', '=', hash))?.id
}

export function getArticleRow(db: Db, id: number): ArticleRow | undefined {
  return get(db, db.kysely.selectFrom('articles').selectAll().where('id', '=', id))
}

export function countArticles(db: Db): number {
  return (db.sqlite.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
}

/** Summary columns for a set of ids, in the order given. */
export function getSummaryRows(db: Db, ids: readonly number[]): SummaryRow[] {
  if (ids.length === 0) return []
  const rows = all(
    db,
    db.kysely
      .selectFrom('articles as a')
      .select([
        'a.id',
        'a.title',
        'a.source',
        'a.author',
        'a.editor',
        'a.published_at',
        'a.imported_at',
        'a.read_state',
        'a.progress',
        'a.source_script',
        sql<string | null>`(SELECT group_concat(t.name, ${TAG_SEPARATOR}) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id)`.as(
          'tags'
        ),
        sql<number>`(SELECT count(*) FROM annotations n WHERE n.article_id = a.id)`.as('annotation_count')
      ])
      .where('a.id', 'in', ids as number[])
  )
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((r): r is SummaryRow => r !== undefined)
}

export function updateReading(
  db: Db,
  id: number,
  patch: { position?: number; progress?: number; readState?: 'unread' | 'read' }
): boolean {
  const now = new Date().toISOString()
  const result = run(
    db,
    db.kysely
      .updateTable('articles')
      .set({
        ...(patch.position !== undefined ? { reading_position: patch.position } : {}),
        ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
        ...(patch.readState !== undefined ? { read_state: patch.readState } : {}),
        last_opened_at: now
      })
      .where('id', '=', id)
  )
  return result.changes > 0
}

export function updateView(
  db: Db,
  id: number,
  patch: { useOriginal?: boolean; scriptOverride?: string | null }
): boolean {
  const result = run(
    db,
    db.kysely
      .updateTable('articles')
      .set({
        ...(patch.useOriginal !== undefined ? { use_original: patch.useOriginal ? 1 : 0 } : {}),
        ...(patch.scriptOverride !== undefined ? { script_override: patch.scriptOverride } : {}),
        updated_at: new Date().toISOString()
      })
      .where('id', '=', id)
  )
  return result.changes > 0
}

export function articleIdsOfImport(db: Db, importId: number): number[] {
  return all(db, db.kysely.selectFrom('articles').select('id').where('import_id', '=', importId).orderBy('id')).map(
    (r) => r.id
  )
}

export function deleteArticles(db: Db, ids: readonly number[]): number {
  let removed = 0
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500) as number[]
    removed += run(db, db.kysely.deleteFrom('articles').where('id', 'in', chunk)).changes
  }
  return removed
}
