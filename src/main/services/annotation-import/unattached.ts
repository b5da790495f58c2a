// The unattached notes list (issue 11): imported highlights whose article is not in the library yet.
// They are stored by the annotation import and attached by attachWaitingNotes after a later import.
import type { UnattachedNote } from '@shared/types'
import { AppError } from '@shared/result'
import { transaction, type Db } from '../../db/connection'
import { listUnattachedNotes, markUnattachedNoteDeleted, type UnattachedNoteRow } from '../../db/repositories/unattached.repository'

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
