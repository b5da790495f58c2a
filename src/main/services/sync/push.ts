// Outbox rows → protocol operations. One row is one change as it was made; its op_id is the operation id,
// so a batch resent after a cut connection is the same batch and the server applies nothing twice.
import { fieldKey, operation, tagKey, wellFormed, type ObjectKind, type Operation, type SyncKind } from '@shared/sync-protocol'
import { transaction, type Db } from '../../db/connection'
import { getArticleRow } from '../../db/repositories/article.repository'
import { deleteOutboxRows, getBinding, getObject, liveArticleKey, objectOfLocal, PENDING_HASH_PREFIX, putObject, setObjectVersion, type OutboxRow } from '../../db/repositories/sync.repository'
import { cleanTagName } from '../../db/repositories/tag.repository'
import { articleBody } from './article-doc'
import { commentOperation } from './comments'
import { privateOperation } from './private-state'
import type { PushResponse } from '@shared/sync-protocol'

/** Rows per push: an imported article is up to five operations, and a batch holds at most 500. */
export const ROWS_PER_BATCH = 100

export interface Target {
  kind: SyncKind
  key: string
  deleted: boolean
}

export interface Batch {
  ops: Operation[]
  /** Bodies to upload before the operations (hash → body). */
  bodies: Map<string, string>
  targets: Map<string, Target>
  rowIds: number[]
  /** Why a value was repaired or an operation left out: said once, so nothing is resent forever. */
  notes: string[]
}

const FIELDS: Array<['author' | 'source' | 'url' | 'published_at', 'author' | 'source' | 'url' | 'publishedAt']> = [
  ['author', 'author'],
  ['source', 'source'],
  ['url', 'url'],
  ['published_at', 'publishedAt']
]

const version = (db: Db, kind: ObjectKind, key: string): number => getObject(db, kind, key)?.version ?? 0

/**
 * Builds the operations for these rows, in order. Rows that no longer mean anything (an article deleted
 * before it was ever sent, a value the protocol refuses) are dropped with the batch. Runs in a transaction:
 * an article's server key (its body's hash) is fixed here, once, when it is first sent.
 */
export function buildBatch(db: Db, rows: readonly OutboxRow[]): Batch {
  return transaction(db, () => {
    const batch: Batch = { ops: [], bodies: new Map(), targets: new Map(), rowIds: [], notes: [] }
    const admin = getBinding(db)?.member_role === 'admin'
    // Without a target the version the server gives is not learnt: a hide's, so that the pull brings the
    // object at that version (an unhide must put it back here too).
    const add = (op: Operation, target?: Target): void => {
      const checked = operation.safeParse(op)
      if (!checked.success) {
        batch.notes.push(`${op.op} left out (the protocol refuses it: ${checked.error.issues[0]?.message ?? 'invalid'})`)
        return
      }
      batch.ops.push(op)
      if (target) batch.targets.set(op.opId, target)
    }
    // The server refuses a NUL or a lone surrogate (a title cut mid-pair makes one): sent repaired, said why.
    const text = (value: string, what: string): string => {
      const repaired = wellFormed(value)
      if (repaired !== value) batch.notes.push(`${what} sent with NUL or unpaired surrogates replaced by U+FFFD`)
      return repaired
    }
    for (const row of rows) {
      batch.rowIds.push(row.id)
      const p = JSON.parse(row.payload) as Record<string, unknown>
      const opId = row.op_id
      if (typeof p.hide === 'boolean' && (row.entity === 'annotation' || row.entity === 'comment')) {
        // Queued while an admin; the server would refuse it for good now, and the outbox would stall.
        if (admin) add({ op: row.entity === 'comment' ? 'hide_comment' : 'hide_annotation', opId, id: String(p.key), hidden: p.hide })
        else batch.notes.push(`a hide of a ${row.entity} left out: this member is no longer an admin of the group`)
      } else if (row.entity === 'article' && row.op === 'insert') {
        const article = getArticleRow(db, row.local_id)
        // A body still downloading came from the group: nothing of it to send.
        if (!article || article.content_hash.startsWith(PENDING_HASH_PREFIX)) continue
        const { body, hash } = articleBody(article)
        const known = objectOfLocal(db, 'article', row.local_id)
        const key = known?.key ?? hash
        if (!known) putObject(db, { kind: 'article', key, local_id: row.local_id, version: getObject(db, 'article', key)?.version ?? 0, deleted: 0 })
        if (key === hash) batch.bodies.set(hash, body)
        add({ op: 'import_article', opId, article: key, title: text(article.title.slice(0, 1000), `title of article ${row.local_id}`) }, { kind: 'article', key, deleted: false })
        for (const [column, field] of FIELDS) {
          const value = article[column]
          if (value === null) continue
          const fk = fieldKey(key, field)
          add({ op: 'set_field', opId: `${opId}-${field}`, article: key, field, value: text(value, `${field} of article ${row.local_id}`), ifVersion: version(db, 'field', fk) }, { kind: 'field', key: fk, deleted: false })
        }
      } else if (row.entity === 'article') {
        const key = (p.key as string | null) ?? liveArticleKey(db, row.local_id)
        if (!key) continue
        add({ op: 'delete_article', opId, article: key, ifVersion: version(db, 'article', key) }, { kind: 'article', key, deleted: true })
      } else if (row.entity === 'field') {
        const key = liveArticleKey(db, row.local_id)
        if (!key) continue
        const field = p.field as 'title' | 'author' | 'source' | 'url' | 'publishedAt'
        const fk = fieldKey(key, field)
        const value = typeof p.value === 'string' ? text(p.value, `${field} of article ${row.local_id}`) : null
        add({ op: 'set_field', opId, article: key, field, value, ifVersion: version(db, 'field', fk) }, { kind: 'field', key: fk, deleted: false })
      } else if (row.entity === 'tag') {
        const key = liveArticleKey(db, row.local_id)
        const tag = typeof p.tag === 'string' ? cleanTagName(p.tag) : ''
        if (!key || !tag) continue
        const deleted = row.op === 'delete'
        add({ op: deleted ? 'remove_tag' : 'add_tag', opId, article: key, tag }, { kind: 'tag', key: tagKey(key, tag), deleted })
      } else if (row.entity === 'reading' || row.entity === 'setting') {
        const p = privateOperation(db, row)
        if (p) add(p.op, { kind: p.kind, key: p.key, deleted: false })
      } else if (row.entity === 'comment') {
        const c = commentOperation(db, row, text)
        if (c) add(c.op, { kind: 'comment', key: c.key, deleted: c.deleted })
      } else if (row.op === 'delete') {
        const key = p.key as string | null
        if (!key) continue
        add({ op: 'delete_annotation', opId, id: key, ifVersion: version(db, 'annotation', key) }, { kind: 'annotation', key, deleted: true })
      } else {
        const key = objectOfLocal(db, 'annotation', row.local_id)?.key
        const article = liveArticleKey(db, p.article)
        if (!key || !article) continue
        const what = `highlight ${row.local_id}`
        const data = { article, start: Number(p.start), end: Number(p.end), quote: text(String(p.quote), `quote of ${what}`), note: text(String(p.note ?? ''), `note of ${what}`), color: String(p.color) }
        add({ op: 'put_annotation', opId, id: key, data, ifVersion: version(db, 'annotation', key) }, { kind: 'annotation', key, deleted: false })
      }
    }
    return batch
  })
}

/** After the server took the batch: the versions it gave, and the rows are done. */
export function acknowledge(db: Db, batch: Batch, res: PushResponse): void {
  transaction(db, () => {
    for (const r of res.results) {
      const t = batch.targets.get(r.opId)
      if (t) setObjectVersion(db, t.kind, t.key, r.version, t.deleted ? true : t.kind === 'annotation' ? undefined : false)
    }
    deleteOutboxRows(db, batch.rowIds)
  })
}
