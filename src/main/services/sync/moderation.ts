// Moderation in the team archive (issue 15): an admin hides a colleague's highlight or comment. Members
// edit and delete only their own notes (Zotero's rule); hiding is how an admin takes another's out of
// view without it being lost: the server keeps it and an unhide brings it back to every library.
//
// The hide goes out through the outbox like every change. The item leaves this library at once (as it
// leaves every other on its next pull), so an admin does not keep seeing hidden items: the window offers
// Undo, which queues the unhide; the server then gives the item a new version and the pull puts it back.
import { AppError } from '@shared/result'
import { transaction, type Db } from '../../db/connection'
import { deleteAnnotation, getAnnotation } from '../../db/repositories/annotation.repository'
import { deleteComment, getComment } from '../../db/repositories/comment.repository'
import { enqueueHide, getBinding, getObject, objectOfLocal, putObject } from '../../db/repositories/sync.repository'

export type ModeratedKind = 'annotation' | 'comment'

export interface HiddenItem {
  kind: ModeratedKind
  /** The server key: what an unhide names, the local row being gone. */
  key: string
  articleId: number
}

function requireAdmin(db: Db): void {
  const b = getBinding(db)
  if (!b) throw new AppError('unsupported', 'this library is not joined to a team archive')
  if (b.member_role !== 'admin') throw new AppError('unsupported', `only an admin of the group may hide a colleague's notes; ${b.member_name} is ${b.member_role === 'viewer' ? 'a viewer' : 'an editor'}`)
}

/** Hides a colleague's highlight or comment (by its local id) in the whole group. */
export function hideItem(db: Db, kind: ModeratedKind, id: number): HiddenItem {
  requireAdmin(db)
  return transaction(db, () => {
    const row = kind === 'annotation' ? getAnnotation(db, id) : getComment(db, id)
    if (!row) throw new AppError('not-found', `${kind} ${id} does not exist`)
    // The admin's own notes are theirs to delete (and undo) like any member's.
    if (row.author === null) throw new AppError('invalid-argument', `${kind} ${id} is your own: delete it instead of hiding it`)
    const o = objectOfLocal(db, kind, id)
    if (!o) throw new AppError('not-found', `${kind} ${id} is not one the group knows`)
    enqueueHide(db, kind, id, o.key, true)
    if (kind === 'annotation') deleteAnnotation(db, id)
    else deleteComment(db, id)
    putObject(db, { ...o, local_id: null })
    return { kind, key: o.key, articleId: row.article_id }
  })
}

/** Undoes a hide (this library's or any admin's): the item comes back with the next pull. */
export function unhideItem(db: Db, kind: ModeratedKind, key: string): { kind: ModeratedKind; key: string } {
  requireAdmin(db)
  return transaction(db, () => {
    if (!getObject(db, kind, key)) throw new AppError('not-found', `no ${kind} ${key} in this group`)
    // The outbox needs a local row id; an unhide names only the key (the row is gone).
    enqueueHide(db, kind, 0, key, false)
    return { kind, key }
  })
}
