// The team-archive client's tables (migration 0006): the group binding, the outbox the triggers fill, and
// the map of server objects. Writes are synchronous and run in the caller's transaction.
import { SYNCED_SETTINGS } from '@shared/sync-protocol'
import { transaction, type Db } from '../connection'
import type { SyncBindingTable, SyncObjectTable, SyncOutboxTable } from '../database'
import { allRows, getRow, runWrite, sql } from '../sql'

export type BindingRow = SyncBindingTable
export type OutboxRow = Omit<SyncOutboxTable, 'id' | 'op_id' | 'created_at'> & { id: number; op_id: string }
export type ObjectRow = SyncObjectTable

/** The settings key of the member token: beside the settings, which getSettings never hands out. */
const TOKEN_KEY = 'sync.token'
/** Whose objects the map holds (server, group, member): kept across a leave, so a re-join can tell. */
const MAP_KEY = 'sync.map'

/** The token as stored: 'os' = sealed by the OS keychain (base64), 'plain' = as it is. */
export interface StoredToken {
  by: 'os' | 'plain'
  value: string
}

interface MapOwner {
  server: string
  group: string
  member: string
}

export function getBinding(db: Db): BindingRow | undefined {
  return getRow<BindingRow>(db, sql`SELECT * FROM sync_binding WHERE id = 1`)
}

/**
 * Joins the library to a group and enqueues what it holds (articles, their tags, the member's own
 * highlights and comments), all in one transaction: from then on the triggers record every change. A viewer's
 * library enqueues nothing: it may only read.
 *
 * A re-join as the same member of the same group keeps the keys of what the library still holds (so
 * nothing goes up twice) and forgets the rest: changes made while it was not bound were never recorded, so
 * the full pull that follows must re-apply every article, highlight and tag the map says it has but the
 * library no longer holds. Joining another group (or server) forgets the whole map: its keys mean nothing
 * there, and everything is offered as new. Joining the same group as another member makes the previous
 * member's highlights and comments (those the map knows: made while joined as them) that member's layer,
 * so they are never pushed as the new member's; what was made while not joined is the new member's.
 * A token given as a string is stored as it is (plain).
 */
export function bindLibrary(db: Db, b: { server: string; group: string; memberName: string; role: string }, token: StoredToken | string): void {
  transaction(db, () => {
    const before = mapOwner(db)
    if (before && (before.server !== b.server || before.group !== b.group)) runWrite(db, sql`DELETE FROM sync_objects`)
    else if (before && before.member !== b.memberName) {
      // Before the binding row exists, so no trigger records these as changes.
      runWrite(
        db,
        sql`UPDATE annotations SET author = ${before.member}
            WHERE author IS NULL AND id IN (SELECT local_id FROM sync_objects WHERE kind = 'annotation' AND deleted = 0)`
      )
      runWrite(
        db,
        sql`UPDATE comments SET author = ${before.member} WHERE author IS NULL AND id IN (SELECT local_id FROM sync_objects WHERE kind = 'comment' AND deleted = 0)`
      )
    }
    setMapOwner(db, { server: b.server, group: b.group, member: b.memberName })
    runWrite(
      db,
      sql`DELETE FROM sync_objects WHERE kind = 'tag'
          OR (kind = 'article' AND (deleted = 1 OR local_id IS NULL OR local_id NOT IN (SELECT id FROM articles)))
          OR (kind = 'annotation' AND (deleted = 1 OR local_id IS NULL OR local_id NOT IN (SELECT id FROM annotations)))
          OR (kind = 'comment' AND (deleted = 1 OR local_id IS NULL OR local_id NOT IN (SELECT id FROM comments)))`
    )
    runWrite(db, sql`DELETE FROM sync_objects WHERE kind = 'field' AND substr(key, 1, 64) NOT IN (SELECT key FROM sync_objects WHERE kind = 'article')`)
    runWrite(
      db,
      sql`INSERT INTO sync_binding (id, server, group_id, member_name, member_role, bound_at) VALUES (1, ${b.server}, ${b.group}, ${b.memberName}, ${b.role}, ${new Date().toISOString()})`
    )
    saveToken(db, typeof token === 'string' ? { by: 'plain', value: token } : token)
    // The member's own reading state and synced settings (migration 0013): only what differs from a new
    // library's, so joining a fresh library never sends its defaults over the member's other machines'.
    runWrite(
      db,
      sql`INSERT INTO sync_outbox (entity, op, local_id, payload)
          SELECT 'reading', 'update', id, json_object('readState', read_state, 'position', reading_position, 'progress', progress) FROM articles
          WHERE read_state <> 'unread' OR reading_position <> 0 OR progress <> 0 ORDER BY id`
    )
    runWrite(
      db,
      sql`INSERT INTO sync_outbox (entity, op, local_id, payload)
          SELECT 'setting', 'update', 0, json_object('name', key, 'value', json(value_json)) FROM settings
          WHERE key IN (SELECT value FROM json_each(${JSON.stringify(SYNCED_SETTINGS)})) AND json_valid(value_json) ORDER BY key`
    )
    if (b.role === 'viewer') return
    runWrite(db, sql`INSERT INTO sync_outbox (entity, op, local_id) SELECT 'article', 'insert', id FROM articles ORDER BY id`)
    runWrite(
      db,
      sql`INSERT INTO sync_outbox (entity, op, local_id, payload)
          SELECT 'tag', 'insert', at.article_id, json_object('tag', t.name) FROM article_tags at JOIN tags t ON t.id = at.tag_id ORDER BY at.article_id, t.id`
    )
    runWrite(
      db,
      sql`INSERT INTO sync_objects (kind, key, local_id) SELECT 'annotation', lower(hex(randomblob(16))), id FROM annotations
          WHERE author IS NULL AND id NOT IN (SELECT local_id FROM sync_objects WHERE kind = 'annotation' AND deleted = 0 AND local_id IS NOT NULL)`
    )
    runWrite(
      db,
      sql`INSERT INTO sync_outbox (entity, op, local_id, payload)
          SELECT 'annotation', 'insert', id, json_object('article', article_id, 'start', start_offset, 'end', end_offset, 'quote', exact,
            'note', coalesce(note, ''), 'color', color, 'textKind', text_kind)
          FROM annotations WHERE author IS NULL ORDER BY id`
    )
    // Own comments were written while bound, so each has its key (sync_comments_ai), unless the map was
    // started afresh for another group: those get one here, a UUIDv7 of their creation time as the trigger
    // makes it (the key places a comment in the thread). One whose send was dropped by leaving the group
    // goes out now, and a resend of one the server has is the same text.
    runWrite(
      db,
      sql`INSERT INTO sync_objects (kind, key, local_id)
          SELECT 'comment', lower(printf('%012x', CAST(coalesce(unixepoch(created_at, 'subsec'), unixepoch('subsec')) * 1000 AS INTEGER)) || '7'
            || substr(hex(randomblob(2)), 1, 3) || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(8)), 1, 15)), id
          FROM comments WHERE author IS NULL AND id NOT IN (SELECT local_id FROM sync_objects WHERE kind = 'comment' AND deleted = 0 AND local_id IS NOT NULL)`
    )
    runWrite(
      db,
      sql`INSERT INTO sync_outbox (entity, op, local_id, payload)
          SELECT 'comment', 'insert', id, json_object('article', article_id, 'text', text) FROM comments
          WHERE author IS NULL AND id IN (SELECT local_id FROM sync_objects WHERE kind = 'comment' AND deleted = 0) ORDER BY id`
    )
  })
}

/**
 * Leaves the group: the binding, the token and the unsent changes go; the articles and every note stay.
 * The object map stays too, so what came from the group is still recognised if this library joins again.
 */
export function unbindLibrary(db: Db): void {
  transaction(db, () => {
    const b = getBinding(db)
    // Libraries joined before the map's owner was recorded learn it here.
    if (b) setMapOwner(db, { server: b.server, group: b.group_id, member: b.member_name })
    runWrite(db, sql`DELETE FROM sync_outbox`)
    runWrite(db, sql`DELETE FROM settings WHERE key = ${TOKEN_KEY}`)
    runWrite(db, sql`DELETE FROM sync_binding`)
  })
}

export function updateBindingMember(db: Db, memberName: string, role: string): void {
  runWrite(db, sql`UPDATE sync_binding SET member_name = ${memberName}, member_role = ${role} WHERE id = 1`)
}

export function recordSyncResult(db: Db, r: { at: string; error: string | null; version?: number }): void {
  runWrite(
    db,
    sql`UPDATE sync_binding SET last_error = ${r.error}, last_synced_at = CASE WHEN ${r.error} IS NULL THEN ${r.at} ELSE last_synced_at END,
        last_version = coalesce(${r.version ?? null}, last_version) WHERE id = 1`
  )
}

export function setLastVersion(db: Db, version: number): void {
  runWrite(db, sql`UPDATE sync_binding SET last_version = ${version} WHERE id = 1`)
}

/** Inside a pull's transaction only: while set, the outbox triggers do not fire. */
export function setApplying(db: Db, applying: boolean): void {
  runWrite(db, sql`UPDATE sync_binding SET applying = ${applying ? 1 : 0} WHERE id = 1`)
}

export function saveToken(db: Db, token: StoredToken): void {
  putSetting(db, TOKEN_KEY, { by: token.by, value: token.value })
}

/** The stored token; a bare string is one stored before tokens were tagged (plain). */
export function getToken(db: Db): StoredToken | undefined {
  const v = readSetting(db, TOKEN_KEY)
  if (typeof v === 'string') return { by: 'plain', value: v }
  const t = v as Partial<StoredToken> | undefined
  return t && (t.by === 'os' || t.by === 'plain') && typeof t.value === 'string' ? { by: t.by, value: t.value } : undefined
}

function mapOwner(db: Db): MapOwner | undefined {
  const v = readSetting(db, MAP_KEY) as Partial<MapOwner> | undefined
  return v && typeof v.server === 'string' && typeof v.group === 'string' && typeof v.member === 'string' ? (v as MapOwner) : undefined
}

function setMapOwner(db: Db, owner: MapOwner): void {
  putSetting(db, MAP_KEY, owner)
}

function readSetting(db: Db, key: string): unknown {
  const row = getRow<{ value_json: string }>(db, sql`SELECT value_json FROM settings WHERE key = ${key}`)
  try {
    return row ? (JSON.parse(row.value_json) as unknown) : undefined
  } catch {
    return undefined
  }
}

function putSetting(db: Db, key: string, value: unknown): void {
  runWrite(db, sql`INSERT INTO settings (key, value_json) VALUES (${key}, ${JSON.stringify(value)}) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json`)
}

// --- outbox ---

export function outboxBatch(db: Db, limit: number): OutboxRow[] {
  return allRows<OutboxRow>(db, sql`SELECT id, op_id, entity, op, local_id, payload FROM sync_outbox ORDER BY id LIMIT ${limit}`)
}

export function countOutbox(db: Db): number {
  return getRow<{ n: number }>(db, sql`SELECT count(*) AS n FROM sync_outbox`)?.n ?? 0
}

export function deleteOutboxRows(db: Db, ids: readonly number[]): void {
  runWrite(db, sql`DELETE FROM sync_outbox WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
}

/**
 * The pending changes of one local row (an annotation, or an article's tags and fields). An admin's hide
 * is not a change of the row's content, so it is not one of them.
 */
export function pendingFor(db: Db, entity: OutboxRow['entity'], localId: number): OutboxRow[] {
  return allRows<OutboxRow>(
    db,
    sql`SELECT id, op_id, entity, op, local_id, payload FROM sync_outbox
        WHERE entity = ${entity} AND local_id = ${localId} AND json_extract(payload, '$.hide') IS NULL ORDER BY id`
  )
}

/** True while a change of this synced setting waits to go out. */
export function pendingSetting(db: Db, name: string): boolean {
  return getRow(db, sql`SELECT 1 FROM sync_outbox WHERE entity = 'setting' AND local_id = 0 AND json_extract(payload, '$.name') = ${name}`) !== undefined
}

/** Puts the member's reading state from another of their libraries (last_opened_at stays this machine's). */
export function setReadingState(db: Db, id: number, r: { readState: 'unread' | 'read'; position: number; progress: number }): boolean {
  return runWrite(db, sql`UPDATE articles SET read_state = ${r.readState}, reading_position = ${r.position}, progress = ${r.progress} WHERE id = ${id}`).changes > 0
}

/**
 * Queues an admin's hide (or unhide) of a colleague's highlight or comment, by its server key: the
 * outbox takes it like any change, so it goes out in order with the rest, retried until acknowledged.
 */
export function enqueueHide(db: Db, entity: 'annotation' | 'comment', localId: number, key: string, hidden: boolean): void {
  runWrite(db, sql`INSERT INTO sync_outbox (entity, op, local_id, payload) VALUES (${entity}, 'update', ${localId}, ${JSON.stringify({ key, hide: hidden })})`)
}

// --- the object map ---

export function getObject(db: Db, kind: string, key: string): ObjectRow | undefined {
  return getRow<ObjectRow>(db, sql`SELECT kind, key, local_id, version, deleted FROM sync_objects WHERE kind = ${kind} AND key = ${key}`)
}

/** The live (not deleted) object a local row is, e.g. the server key of an article or a highlight. */
/**
 * The server key of an article this library still holds. One deleted here took its tags, fields,
 * highlights and comments with it: their waiting rows mean nothing any more, and the server may never have
 * had the article (its import cut before it was sent, then undone).
 */
export function liveArticleKey(db: Db, localId: unknown): string | undefined {
  if (typeof localId !== 'number') return undefined
  return getRow<{ key: string }>(
    db,
    sql`SELECT o.key AS key FROM sync_objects o JOIN articles a ON a.id = o.local_id
      WHERE o.kind = 'article' AND o.local_id = ${localId} AND o.deleted = 0 ORDER BY o.version DESC LIMIT 1`
  )?.key
}

export function objectOfLocal(db: Db, kind: string, localId: number): ObjectRow | undefined {
  return getRow<ObjectRow>(
    db,
    sql`SELECT kind, key, local_id, version, deleted FROM sync_objects WHERE kind = ${kind} AND local_id = ${localId} AND deleted = 0 ORDER BY version DESC LIMIT 1`
  )
}

export function putObject(db: Db, o: ObjectRow): void {
  runWrite(
    db,
    sql`INSERT INTO sync_objects (kind, key, local_id, version, deleted) VALUES (${o.kind}, ${o.key}, ${o.local_id}, ${o.version}, ${o.deleted})
        ON CONFLICT (kind, key) DO UPDATE SET local_id = excluded.local_id, version = excluded.version, deleted = excluded.deleted`
  )
}

/** Records the version the server gave an object (never moves it back). */
/** True while this library's deletion of the article with this server key waits to go out. */
export function articleDeletePending(db: Db, key: string): boolean {
  return getRow(db, sql`SELECT 1 AS yes FROM sync_outbox WHERE entity = 'article' AND op = 'delete' AND json_extract(payload, '$.key') = ${key} LIMIT 1`) !== undefined
}

export function setObjectVersion(db: Db, kind: string, key: string, version: number, deleted?: boolean): void {
  runWrite(
    db,
    sql`INSERT INTO sync_objects (kind, key, local_id, version, deleted) VALUES (${kind}, ${key}, NULL, ${version}, ${deleted ? 1 : 0})
        ON CONFLICT (kind, key) DO UPDATE SET version = max(version, excluded.version), deleted = coalesce(${deleted === undefined ? null : deleted ? 1 : 0}, deleted)`
  )
}

export function markObjectsOfLocalDeleted(db: Db, kind: string, localId: number): void {
  runWrite(db, sql`UPDATE sync_objects SET deleted = 1 WHERE kind = ${kind} AND local_id = ${localId}`)
}

/** Sets the author of a highlight (a colleague's layer; null for the member's own). */
export function setAnnotationAuthor(db: Db, id: number, author: string | null): void {
  runWrite(db, sql`UPDATE annotations SET author = ${author} WHERE id = ${id}`)
}

/** Moves a highlight to another range (a colleague re-placed theirs). */
export function setAnnotationRange(db: Db, id: number, r: { start: number; end: number; exact: string; prefix: string; suffix: string; textKind: string }): void {
  runWrite(
    db,
    sql`UPDATE annotations SET start_offset = ${r.start}, end_offset = ${r.end}, exact = ${r.exact}, prefix = ${r.prefix}, suffix = ${r.suffix}, text_kind = ${r.textKind} WHERE id = ${id}`
  )
}

// --- bodies still to fetch (a join applies article rows first, bodies after) ---

/**
 * An article pulled before its body holds `pending:<server key>` as its content hash: the row itself is
 * the marker (committed with it, so a kill loses nothing), the unique index keeps it apart from every
 * real hash, and no other table has to agree with it.
 */
export const PENDING_HASH_PREFIX = 'pending:'

/** Articles whose body has not arrived, oldest first, with their server key. */
export function pendingBodies(db: Db, limit: number): { id: number; key: string }[] {
  return allRows<{ id: number; key: string }>(
    db,
    sql`SELECT id, substr(content_hash, ${PENDING_HASH_PREFIX.length + 1}) AS key FROM articles
        WHERE content_hash >= ${PENDING_HASH_PREFIX} AND content_hash < 'pending;' ORDER BY id LIMIT ${limit}`
  )
}

export interface BodyTexts {
  raw_text: string
  raw_format: string
  raw_encoding: string | null
  original_file: string | null
  body_text: string
  removed_json: string
  source_script: string | null
  content_hash: string
  editor: string | null
}

/** Puts a fetched body into its placeholder row (a no-op when the row is gone or already filled). */
export function fillPendingBody(db: Db, id: number, key: string, b: BodyTexts): void {
  runWrite(
    db,
    sql`UPDATE articles SET raw_text = ${b.raw_text}, raw_format = ${b.raw_format}, raw_encoding = ${b.raw_encoding}, original_file = ${b.original_file},
        body_text = ${b.body_text}, removed_json = ${b.removed_json}, source_script = ${b.source_script}, content_hash = ${b.content_hash}, editor = ${b.editor}
        WHERE id = ${id} AND content_hash = ${PENDING_HASH_PREFIX + key}`
  )
}

/**
 * The placeholder turned out to be an article this library already holds (same content hash): what hangs
 * on the placeholder moves to that article, then the placeholder goes. Call with applying set.
 */
export function mergePlaceholderInto(db: Db, placeholder: number, into: number): void {
  runWrite(db, sql`UPDATE annotations SET article_id = ${into} WHERE article_id = ${placeholder}`)
  runWrite(db, sql`UPDATE comments SET article_id = ${into} WHERE article_id = ${placeholder}`)
  runWrite(db, sql`INSERT OR IGNORE INTO article_tags (article_id, tag_id, origin) SELECT ${into}, tag_id, origin FROM article_tags WHERE article_id = ${placeholder}`)
  runWrite(db, sql`UPDATE sync_objects SET local_id = ${into} WHERE kind = 'article' AND local_id = ${placeholder}`)
  runWrite(db, sql`DELETE FROM articles WHERE id = ${placeholder}`)
}
