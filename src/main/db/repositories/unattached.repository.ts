// Unattached notes (main process): imported highlights waiting for their article (migration 0008).
// Plain functions taking the Db first; writes run inside the caller's transaction.
import type { Insertable, Selectable } from 'kysely'
import { all, get, run, type Db } from '../connection'
import type { UnattachedNoteTable } from '../database'

export type UnattachedNoteRow = Selectable<UnattachedNoteTable>
export type NewUnattachedNote = Omit<Insertable<UnattachedNoteTable>, 'id' | 'deleted_at'>

/**
 * Stores a note; false when the same note (quote, title, sources, note) is already kept. Importing a note
 * the user had deleted brings it back.
 */
export function insertUnattachedNote(db: Db, row: NewUnattachedNote): boolean {
  const q = db.kysely
    .insertInto('unattached_notes')
    .values(row)
    .onConflict((c) => c.doUpdateSet({ deleted_at: null }).where('deleted_at', 'is not', null))
  return run(db, q).changes > 0
}

/** The notes still waiting, oldest first: the order they were imported in. */
export function listUnattachedNotes(db: Db): UnattachedNoteRow[] {
  return all(db, db.kysely.selectFrom('unattached_notes').selectAll().where('deleted_at', 'is', null).orderBy('id'))
}

/** Cheap check the import pipeline makes before trying to attach anything. */
export function hasUnattachedNotes(db: Db): boolean {
  return get(db, db.kysely.selectFrom('unattached_notes').select('id').limit(1)) !== undefined
}

/** Marks a note deleted (Undo clears the mark); false when there is no such note. */
export function markUnattachedNoteDeleted(db: Db, id: number, deleted: boolean): boolean {
  const q = db.kysely
    .updateTable('unattached_notes')
    .set({ deleted_at: deleted ? new Date().toISOString() : null })
    .where('id', '=', id)
    .where('deleted_at', deleted ? 'is' : 'is not', null)
  return run(db, q).changes > 0
}

/** Removes a note for good: it was attached, or the user deleted it before this import. */
export function removeUnattachedNote(db: Db, id: number): void {
  run(db, db.kysely.deleteFrom('unattached_notes').where('id', '=', id))
}

export function purgeDeletedUnattachedNotes(db: Db): void {
  run(db, db.kysely.deleteFrom('unattached_notes').where('deleted_at', 'is not', null))
}
