// Pulled changes → the library, through the same repositories every other write uses, one page per
// transaction with the outbox triggers quiet (sync_binding.applying). A local change not yet pushed is
// never overwritten: tags and fields keep the local change (it goes out next and is the later one); a
// highlight the member edited on two machines keeps both texts, the server's in place and this
// machine's as a conflict copy that is pushed as a new highlight.
import { describeRange } from '@shared/anchoring'
import { HIGHLIGHT_COLORS } from '@shared/anchoring/types'
import type { PullResponse, SyncObject } from '@shared/sync-protocol'
import { transaction, type Db } from '../../db/connection'
import type { AnnotationRow, ArticleRow } from '../../db/database'
import { annotationsOfArticle, deleteAnnotation, getAnnotation, insertAnnotation, updateAnnotation } from '../../db/repositories/annotation.repository'
import { deleteArticles, existingArticleIds, fillMissingArticleFields, findArticleIdByHash, getArticleRow, insertArticle } from '../../db/repositories/article.repository'
import {
  articleDeletePending,
  deleteOutboxRows,
  fillPendingBody,
  getObject,
  mergePlaceholderInto,
  PENDING_HASH_PREFIX,
  pendingBodies,
  pendingFor,
  putObject,
  setAnnotationAuthor,
  setAnnotationRange,
  setApplying,
  setLastVersion,
  setObjectVersion,
  type OutboxRow
} from '../../db/repositories/sync.repository'
import { addArticleTag, deleteTagIfUnused, findTagByNorm, normalizeTagName, removeArticleTag, upsertTag } from '../../db/repositories/tag.repository'
import { placeholderRow, textsFromBody } from './article-doc'
import type { ArchiveClient } from './client'
import { applyComment, applyCommentDeletion } from './comments'
import { keepOwnNotes } from './deleted-elsewhere'
import { applyPrivate } from './private-state'

export interface PullOutcome {
  pulled: number
  conflicts: number
  /** The member's own highlights and comments kept on the unattached list: their article was deleted in the group. */
  kept: number
}

/** Applied in this order within a page: articles before what hangs on them. */
const ORDER: Record<string, number> = { article: 0, field: 1, tag: 2, annotation: 3, comment: 4, reading: 5, setting: 6 }
const COLUMNS: Record<string, 'title' | 'author' | 'source' | 'url' | 'published_at' | undefined> = {
  title: 'title',
  author: 'author',
  source: 'source',
  url: 'url',
  publishedAt: 'published_at'
}

type Copy = Omit<AnnotationRow, 'id'>

export async function pullChanges(db: Db, client: ArchiveClient, since: number, member: string): Promise<PullOutcome> {
  const outcome: PullOutcome = { pulled: 0, conflicts: 0, kept: 0 }
  let cursor: string | undefined
  // Objects whose article comes later in the same version (pages are ordered by version, kind, key).
  let waiting: SyncObject[] = []
  for (;;) {
    const page: PullResponse = await client.pull(since, cursor)
    const objects = [...waiting, ...page.objects].sort((a, b) => (ORDER[a.kind] ?? 9) - (ORDER[b.kind] ?? 9))
    const copies: Copy[] = []
    transaction(db, () => {
      setApplying(db, true)
      waiting = []
      for (const o of objects) {
        const r = applyObject(db, o, member, copies)
        if (r === 'wait') waiting.push(o)
        else if (r === 'new') outcome.pulled++
      }
      for (const d of page.deletions) if (applyDeletion(db, d.kind, d.key, d.version, outcome)) outcome.pulled++
      setApplying(db, false)
      if (!page.more) setLastVersion(db, page.version)
    })
    // Conflict copies are the member's own new highlights: written with the triggers on, they go out next.
    if (copies.length > 0) transaction(db, () => copies.forEach((c) => insertAnnotation(db, c)))
    outcome.conflicts += copies.length
    if (!page.more) break
    cursor = page.cursor
  }
  await fetchBodies(db, client)
  return outcome
}

/** Bodies in flight at once: enough to hide the round trip, few enough not to crowd the server. */
export const BODIES_IN_FLIGHT = 6
/**
 * Bodies stored per transaction, and the longest a fetched body waits for its commit. Every commit is a
 * fsync (synchronous = FULL): one per body held a join to about 200 articles/s on this machine.
 */
const BODIES_PER_COMMIT = 50
const COMMIT_AFTER_MS = 250

/**
 * Fetches the bodies of the articles still pending (this pull's and any a killed round left), a few at
 * a time, stored in short transactions of at most 50 bodies or 250 ms, so the library fills while the
 * member reads and a kill costs at most the bodies not yet committed. A body that does not match its
 * hash stays pending (tried again next round); the first network error stops the round once the
 * bodies in flight are in.
 */
export async function fetchBodies(db: Db, client: ArchiveClient): Promise<{ stored: number; invalid: number }> {
  const queue = pendingBodies(db, Number.MAX_SAFE_INTEGER)
  const counts = { stored: 0, invalid: 0 }
  let arrived: Array<{ id: number; key: string; body: string }> = []
  let committedAt = performance.now()
  const commit = (): void => {
    const batch = arrived
    arrived = []
    committedAt = performance.now()
    if (batch.length === 0) return
    transaction(db, () => {
      for (const b of batch) {
        if (storeBody(db, b.id, b.key, b.body)) counts.stored++
        else counts.invalid++
      }
    })
  }
  let failure: unknown
  let next = 0
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < queue.length) {
      const p = queue[next++]!
      try {
        const body = await client.getBody(p.key)
        // Pushed after the await: `arrived` may be a new array by then (another worker committed).
        arrived.push({ ...p, body })
      } catch (error) {
        failure ??= error
      }
      if (arrived.length >= BODIES_PER_COMMIT || performance.now() - committedAt > COMMIT_AFTER_MS) commit()
    }
  }
  await Promise.all(Array.from({ length: Math.min(BODIES_IN_FLIGHT, queue.length) }, worker))
  commit()
  if (failure !== undefined) throw failure
  return counts
}

/** False when the body is not the one its key names. */
function storeBody(db: Db, placeholder: number, key: string, body: string): boolean {
  const texts = textsFromBody(body, key)
  if (!texts) return false
  transaction(db, () => {
    // Deleted or filled while the body was on its way: nothing left to fill.
    if (findArticleIdByHash(db, PENDING_HASH_PREFIX + key) !== placeholder) return
    setApplying(db, true)
    const placed = annotationsOfArticle(db, placeholder)
    const other = findArticleIdByHash(db, texts.content_hash)
    let target = placeholder
    if (other !== undefined) {
      // This library already holds the article (imported here too): one row, with everything on both.
      mergePlaceholderInto(db, placeholder, other)
      target = other
    } else fillPendingBody(db, placeholder, key, texts)
    const article = getArticleRow(db, target)
    // Highlights that came before the body keep their offsets and quote; now their context is known.
    if (article) for (const a of placed) setAnnotationRange(db, a.id, placeOn(article, { quote: a.exact, start: a.start_offset, end: a.end_offset }))
    setApplying(db, false)
  })
  return true
}

// The row must still be here: an article deleted in this library stays in the map until its deletion is sent.
const localArticle = (db: Db, hash: unknown): number | undefined => {
  const o = typeof hash === 'string' ? getObject(db, 'article', hash) : undefined
  return o && !o.deleted && o.local_id !== null && articleExists(db, o.local_id) ? o.local_id : undefined
}

const articleExists = (db: Db, id: number): boolean => existingArticleIds(db, [id]).length > 0

function payloadOf(row: OutboxRow): Record<string, unknown> {
  return JSON.parse(row.payload) as Record<string, unknown>
}

/** 'new' when it changed the library, 'wait' when its article has not arrived yet. */
function applyObject(db: Db, o: SyncObject, member: string, copies: Copy[]): 'new' | 'known' | 'wait' {
  const known = getObject(db, o.kind, o.key)
  // An article deleted here whose deletion is still to go out stays known: not fetched back meanwhile.
  if (known && known.version >= o.version && (o.kind !== 'article' || (known.local_id !== null && !known.deleted))) return 'known'
  const d = o.data
  switch (o.kind) {
    case 'article': {
      // Deleted here and not yet sent (a first push that never arrived, so its version is unknown): the
      // deletion goes out next and wins; fetched back, the article would stay here after it.
      if (articleDeletePending(db, o.key)) {
        setObjectVersion(db, 'article', o.key, o.version)
        return 'known'
      }
      // The row goes in now, its body later (fetchBodies): the list is usable before the bodies are in.
      const held = known?.local_id != null && !known.deleted && articleExists(db, known.local_id) ? known.local_id : undefined
      const id = held ?? insertArticle(db, placeholderRow(o.key, String(d.title ?? o.key).slice(0, 1000), new Date().toISOString()))
      putObject(db, { kind: 'article', key: o.key, local_id: id, version: o.version, deleted: 0 })
      return held === undefined ? 'new' : 'known'
    }
    case 'field': {
      const id = localArticle(db, d.article)
      if (id === undefined) return 'wait'
      const column = COLUMNS[String(d.field)]
      const ours = pendingFor(db, 'field', id).some((p) => payloadOf(p).field === d.field)
      if (column && !ours && !(column === 'title' && d.value === null)) fillMissingArticleFields(db, id, { [column]: (d.value as string | null) ?? null })
      setObjectVersion(db, 'field', o.key, o.version, false)
      return 'new'
    }
    case 'tag': {
      const id = localArticle(db, d.article)
      if (id === undefined) return 'wait'
      if (!pendingTag(db, id, String(d.tag))) addArticleTag(db, id, upsertTag(db, String(d.tag)), 'user')
      setObjectVersion(db, 'tag', o.key, o.version, false)
      return 'new'
    }
    case 'annotation': {
      const articleId = localArticle(db, d.article)
      if (articleId === undefined) return 'wait'
      applyAnnotation(db, o, articleId, known?.local_id ?? null, o.author === member ? null : o.author, copies)
      return 'new'
    }
    case 'comment':
      return applyComment(db, o, member)
    case 'reading':
    case 'setting':
      return applyPrivate(db, o)
    default:
      // A kind this client does not keep: only its version is learnt.
      setObjectVersion(db, o.kind, o.key, o.version, false)
      return 'known'
  }
}

function pendingTag(db: Db, articleId: number, tag: string): boolean {
  const norm = normalizeTagName(tag)
  return pendingFor(db, 'tag', articleId).some((p) => normalizeTagName(String(payloadOf(p).tag ?? '')) === norm)
}

function placeOn(article: ArticleRow, d: Record<string, unknown>): { start: number; end: number; exact: string; prefix: string; suffix: string; textKind: 'clean' | 'original' } {
  const quote = String(d.quote ?? '')
  const start = Number(d.start)
  const end = Number(d.end)
  // No text yet to read the context from: placed again when the body arrives (storeBody).
  if (article.content_hash.startsWith(PENDING_HASH_PREFIX)) return { start, end, exact: quote, prefix: '', suffix: '', textKind: 'clean' }
  // The protocol carries offsets and the quote; the text they fit is the one the highlight was made on.
  const kind = article.body_text.slice(start, end) !== quote && article.raw_text.slice(start, end) === quote ? 'original' : 'clean'
  const text = kind === 'original' ? article.raw_text : article.body_text
  const r = describeRange(text, start, end)
  return { start: r.position.start, end: r.position.end, exact: quote || r.quote.exact, prefix: r.quote.prefix, suffix: r.quote.suffix, textKind: kind }
}

function sameText(p: Record<string, unknown>, d: Record<string, unknown>): boolean {
  return p.note === d.note && p.quote === d.quote && p.start === d.start && p.end === d.end && p.color === (d.color ?? p.color)
}

function applyAnnotation(db: Db, o: SyncObject, articleId: number, localId: number | null, author: string | null, copies: Copy[]): void {
  const d = o.data
  const article = getArticleRow(db, articleId) as ArticleRow
  const color = (HIGHLIGHT_COLORS as readonly string[]).includes(String(d.color)) ? String(d.color) : 'yellow'
  const note = typeof d.note === 'string' && d.note !== '' ? d.note : null
  const at = o.updatedAt
  const current = localId === null ? undefined : getAnnotation(db, localId)
  const pending = localId === null ? [] : pendingFor(db, 'annotation', localId)
  if (pending.some((p) => p.op !== 'delete' && sameText(payloadOf(p), d))) {
    // Our own change come back (a push whose answer was lost): keep the local text, learn the version.
    setObjectVersion(db, 'annotation', o.key, o.version)
    return
  }
  if (pending.length > 0 && current) {
    // Edited here and on another machine of the same member: both texts stay.
    const { id: _id, ...mine } = current
    copies.push({ ...mine, created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
  }
  if (pending.length > 0) deleteOutboxRows(db, pending.map((p) => p.id))
  if (o.hidden) {
    if (current) deleteAnnotation(db, current.id)
    putObject(db, { kind: 'annotation', key: o.key, local_id: null, version: o.version, deleted: 0 })
    return
  }
  const place = placeOn(article, d)
  if (current) {
    updateAnnotation(db, current.id, { color, note, updated_at: at })
    setAnnotationRange(db, current.id, place)
    setObjectVersion(db, 'annotation', o.key, o.version, false)
    return
  }
  const id = insertAnnotation(db, {
    article_id: articleId,
    color,
    note,
    start_offset: place.start,
    end_offset: place.end,
    exact: place.exact,
    prefix: place.prefix,
    suffix: place.suffix,
    text_kind: place.textKind,
    created_at: at,
    updated_at: at
  })
  if (author !== null) setAnnotationAuthor(db, id, author)
  putObject(db, { kind: 'annotation', key: o.key, local_id: id, version: o.version, deleted: 0 })
}

/** True when it changed the library. */
function applyDeletion(db: Db, kind: string, key: string, version: number, outcome: PullOutcome): boolean {
  const known = getObject(db, kind, key)
  if (known && known.version >= version) return false
  if (kind === 'article') {
    const id = localArticle(db, key)
    if (id !== undefined) {
      outcome.kept += keepOwnNotes(db, id)
      deleteArticles(db, [id])
      for (const entity of ['tag', 'field'] as const) deleteOutboxRows(db, pendingFor(db, entity, id).map((p) => p.id))
    }
  } else if (kind === 'tag') {
    const id = localArticle(db, key.slice(0, 64))
    const name = key.slice(65)
    const tag = findTagByNorm(db, normalizeTagName(name))
    if (id !== undefined && tag && !pendingTag(db, id, name)) {
      removeArticleTag(db, id, tag.id)
      deleteTagIfUnused(db, tag.id)
    }
  } else if (kind === 'annotation' && known?.local_id != null) {
    const pending = pendingFor(db, 'annotation', known.local_id)
    if (pending.some((p) => p.op !== 'delete') && getAnnotation(db, known.local_id)) {
      // Deleted on another machine, edited here: the edit survives as a new highlight.
      putObject(db, { ...known, version, deleted: 1 })
      putObject(db, { kind: 'annotation', key: newKey(), local_id: known.local_id, version: 0, deleted: 0 })
      return true
    }
    deleteAnnotation(db, known.local_id)
  } else if (kind === 'comment' && known?.local_id != null) {
    if (applyCommentDeletion(db, { ...known, local_id: known.local_id }, version) === 'kept') return true
  }
  setObjectVersion(db, kind, key, version, true)
  return true
}

function newKey(): string {
  return crypto.randomUUID().replaceAll('-', '')
}
