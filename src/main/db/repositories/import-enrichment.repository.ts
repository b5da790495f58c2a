// What an import changed besides the articles it added (migration 0010): the fields it filled in on
// stored articles and the unattached notes it attached, so undoing the import can reverse both.
// Writes run inside the caller's transaction.
import type { Selectable } from 'kysely'
import { all, run, type Db } from '../connection'
import type { ImportAttachedNoteTable, ImportEnrichmentTable } from '../database'

export type EnrichedField = ImportEnrichmentTable['field']
export type ImportEnrichmentRow = Selectable<ImportEnrichmentTable>

export function recordEnrichment(db: Db, row: Omit<ImportEnrichmentRow, 'id'>): void {
  run(db, db.kysely.insertInto('import_enrichments').values(row))
}

export function enrichmentsOfImport(db: Db, importId: number): ImportEnrichmentRow[] {
  return all(db, db.kysely.selectFrom('import_enrichments').selectAll().where('import_id', '=', importId).orderBy('id'))
}

/** Puts `previous` back, only while the field still holds what the import wrote; true when it did. */
export function restoreEnrichedField(db: Db, e: Pick<ImportEnrichmentRow, 'article_id' | 'field' | 'previous' | 'value'>): boolean {
  const q = db.kysely
    .updateTable('articles')
    .set({ [e.field]: e.previous, updated_at: new Date().toISOString() })
    .where('id', '=', e.article_id)
    .where(e.field, '=', e.value)
  return run(db, q).changes > 0
}

export function recordAttachedNote(db: Db, importId: number, noteJson: string): void {
  run(db, db.kysely.insertInto('import_attached_notes').values({ import_id: importId, note_json: noteJson }))
}

export function attachedNotesOfImport(db: Db, importId: number): Selectable<ImportAttachedNoteTable>[] {
  return all(db, db.kysely.selectFrom('import_attached_notes').selectAll().where('import_id', '=', importId).orderBy('id'))
}

/** Once an import is undone its records have been used. */
export function forgetImportChanges(db: Db, importId: number): void {
  run(db, db.kysely.deleteFrom('import_enrichments').where('import_id', '=', importId))
  run(db, db.kysely.deleteFrom('import_attached_notes').where('import_id', '=', importId))
}
