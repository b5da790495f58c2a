// Discussion comments in a sync round (issue 15): outbox rows → put_comment / delete_comment, and pulled
// comment objects and deletions → the comments table. Same rules as highlights: a comment is its
// author's, so a colleague's arrives as theirs (author set), the member's own (written on another of
// their machines) arrives as their own (author null), and an edit made here that the server overtook is
// never dropped: it stays as a new comment.
import type { Operation, SyncObject } from '@shared/sync-protocol'
import type { Db } from '../../db/connection'
import { deleteComment, getComment, insertComment, updateCommentText } from '../../db/repositories/comment.repository'
import { deleteOutboxRows, getObject, liveArticleKey, objectOfLocal, pendingFor, putObject, setApplying, setObjectVersion, type ObjectRow, type OutboxRow } from '../../db/repositories/sync.repository'

type Repair = (value: string, what: string) => string

const UUID7 = /^([0-9a-f]{12})7[0-9a-f]{3}[89ab][0-9a-f]{15}$/

/** A comment key as migration 0011 makes them: a UUIDv7 (hex) carrying the comment's creation time. */
export function commentKey(createdAt: string): string {
  const ms = Date.parse(createdAt)
  const hex = crypto.randomUUID().replaceAll('-', '')
  return `${(Number.isNaN(ms) ? Date.now() : ms).toString(16).padStart(12, '0')}7${hex.slice(13, 16)}${'89ab'[Number.parseInt(hex[16]!, 16) % 4]}${hex.slice(17)}`
}

/**
 * When a pulled comment was written: the time in its key, else (another client's key) its last change.
 * Never later than its last change, whatever the writer's clock said.
 */
export function keyTime(key: string, updatedAt: string): string {
  const m = UUID7.exec(key)
  const ms = m ? Number.parseInt(m[1]!, 16) : NaN
  return Number.isNaN(ms) || ms > Date.parse(updatedAt) ? updatedAt : new Date(ms).toISOString()
}

/** The operation for one comment outbox row, or undefined when it no longer means anything. */
export function commentOperation(db: Db, row: OutboxRow, repair: Repair): { op: Operation; key: string; deleted: boolean } | undefined {
  const p = JSON.parse(row.payload) as { key?: string | null; article?: number; text?: string }
  const version = (key: string): number => getObject(db, 'comment', key)?.version ?? 0
  if (row.op === 'delete') {
    if (!p.key) return undefined
    return { op: { op: 'delete_comment', opId: row.op_id, id: p.key, ifVersion: version(p.key) }, key: p.key, deleted: true }
  }
  const key = objectOfLocal(db, 'comment', row.local_id)?.key
  const article = liveArticleKey(db, p.article)
  if (!key || !article) return undefined
  const data = { article, text: repair(String(p.text ?? ''), `comment ${row.local_id}`) }
  return { op: { op: 'put_comment', opId: row.op_id, id: key, data, ifVersion: version(key) }, key, deleted: false }
}

/** Applies a pulled comment; 'wait' when its article has not arrived yet. Call with applying set. */
export function applyComment(db: Db, o: SyncObject, member: string): 'new' | 'known' | 'wait' {
  const article = typeof o.data.article === 'string' ? getObject(db, 'article', o.data.article) : undefined
  if (!article || article.deleted || article.local_id === null) return 'wait'
  const text = String(o.data.text ?? '')
  const known = getObject(db, 'comment', o.key)
  const current = known?.local_id != null ? getComment(db, known.local_id) : undefined
  const pending = known?.local_id != null ? pendingFor(db, 'comment', known.local_id) : []
  if (o.hidden) {
    // Hidden by an admin: gone from every library; an unhide comes as a new version and puts it back.
    if (current) deleteComment(db, current.id)
    if (pending.length > 0) deleteOutboxRows(db, pending.map((p) => p.id))
    putObject(db, { kind: 'comment', key: o.key, local_id: null, version: o.version, deleted: 0 })
    return current ? 'new' : 'known'
  }
  if (pending.some((p) => p.op !== 'delete' && (JSON.parse(p.payload) as { text?: string }).text === text)) {
    // Our own change come back (a push whose answer was lost): keep it, learn the version.
    setObjectVersion(db, 'comment', o.key, o.version)
    return 'known'
  }
  if (pending.length > 0 && current) {
    // Edited here and on another machine of the same member: this text stays, as a new comment of theirs,
    // written with the triggers on so that it goes out next.
    setApplying(db, false)
    insertComment(db, { article_id: current.article_id, author: null, text: current.text, created_at: current.created_at, updated_at: new Date().toISOString() })
    setApplying(db, true)
  }
  if (pending.length > 0) deleteOutboxRows(db, pending.map((p) => p.id))
  if (current) {
    updateCommentText(db, current.id, text, o.updatedAt)
    setObjectVersion(db, 'comment', o.key, o.version, false)
    return 'new'
  }
  // First seen as written (the server's time is of its last change, which may only be a late push): an
  // edit is what changes it after this.
  const createdAt = keyTime(o.key, o.updatedAt)
  const id = insertComment(db, { article_id: article.local_id, author: o.author === member ? null : o.author, text, created_at: createdAt, updated_at: createdAt })
  putObject(db, { kind: 'comment', key: o.key, local_id: id, version: o.version, deleted: 0 })
  return 'new'
}

/**
 * A pulled deletion of a comment this library holds. 'kept' when the member edited it here meanwhile:
 * the edit survives under a new key (it goes out as a new comment); else the local row goes.
 */
export function applyCommentDeletion(db: Db, known: ObjectRow & { local_id: number }, version: number): 'kept' | 'deleted' {
  const current = getComment(db, known.local_id)
  if (current && pendingFor(db, 'comment', known.local_id).some((p) => p.op !== 'delete')) {
    putObject(db, { ...known, version, deleted: 1 })
    putObject(db, { kind: 'comment', key: commentKey(current.created_at), local_id: known.local_id, version: 0, deleted: 0 })
    return 'kept'
  }
  deleteComment(db, known.local_id)
  return 'deleted'
}
