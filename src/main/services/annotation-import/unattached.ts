// The unattached notes list (issue 11): imported highlights whose article is not in the library yet.
// They are stored by the annotation import and attached by attachWaitingNotes after a later import; the
// import remembers the notes it attached, so undoing it puts them back on the list.
import type { UnattachedNote } from '@shared/types'
import { AppError } from '@shared/result'
import { transaction, type Db } from '../../db/connection'
import { attachedNotesOfImport, recordAttachedNote } from '../../db/repositories/import-enrichment.repository'
import { insertUnattachedNote, listUnattachedNotes, markUnattachedNoteDeleted, type UnattachedNoteRow } from '../../db/repositories/unattached.repository'
import { attachWaitingNotes, type AnnotationOutcome } from './index'

function toView(row: UnattachedNoteRow): UnattachedNote {
  const sources = JSON.parse(row.sources_json) as string[]
  return {
    id: row.id,
    quote: row.quote,
    note: row.note,
    title: row.title,
    source: sources.find((s) => /^https?:\/\//i.test(s)) ?? sources[0] ?? null,
    file: row.file,
    createdAt: row.created_at,
    storedAt: row.stored_at
  }
}

export function listUnattached(db: Db): UnattachedNote[] {
  return listUnattachedNotes(db).map(toView)
}

/** Deletes a note from the list; `restoreUnattached` undoes it until the next import. */
export function deleteUnattached(db: Db, id: number): { id: number } {
  if (!transaction(db, () => markUnattachedNoteDeleted(db, id, true))) throw new AppError('not-found', `no unattached note ${id}`)
  return { id }
}

export function restoreUnattached(db: Db, id: number): { id: number } {
  if (!transaction(db, () => markUnattachedNoteDeleted(db, id, false))) throw new AppError('not-found', `unattached note ${id} can no longer be restored`)
  return { id }
}

/** attachWaitingNotes for import `importId`, which records each note that left the list. */
export function attachWaitingNotesOf(db: Db, importId: number, articleIds: readonly number[]): AnnotationOutcome[] {
  return transaction(db, () => {
    const before = articleIds.length > 0 ? listUnattachedNotes(db) : []
    const outcomes = attachWaitingNotes(db, articleIds)
    if (before.length > 0) {
      const still = new Set(listUnattachedNotes(db).map((r) => r.id))
      for (const row of before) if (!still.has(row.id)) recordAttachedNote(db, importId, JSON.stringify(row))
    }
    return outcomes
  })
}

/** Undo of import `importId`: the notes it attached wait on the list again; how many. */
export function returnNotesOfImport(db: Db, importId: number): number {
  let returned = 0
  for (const { note_json } of attachedNotesOfImport(db, importId)) {
    const { id: _id, deleted_at: _deleted, ...row } = JSON.parse(note_json) as UnattachedNoteRow
    if (insertUnattachedNote(db, row)) returned++
  }
  return returned
}
