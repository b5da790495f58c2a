// The group archive's wire protocol (issue 15): the zod schemas the server validates every request with
// and the client will build its requests from. Versioned objects in the manner of Zotero's Web API v3:
// each group has one version counter, every object carries the version of its last change, pulls ask for
// everything after `since`, and writes name the version they were based on (412 when it moved on).
import { z } from 'zod'
import { tagName } from './schema-primitives'

export const MAX_BATCH_OPERATIONS = 500
export const MAX_PULL_LIMIT = 1000
/** Deleted objects stay restorable by an admin for this long. */
export const RESTORE_WINDOW_DAYS = 30

/** A NUL or a surrogate half without its pair: PostgreSQL text cannot hold the first, UTF-8 not the second. */
const ILL_FORMED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const ILL_FORMED_ALL = new RegExp(ILL_FORMED.source, 'g')
/** Text the protocol carries: refused with a 400 when ill-formed, so it can never reach the store. */
export const wireText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !ILL_FORMED.test(s), 'text cannot contain NUL characters or unpaired surrogates')

/**
 * The same text made well-formed, for the client to send what a library holds: each NUL or lone
 * surrogate becomes U+FFFD, one code unit for one, so every offset into a quote still means the same.
 */
export function wellFormed(s: string): string {
  return ILL_FORMED.test(s) ? s.replace(ILL_FORMED_ALL, '\uFFFD') : s
}

/** sha256 of the body's UTF-8 bytes, lowercase hex: an article's identity and its body's address. */
export const contentHash = z.string().regex(/^[0-9a-f]{64}$/, 'a content hash is 64 lowercase hex digits (sha256)')
/** Client-chosen ids (operations, annotations, comments): UUIDs or any short url-safe string. */
export const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id is 8 to 64 characters of A-Z a-z 0-9 _ -')
export const objectVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
export const groupId = z.uuid()

export const ROLES = ['admin', 'editor', 'viewer'] as const
export type Role = (typeof ROLES)[number]
export const OBJECT_KINDS = ['article', 'field', 'tag', 'annotation', 'comment'] as const
export type ObjectKind = (typeof OBJECT_KINDS)[number]
/**
 * A member's private state (issue 15): their reading state per article and their preferences, pulled only
 * by that member's own libraries. Last writer wins per object, in server order.
 */
export const PRIVATE_KINDS = ['reading', 'setting'] as const
export type PrivateKind = (typeof PRIVATE_KINDS)[number]
export const SYNC_KINDS = [...OBJECT_KINDS, ...PRIVATE_KINDS] as const
export type SyncKind = (typeof SYNC_KINDS)[number]
/** The settings that are a person's preferences and follow them; window geometry and paths stay on the machine. */
export const SYNCED_SETTINGS = ['uiLanguage', 'theme', 'fontSize', 'lineHeight', 'script', 'writing', 'ruby', 'colleagueLayers'] as const
/** Article metadata merges per field: each field is its own versioned object. */
export const METADATA_FIELDS = ['title', 'author', 'source', 'url', 'publishedAt', 'summary'] as const

const annotationData = z.strictObject({
  article: contentHash,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: wireText(20_000),
  note: wireText(100_000),
  color: wireText(20).optional()
})
const commentData = z.strictObject({ article: contentHash, text: wireText(20_000).min(1) })

const readingData = z.strictObject({
  readState: z.enum(['unread', 'read']),
  position: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  progress: z.number().min(0).max(1)
})

const base = { opId: clientId }
export const operation = z.discriminatedUnion('op', [
  z.strictObject({ ...base, op: z.literal('import_article'), article: contentHash, title: wireText(1000) }),
  z.strictObject({ ...base, op: z.literal('delete_article'), article: contentHash, ifVersion: objectVersion }),
  z.strictObject({
    ...base,
    op: z.literal('set_field'),
    article: contentHash,
    field: z.enum(METADATA_FIELDS),
    value: wireText(10_000).nullable(),
    /** The field's version the client last saw; 0 when it has never seen the field set. */
    ifVersion: objectVersion
  }),
  z.strictObject({ ...base, op: z.literal('add_tag'), article: contentHash, tag: tagName }),
  z.strictObject({ ...base, op: z.literal('remove_tag'), article: contentHash, tag: tagName }),
  // ifVersion absent or 0 creates; an update names the version it edits.
  z.strictObject({ ...base, op: z.literal('put_annotation'), id: clientId, data: annotationData, ifVersion: objectVersion.optional() }),
  z.strictObject({ ...base, op: z.literal('delete_annotation'), id: clientId, ifVersion: objectVersion }),
  // Moderation, admin only: hidden objects are pulled with hidden: true (clients drop them); false unhides.
  z.strictObject({ ...base, op: z.literal('hide_annotation'), id: clientId, hidden: z.boolean() }),
  z.strictObject({ ...base, op: z.literal('put_comment'), id: clientId, data: commentData, ifVersion: objectVersion.optional() }),
  z.strictObject({ ...base, op: z.literal('delete_comment'), id: clientId, ifVersion: objectVersion }),
  z.strictObject({ ...base, op: z.literal('hide_comment'), id: clientId, hidden: z.boolean() }),
  z.strictObject({ ...base, op: z.literal('restore'), kind: z.enum(OBJECT_KINDS), key: wireText(400).min(1) }),
  // Private to the member who sends them (PRIVATE_KINDS): no version precondition, the later one wins.
  z.strictObject({ ...base, op: z.literal('put_reading'), article: contentHash, data: readingData }),
  z.strictObject({ ...base, op: z.literal('put_setting'), name: z.enum(SYNCED_SETTINGS), value: z.union([wireText(200), z.number(), z.boolean()]) })
])
export type Operation = z.infer<typeof operation>
export type OperationName = Operation['op']

export const pushRequest = z.strictObject({ operations: z.array(operation).min(1).max(MAX_BATCH_OPERATIONS) })
export type PushRequest = z.infer<typeof pushRequest>

export const pushResult = z.object({
  opId: clientId,
  /** `duplicate`: this operation id was applied before (a retry); nothing was done twice. */
  status: z.enum(['applied', 'duplicate']),
  version: objectVersion
})
export const pushResponse = z.object({ version: objectVersion, results: z.array(pushResult) })
export type PushResponse = z.infer<typeof pushResponse>

export const conflict = z.object({ opId: clientId, kind: z.enum(OBJECT_KINDS), key: z.string(), currentVersion: objectVersion })
export type Conflict = z.infer<typeof conflict>

export const pullQuery = z.strictObject({
  since: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
  /** Opaque: the `cursor` of the previous page when `more` was true. */
  cursor: z.string().max(600).optional()
})

export const syncObject = z.object({
  kind: z.enum(SYNC_KINDS),
  key: z.string(),
  version: objectVersion,
  data: z.record(z.string(), z.unknown()),
  author: z.string(),
  hidden: z.boolean(),
  updatedAt: z.string()
})
export type SyncObject = z.infer<typeof syncObject>
export const pullResponse = z.object({
  objects: z.array(syncObject),
  deletions: z.array(z.object({ kind: z.enum(SYNC_KINDS), key: z.string(), version: objectVersion })),
  /** When `more` is false: the group version the client now holds in full; store it as the next `since`. */
  version: objectVersion,
  more: z.boolean(),
  cursor: z.string().optional()
})
export type PullResponse = z.infer<typeof pullResponse>

export const activityQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) })
export const activityRow = z.object({ day: z.string(), member: z.string(), imported: z.number(), annotated: z.number(), commented: z.number() })
export type ActivityRow = z.infer<typeof activityRow>

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }), conflicts: z.array(conflict).optional() })
export type ErrorBody = z.infer<typeof errorBody>

/** Object keys for set members and per-field metadata: the article hash has a fixed length, so no escaping. */
export const tagKey = (article: string, tag: string): string => `${article}/${tag}`
export const fieldKey = (article: string, field: string): string => `${article}/${field}`
