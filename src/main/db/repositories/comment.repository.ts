// Discussion comments (migration 0011). Writes are synchronous and run in the caller's transaction; the
// outbox triggers record the member's own comments (author null) while the library is bound.
import type { Db } from '../connection'
import type { CommentTable } from '../database'
import { allRows, getRow, runWrite, sql } from '../sql'

export type CommentRow = Omit<CommentTable, 'id'> & { id: number }
/** A comment with whether a change of it still waits in the outbox. */
export type CommentListRow = CommentRow & { pending: number }

const WITH_PENDING = sql`SELECT c.*, EXISTS (SELECT 1 FROM sync_outbox o WHERE o.entity = 'comment' AND o.local_id = c.id) AS pending FROM comments c`

/** The article's comments, oldest first (ties by id: the order they were stored). */
export function commentsOfArticle(db: Db, articleId: number): CommentListRow[] {
  return allRows<CommentListRow>(db, sql`${WITH_PENDING} WHERE c.article_id = ${articleId} ORDER BY c.created_at, c.id`)
}

export function getComment(db: Db, id: number): CommentListRow | undefined {
  return getRow<CommentListRow>(db, sql`${WITH_PENDING} WHERE c.id = ${id}`)
}

export function insertComment(db: Db, c: Omit<CommentRow, 'id'>): number {
  return Number(
    runWrite(db, sql`INSERT INTO comments (article_id, author, text, created_at, updated_at) VALUES (${c.article_id}, ${c.author}, ${c.text}, ${c.created_at}, ${c.updated_at})`)
      .lastInsertRowid
  )
}

export function updateCommentText(db: Db, id: number, text: string, updatedAt: string): boolean {
  return runWrite(db, sql`UPDATE comments SET text = ${text}, updated_at = ${updatedAt} WHERE id = ${id}`).changes > 0
}

export function deleteComment(db: Db, id: number): boolean {
  return runWrite(db, sql`DELETE FROM comments WHERE id = ${id}`).changes > 0
}
