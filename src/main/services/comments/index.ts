// An article's discussion thread in the team archive (issue 15). Comments are shared with the group the
// library is joined to, so there is no thread in a library that is not joined. A member changes only
// their own comments (author null here): the server refuses anyone else's change anyway, and a change
// that can never go out must not be made locally.
import type { CommentThread, CommentView } from '@shared/types'
import { AppError } from '@shared/result'
import { transaction, type Db } from '../../db/connection'
import { existingArticleIds } from '../../db/repositories/article.repository'
import { commentsOfArticle, deleteComment, getComment, insertComment, updateCommentText, type CommentListRow, type CommentRow } from '../../db/repositories/comment.repository'
import { getBinding } from '../../db/repositories/sync.repository'

function view(row: CommentListRow, member: string): CommentView {
  return {
    id: row.id,
    articleId: row.article_id,
    author: row.author ?? member,
    mine: row.author === null,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pending: Boolean(row.pending)
  }
}

function memberName(db: Db): string {
  const b = getBinding(db)
  if (!b) throw new AppError('unsupported', 'this library is not joined to a team archive: discussions are shared with a group')
  return b.member_name
}

export function listComments(db: Db, articleId: number): CommentThread {
  const b = getBinding(db)
  if (!b) return { joined: false, items: [] }
  return { joined: true, items: commentsOfArticle(db, articleId).map((r) => view(r, b.member_name)) }
}

export function addComment(db: Db, articleId: number, text: string): CommentView {
  const member = memberName(db)
  if (existingArticleIds(db, [articleId]).length === 0) throw new AppError('not-found', `article ${articleId} does not exist`)
  const now = new Date().toISOString()
  return transaction(db, () => {
    const id = insertComment(db, { article_id: articleId, author: null, text, created_at: now, updated_at: now })
    return view(getComment(db, id) as CommentListRow, member)
  })
}

function ownComment(db: Db, id: number): CommentRow {
  const c = getComment(db, id)
  if (!c) throw new AppError('not-found', `comment ${id} does not exist`)
  if (c.author !== null) throw new AppError('invalid-argument', `comment ${id} is ${c.author}'s: only its author may change it`)
  return c
}

export function editComment(db: Db, id: number, text: string): CommentView {
  const member = memberName(db)
  return transaction(db, () => {
    const c = ownComment(db, id)
    if (c.text !== text) updateCommentText(db, id, text, new Date().toISOString())
    return view(getComment(db, id) as CommentListRow, member)
  })
}

export function removeComment(db: Db, id: number): { id: number; articleId: number } {
  memberName(db)
  return transaction(db, () => {
    const c = ownComment(db, id)
    deleteComment(db, id)
    return { id, articleId: c.article_id }
  })
}
