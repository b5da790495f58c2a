// The sync rules, enforced here and not trusted to clients. A push is one transaction under the group
// row lock: every new operation in it gets the same new group version (Zotero's model), or none does.
import type { Pool, PoolClient } from 'pg'
import {
  PRIVATE_KINDS,
  RESTORE_WINDOW_DAYS,
  fieldKey,
  tagKey,
  type Conflict,
  type ObjectKind,
  type Operation,
  type PullResponse,
  type PushResponse,
  type Role,
  type SyncKind
} from '../shared/sync-protocol'
import * as store from './db/objects'
import { HttpError } from './errors'

export interface Member {
  id: string
  groupId: string
  name: string
  role: Role
}

/** The object an operation writes: its kind and key. */
function target(op: Operation): { kind: SyncKind; key: string } {
  switch (op.op) {
    case 'import_article':
    case 'delete_article':
      return { kind: 'article', key: op.article }
    case 'set_field':
      return { kind: 'field', key: fieldKey(op.article, op.field) }
    case 'add_tag':
    case 'remove_tag':
      return { kind: 'tag', key: tagKey(op.article, op.tag) }
    case 'put_annotation':
    case 'delete_annotation':
    case 'hide_annotation':
      return { kind: 'annotation', key: op.id }
    case 'put_comment':
    case 'delete_comment':
    case 'hide_comment':
      return { kind: 'comment', key: op.id }
    case 'restore':
      return { kind: op.kind, key: op.key }
    case 'put_reading':
      return { kind: 'reading', key: op.article }
    case 'put_setting':
      return { kind: 'setting', key: op.name }
  }
}

const isPrivate = (op: Operation): boolean => (PRIVATE_KINDS as readonly string[]).includes(target(op).kind)

/**
 * A write on an article's tag, field or highlight: refused (404) when the group never had the article; a
 * conflict when it was deleted since the client last pulled, so the client learns the deletion instead of
 * sending the same batch forever.
 */
async function articleConflict(c: PoolClient, groupId: string, article: string, opId: string): Promise<Conflict | undefined> {
  const row = await store.getObject(c, groupId, 'article', article)
  if (!row) throw new HttpError(404, 'not_found', `article ${article} is not in this group`)
  return row.deleted ? { opId, kind: 'article', key: article, currentVersion: Number(row.version) } : undefined
}

export async function push(pool: Pool, member: Member, operations: Operation[], ifUnmodifiedSince?: number): Promise<PushResponse> {
  // A viewer's own reading state and settings are theirs to keep: a batch of only those is taken.
  if (member.role === 'viewer' && !operations.every(isPrivate)) throw new HttpError(403, 'forbidden', 'viewers may read the group but not change it')
  const groupId = member.groupId
  const c = await pool.connect()
  try {
    await c.query('BEGIN')
    const current = await store.lockGroup(c, groupId)
    const known = await store.knownOperations(c, groupId, operations.map((o) => o.opId))
    const fresh = operations.filter((o, i) => !known.has(o.opId) && operations.findIndex((x) => x.opId === o.opId) === i)
    if (fresh.length === 0) {
      await c.query('ROLLBACK')
      return { version: current, results: operations.map((o) => ({ opId: o.opId, status: 'duplicate', version: known.get(o.opId)! })) }
    }
    if (ifUnmodifiedSince !== undefined && current > ifUnmodifiedSince) {
      throw new HttpError(412, 'precondition_failed', `the group is at version ${current}, newer than ${ifUnmodifiedSince}: pull first`)
    }
    const version = current + 1
    const conflicts: Conflict[] = []
    const before = new Map<string, number>()
    for (const op of fresh) {
      const conflict = await apply(c, member, op, version, before)
      if (conflict) conflicts.push(conflict)
      const { kind, key } = target(op)
      await store.insertOperation(c, { groupId, opId: op.opId, memberId: member.id, op: op.op, kind, key, version, payload: op })
    }
    if (conflicts.length > 0) {
      throw new HttpError(412, 'precondition_failed', `${conflicts.length} object(s) changed since the version you saw: pull, then retry`, { conflicts })
    }
    // A batch of private state only is announced to this member's streams alone.
    await store.setGroupVersion(c, groupId, version, fresh.every(isPrivate) ? member.id : undefined)
    await c.query('COMMIT')
    return {
      version,
      results: operations.map((o) => (known.has(o.opId) ? { opId: o.opId, status: 'duplicate', version: known.get(o.opId)! } : { opId: o.opId, status: 'applied', version }))
    }
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    c.release()
  }
}

/**
 * Applies one operation at `version`; returns a conflict instead of writing when its precondition fails.
 * Operations of one batch are checked against the versions from before the batch (`before`), so a client
 * may send several edits of one object made offline in a row.
 */
async function apply(c: PoolClient, member: Member, op: Operation, version: number, before: Map<string, number>): Promise<Conflict | undefined> {
  const g = member.groupId
  if (op.op === 'put_reading') {
    // Reading state of an article the group does not hold (deleted, or never sent) is kept by nobody:
    // taken and dropped, never a refusal or a conflict that would hold up the member's outbox.
    const article = await store.getObject(c, g, 'article', op.article)
    if (article && !article.deleted) await store.putPrivate(c, g, member.id, 'reading', op.article, op.data, version)
    return undefined
  }
  if (op.op === 'put_setting') {
    await store.putPrivate(c, g, member.id, 'setting', op.name, { value: op.value }, version)
    return undefined
  }
  const { kind, key } = target(op) as { kind: ObjectKind; key: string }
  const row = await store.getObject(c, g, kind, key)
  const id = `${kind}:${key}`
  if (!before.has(id)) before.set(id, row ? Number(row.version) : 0)
  const rowVersion = before.get(id)!
  const stale = (seen: number | undefined): Conflict | undefined => (rowVersion > (seen ?? 0) ? { opId: op.opId, kind, key, currentVersion: rowVersion } : undefined)
  const mustOwn = (): void => {
    if (row && row.author_id !== member.id) throw new HttpError(403, 'forbidden', `${kind} ${key} belongs to ${row.author}: only its author may change it`)
  }
  switch (op.op) {
    case 'import_article':
      if (!(await store.bodyExists(c, g, op.article))) throw new HttpError(409, 'body_missing', `upload the body first: PUT /groups/${g}/bodies/${op.article}`)
      // Imported once by anyone: a second import of the same content changes nothing.
      if (!row || row.deleted) await store.upsertObject(c, g, kind, key, { title: op.title }, version, member.id)
      // Imported again after a deletion: clients dropped its tags and highlights with it, so they go out again.
      if (row?.deleted) await store.touchDependents(c, g, key, version)
      return undefined
    case 'delete_article':
      if (!row || row.deleted) return undefined
      if (stale(op.ifVersion)) return stale(op.ifVersion)
      await store.markDeleted(c, g, kind, key, version, member.id)
      return undefined
    case 'set_field': {
      const gone = await articleConflict(c, g, op.article, op.opId)
      if (gone) return gone
      if (stale(op.ifVersion)) return stale(op.ifVersion)
      await store.upsertObject(c, g, kind, key, { article: op.article, field: op.field, value: op.value }, version, member.id)
      return undefined
    }
    case 'add_tag': {
      // Set semantics: each tag is its own object, so changes to different tags never meet. For the
      // same tag the later change (in server order) wins; the other stays in the operation log.
      const gone = await articleConflict(c, g, op.article, op.opId)
      if (gone) return gone
      if (!row || row.deleted) await store.upsertObject(c, g, kind, key, { article: op.article, tag: op.tag }, version, member.id)
      return undefined
    }
    case 'remove_tag':
      if (row && !row.deleted) await store.markDeleted(c, g, kind, key, version, member.id)
      return undefined
    case 'put_annotation':
    case 'put_comment': {
      mustOwn()
      const gone = await articleConflict(c, g, op.data.article, op.opId)
      if (gone) return gone
      if (row?.deleted) return { opId: op.opId, kind, key, currentVersion: rowVersion }
      if (stale(op.ifVersion)) return stale(op.ifVersion)
      await store.upsertObject(c, g, kind, key, op.data, version, member.id)
      return undefined
    }
    case 'delete_annotation':
    case 'delete_comment':
      if (!row || row.deleted) return undefined
      mustOwn()
      if (stale(op.ifVersion)) return stale(op.ifVersion)
      await store.markDeleted(c, g, kind, key, version, member.id)
      return undefined
    case 'hide_annotation':
    case 'hide_comment':
      if (member.role !== 'admin') throw new HttpError(403, 'forbidden', `only an admin may hide ${kind}s`)
      if (!row) throw new HttpError(404, 'not_found', `${kind} ${key} is not in this group`)
      // Already so: nothing to send to every library again.
      if (row.hidden !== op.hidden) await store.setHidden(c, g, op.op === 'hide_comment' ? 'comment' : 'annotation', key, op.hidden, version)
      return undefined
    case 'restore': {
      if (member.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin may restore deleted objects')
      if (!row?.deleted) return undefined
      const deletion = await store.recentDeletion(c, g, kind, key, RESTORE_WINDOW_DAYS)
      if (!deletion) throw new HttpError(410, 'gone', `${kind} ${key} was deleted more than ${RESTORE_WINDOW_DAYS} days ago`)
      await store.restoreObject(c, g, kind, key, deletion.id, version, member.id)
      if (kind === 'article') await store.touchDependents(c, g, key, version)
      return undefined
    }
  }
}

type Cursor = [number, string, string]
const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url')
function decodeCursor(s: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 3 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string' && typeof v[2] === 'string') return v as Cursor
  } catch {
    // fall through to the 400 below
  }
  throw new HttpError(400, 'invalid_cursor', 'cursor is not one this server gave out')
}

/** The group's shared changes and the private state of `member` (never another member's). */
export async function pull(pool: Pool, member: Member, since: number, limit: number, cursor?: string): Promise<PullResponse> {
  const groupId = member.groupId
  const after = cursor ? decodeCursor(cursor) : since
  const c = await pool.connect()
  try {
    // One snapshot: the group version read here covers exactly the rows this page can see.
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const rows = await store.changesAfter(c, groupId, member.id, after, limit + 1)
    const version = Number((await c.query<{ version: string }>('SELECT version FROM groups WHERE id = $1', [groupId])).rows[0]!.version)
    await c.query('COMMIT')
    const more = rows.length > limit
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    const res: PullResponse = {
      objects: page.filter((r) => !r.deleted).map((r) => ({ kind: r.kind, key: r.key, version: Number(r.version), data: r.data, author: r.author, hidden: r.hidden, updatedAt: r.updated_at.toISOString() })),
      deletions: page.filter((r) => r.deleted).map((r) => ({ kind: r.kind, key: r.key, version: Number(r.version) })),
      version,
      more
    }
    if (more && last) res.cursor = encodeCursor([Number(last.version), last.kind, last.key])
    return res
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    c.release()
  }
}
