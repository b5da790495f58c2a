// Versioned objects, bodies, the deletion log and the operation log: every statement the sync service
// runs. Write functions take the transaction's client; the caller holds the group row lock.
import type { Pool, PoolClient } from 'pg'
import type { ObjectKind, PrivateKind, SyncKind } from '../../shared/sync-protocol'

type Q = Pool | PoolClient

export interface ObjectRow {
  kind: SyncKind
  key: string
  version: string
  data: Record<string, unknown>
  author_id: string
  author: string
  deleted: boolean
  hidden: boolean
  updated_at: Date
}

/** Locks the group row for the rest of the transaction and returns its version. */
export async function lockGroup(c: PoolClient, groupId: string): Promise<number> {
  const r = await c.query<{ version: string }>('SELECT version FROM groups WHERE id = $1 FOR UPDATE', [groupId])
  return Number(r.rows[0]!.version)
}

/** `onlyFor`: a version of one member's private state only, announced to that member's streams alone. */
export async function setGroupVersion(c: PoolClient, groupId: string, version: number, onlyFor?: string): Promise<void> {
  // One round trip under the group lock. The NOTIFY is delivered at commit to every listening process.
  await c.query("WITH u AS (UPDATE groups SET version = $2 WHERE id = $1 RETURNING id) SELECT pg_notify('marginalia_changes', $3) FROM u", [
    groupId,
    version,
    JSON.stringify(onlyFor === undefined ? { group: groupId, version } : { group: groupId, version, member: onlyFor })
  ])
}

export async function knownOperations(c: Q, groupId: string, opIds: string[]): Promise<Map<string, number>> {
  const r = await c.query<{ op_id: string; version: string }>('SELECT op_id, version FROM operations WHERE group_id = $1 AND op_id = ANY($2)', [groupId, opIds])
  return new Map(r.rows.map((x) => [x.op_id, Number(x.version)]))
}

export async function insertOperation(
  c: PoolClient,
  row: { groupId: string; opId: string; memberId: string; op: string; kind: SyncKind; key: string; version: number; payload: unknown }
): Promise<void> {
  await c.query('INSERT INTO operations (group_id, op_id, member_id, op, kind, key, version, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    row.groupId,
    row.opId,
    row.memberId,
    row.op,
    row.kind,
    row.key,
    row.version,
    JSON.stringify(row.payload)
  ])
}

export async function getObject(c: Q, groupId: string, kind: ObjectKind, key: string): Promise<ObjectRow | undefined> {
  const r = await c.query<ObjectRow>(
    'SELECT o.*, m.name AS author FROM objects o JOIN members m ON m.id = o.author_id WHERE o.group_id = $1 AND o.kind = $2 AND o.key = $3',
    [groupId, kind, key]
  )
  return r.rows[0]
}

/** Creates or overwrites an object (undeleting it); `author` stays the creator's unless the row is new. */
export async function upsertObject(c: PoolClient, groupId: string, kind: ObjectKind, key: string, data: unknown, version: number, authorId: string): Promise<void> {
  await c.query(
    `INSERT INTO objects (group_id, kind, key, data, version, author_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (group_id, kind, key) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version, deleted = false, updated_at = now()`,
    [groupId, kind, key, JSON.stringify(data), version, authorId]
  )
}

/** Gives an article's live tags, fields, highlights, comments and reading states this version, so the next pulls carry them again. */
export async function touchDependents(c: PoolClient, groupId: string, article: string, version: number): Promise<void> {
  await c.query(
    `UPDATE objects SET version = $3 WHERE group_id = $1 AND NOT deleted
       AND ((kind IN ('tag', 'field') AND starts_with(key, $2 || '/')) OR (kind IN ('annotation', 'comment') AND data->>'article' = $2))`,
    [groupId, article, version]
  )
  await c.query(`UPDATE private_objects SET version = $3 WHERE group_id = $1 AND kind = 'reading' AND key = $2`, [groupId, article, version])
}

/** Writes one member's private object: the later write wins. */
export async function putPrivate(c: PoolClient, groupId: string, memberId: string, kind: PrivateKind, key: string, data: unknown, version: number): Promise<void> {
  await c.query(
    `INSERT INTO private_objects (group_id, member_id, kind, key, data, version) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (group_id, member_id, kind, key) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version, updated_at = now()`,
    [groupId, memberId, kind, key, JSON.stringify(data), version]
  )
}

export async function markDeleted(c: PoolClient, groupId: string, kind: ObjectKind, key: string, version: number, memberId: string): Promise<void> {
  await c.query('UPDATE objects SET deleted = true, version = $4, updated_at = now() WHERE group_id = $1 AND kind = $2 AND key = $3', [groupId, kind, key, version])
  await c.query('INSERT INTO deletions (group_id, kind, key, version, deleted_by) VALUES ($1, $2, $3, $4, $5)', [groupId, kind, key, version, memberId])
}

export async function setHidden(c: PoolClient, groupId: string, kind: 'annotation' | 'comment', key: string, hidden: boolean, version: number): Promise<void> {
  await c.query('UPDATE objects SET hidden = $4, version = $5, updated_at = now() WHERE group_id = $1 AND kind = $2 AND key = $3', [groupId, kind, key, hidden, version])
}

/** The open deletion of an object, if it happened within `days`. */
export async function recentDeletion(c: Q, groupId: string, kind: ObjectKind, key: string, days: number): Promise<{ id: string } | undefined> {
  const r = await c.query<{ id: string }>(
    `SELECT id FROM deletions WHERE group_id = $1 AND kind = $2 AND key = $3 AND restored_at IS NULL AND deleted_at > now() - make_interval(days => $4)
     ORDER BY id DESC LIMIT 1`,
    [groupId, kind, key, days]
  )
  return r.rows[0]
}

export async function restoreObject(c: PoolClient, groupId: string, kind: ObjectKind, key: string, deletionId: string, version: number, memberId: string): Promise<void> {
  await c.query('UPDATE objects SET deleted = false, version = $4, updated_at = now() WHERE group_id = $1 AND kind = $2 AND key = $3', [groupId, kind, key, version])
  await c.query('UPDATE deletions SET restored_at = now(), restored_by = $2 WHERE id = $1', [deletionId, memberId])
}

/**
 * One page of changes in the order the versions were given: after version `since`, or, for a next page,
 * after the row (version, kind, key) that ended the previous one. The group's shared objects and the
 * private objects of `memberId` only: nobody else's private state can come out of here.
 */
export async function changesAfter(c: Q, groupId: string, memberId: string, after: number | [number, string, string], limit: number): Promise<ObjectRow[]> {
  const [where, params] =
    typeof after === 'number' ? [(t: string) => `${t}.version > $3::bigint`, [after]] : [(t: string) => `(${t}.version, ${t}.kind, ${t}.key) > ($3::bigint, $4::text, $5::text)`, after]
  const r = await c.query<ObjectRow>(
    `SELECT * FROM (
       SELECT o.kind, o.key, o.version, o.data, o.author_id, m.name AS author, o.deleted, o.hidden, o.updated_at
       FROM objects o JOIN members m ON m.id = o.author_id WHERE o.group_id = $1 AND ${where('o')}
       UNION ALL
       SELECT p.kind, p.key, p.version, p.data, p.member_id, m.name, false, false, p.updated_at
       FROM private_objects p JOIN members m ON m.id = p.member_id WHERE p.group_id = $1 AND p.member_id = $2 AND ${where('p')}
     ) c ORDER BY version, kind, key LIMIT ${Math.trunc(limit)}`,
    [groupId, memberId, ...params]
  )
  return r.rows
}

export async function bodyExists(c: Q, groupId: string, hash: string): Promise<boolean> {
  return (await c.query('SELECT 1 FROM bodies WHERE group_id = $1 AND hash = $2', [groupId, hash])).rowCount === 1
}

export async function insertBody(c: Q, groupId: string, hash: string, body: Buffer, memberId: string): Promise<boolean> {
  const r = await c.query('INSERT INTO bodies (group_id, hash, body, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [groupId, hash, body, memberId])
  return r.rowCount === 1
}

export async function getBody(c: Q, groupId: string, hash: string): Promise<Buffer | undefined> {
  return (await c.query<{ body: Buffer }>('SELECT body FROM bodies WHERE group_id = $1 AND hash = $2', [groupId, hash])).rows[0]?.body
}

/**
 * Per day and member, what the activity view reports: imports, annotations, comments. Only those operations
 * are read, so a member whose day held nothing else (a viewer's private reading state, say) is not listed:
 * private operations must not show up in what the group sees, not even as an empty row.
 */
export async function activity(c: Q, groupId: string, days: number): Promise<Array<{ day: string; member: string; imported: string; annotated: string; commented: string }>> {
  const r = await c.query(
    `SELECT to_char(o.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, m.name AS member,
            count(*) FILTER (WHERE o.op = 'import_article') AS imported,
            count(*) FILTER (WHERE o.op = 'put_annotation') AS annotated,
            count(*) FILTER (WHERE o.op = 'put_comment') AS commented
     FROM operations o JOIN members m ON m.id = o.member_id
     WHERE o.group_id = $1 AND o.applied_at > now() - make_interval(days => $2)
       AND o.op IN ('import_article', 'put_annotation', 'put_comment')
     GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
    [groupId, days]
  )
  return r.rows
}
