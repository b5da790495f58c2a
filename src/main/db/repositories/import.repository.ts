// Import history rows (main process).
import { get, run, all, type Db } from '../connection'
import type { ArticleRow, ImportRow } from '../database'

export function createImport(db: Db, sources: string[]): number {
  const result = run(
    db,
    db.kysely.insertInto('imports').values({
      started_at: new Date().toISOString(),
      finished_at: null,
      status: 'running',
      sources_json: JSON.stringify(sources),
      imported_count: 0,
      duplicate_count: 0,
      failed_count: 0,
      report_json: '{}'
    })
  )
  return Number(result.lastInsertRowid)
}

export function finishImport(
  db: Db,
  id: number,
  patch: Pick<ImportRow, 'status' | 'imported_count' | 'duplicate_count' | 'failed_count' | 'report_json'>
): void {
  run(db, db.kysely.updateTable('imports').set({ ...patch, finished_at: new Date().toISOString() }).where('id', '=', id))
}

export function setImportStatus(db: Db, id: number, status: ImportRow['status']): void {
  run(db, db.kysely.updateTable('imports').set({ status }).where('id', '=', id))
}

export function getImport(db: Db, id: number): ImportRow | undefined {
  return get(db, db.kysely.selectFrom('imports').selectAll().where('id', '=', id))
}

export function listImports(db: Db, limit = 200): ImportRow[] {
  return all(db, db.kysely.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(limit))
}

/**
 * Imports left 'running' by a crash are closed as failed at start. Read first: an UPDATE takes the write
 * lock even when it changes nothing, and 40 processes opening one library queued behind each other for it
 * (one gave up after the busy timeout on a loaded machine).
 */
export function closeInterruptedImports(db: Db): number {
  if (!get(db, db.kysely.selectFrom('imports').select('id').where('status', '=', 'running').limit(1))) return 0
  return run(
    db,
    db.kysely
      .updateTable('imports')
      .set({ status: 'failed', finished_at: new Date().toISOString() })
      .where('status', '=', 'running')
  ).changes
}

/** One page of the articles an import added, in id order after `afterId` (keyset paging on articles_import). */
export function importedArticlesPage(db: Db, importId: number, afterId: number, limit: number): Pick<ArticleRow, 'id' | 'title' | 'original_file'>[] {
  return all(
    db,
    db.kysely
      .selectFrom('articles')
      .select(['id', 'title', 'original_file'])
      .where('import_id', '=', importId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
  )
}
