// comments:* handlers: an article's discussion thread (team archive). Thin: they call the comments
// service. A viewer's writes never get here (read-only.ts lists them); the scheduler notices the outbox
// and sends a new comment on its next round.
import { addComment, editComment, listComments, removeComment } from '../../services/comments'
import { hideItem, unhideItem } from '../../services/sync/moderation'
import type { ApiHandlers } from '../dispatch'

export const commentHandlers: Pick<ApiHandlers, 'comments:list' | 'comments:add' | 'comments:edit' | 'comments:delete' | 'comments:hide' | 'comments:unhide'> = {
  'comments:list': ({ articleId }, ctx) => listComments(ctx.db, articleId),
  'comments:add': ({ articleId, text }, ctx) => addComment(ctx.db, articleId, text),
  'comments:edit': ({ id, text }, ctx) => editComment(ctx.db, id, text),
  'comments:delete': ({ id }, ctx) => removeComment(ctx.db, id),
  // An admin hides a colleague's comment in the whole group; unhide is its Undo.
  'comments:hide': ({ id }, ctx) => hideItem(ctx.db, 'comment', id),
  'comments:unhide': ({ key }, ctx) => unhideItem(ctx.db, 'comment', key)
}
