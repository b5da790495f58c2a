// An article deleted by a colleague (a pulled deletion) takes its highlights and comments with it. The
// member's own are never lost that way (issue 15): before the article goes they are kept on the
// unattached-notes list, which attaches a highlight again when the article is imported again. A comment
// has no quote to place it by: it waits on the list as a note, for the member to read or copy.
//
// The list is then the one holder of those highlights: the server's copies are deleted (recorded, so an
// admin can restore them for 30 days), else importing the article again would bring each back twice (the
// re-attached one, sent as new, and the server's, which the article's return sends out again). Comments
// stay on the server: they return to the thread with the article.
import type { Db } from '../../db/connection'
import { annotationsOfArticle, deleteAnnotation } from '../../db/repositories/annotation.repository'
import { getArticleRow } from '../../db/repositories/article.repository'
import { commentsOfArticle } from '../../db/repositories/comment.repository'
import { deleteOutboxRows, objectOfLocal, pendingFor, PENDING_HASH_PREFIX, setApplying } from '../../db/repositories/sync.repository'
import { insertUnattachedNote } from '../../db/repositories/unattached.repository'

/** Where the kept notes say they came from (the list's "file" column). */
export const KEPT_FROM = 'team archive: article deleted in the group'

/**
 * Keeps the member's own highlights and comments of article `articleId`; how many. Call with applying set
 * (a pull), before deleting the article.
 */
export function keepOwnNotes(db: Db, articleId: number): number {
  const article = getArticleRow(db, articleId)
  if (!article) return 0
  const own = annotationsOfArticle(db, articleId).filter((a) => a.author === null)
  const comments = commentsOfArticle(db, articleId).filter((c) => c.author === null)
  if (own.length === 0 && comments.length === 0) return 0
  // The article's identity as the matcher knows it, then its URL: an import of the same text finds it.
  const hash = article.content_hash.startsWith(PENDING_HASH_PREFIX) ? null : article.content_hash
  const sources = JSON.stringify([...(hash ? [`urn:marginalia:article:${hash}`] : []), ...(article.url ? [article.url] : [])])
  const storedAt = new Date().toISOString()
  const common = { format: 'w3c' as const, file: KEPT_FROM, title: article.title, sources_json: sources, tags_json: '[]', stored_at: storedAt }
  let kept = 0
  for (const a of own) {
    const selection = { exact: a.exact, prefix: a.prefix, suffix: a.suffix, position: { start: a.start_offset, end: a.end_offset }, range: null }
    const row = { ...common, quote: a.exact, note: a.note, selection_json: JSON.stringify(selection), text_kind: a.text_kind, color: a.color, created_at: a.created_at, modified_at: a.updated_at }
    if (insertUnattachedNote(db, row)) kept++
    // Unsent changes of it can no longer go out (the server refuses writes on a deleted article).
    deleteOutboxRows(db, pendingFor(db, 'annotation', a.id).map((p) => p.id))
    if ((objectOfLocal(db, 'annotation', a.id)?.version ?? 0) > 0) {
      // With the triggers on, while the article still exists: recorded as the member's deletion.
      setApplying(db, false)
      deleteAnnotation(db, a.id)
      setApplying(db, true)
    }
  }
  for (const c of comments) {
    const selection = { exact: null, prefix: '', suffix: '', position: null, range: null }
    const row = { ...common, quote: '', note: c.text, selection_json: JSON.stringify(selection), text_kind: 'clean' as const, color: 'yellow', created_at: c.created_at, modified_at: c.updated_at }
    if (insertUnattachedNote(db, row)) kept++
  }
  return kept
}
