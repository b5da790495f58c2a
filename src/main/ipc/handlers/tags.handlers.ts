// tags:* and search:* handlers. Tag edits announce library:changed so every view refreshes its counts.
import {
  addTags,
  buildTagTree,
  deleteTag,
  listTagCounts,
  mergeTags,
  removeTags,
  renameTag,
  suggestTags,
  undoTagOperation
} from '../../services/tags'
import { searchArticles } from '../../services/search'
import type { AppContext } from '../../app/context'
import type { ApiHandlers } from '../dispatch'

function changed<T>(ctx: AppContext, value: T): T {
  ctx.events.emit('library:changed', { reason: 'tags' })
  return value
}

export const tagHandlers: Pick<
  ApiHandlers,
  | 'tags:list'
  | 'tags:counts'
  | 'tags:tree'
  | 'tags:add'
  | 'tags:remove'
  | 'tags:rename'
  | 'tags:merge'
  | 'tags:delete'
  | 'tags:undo'
  | 'tags:suggest'
  | 'search:query'
> = {
  'tags:list': (_args, ctx) => listTagCounts(ctx.db, 'count').map(({ name, count }) => ({ name, count })),
  'tags:counts': ({ sort }, ctx) => listTagCounts(ctx.db, sort),
  'tags:tree': ({ sort }, ctx) => buildTagTree(listTagCounts(ctx.db, sort)),
  'tags:add': ({ articleIds, names }, ctx) => changed(ctx, addTags(ctx.db, articleIds, names)),
  'tags:remove': ({ articleIds, names }, ctx) => changed(ctx, removeTags(ctx.db, articleIds, names)),
  'tags:rename': ({ from, to }, ctx) => changed(ctx, renameTag(ctx.db, from, to)),
  'tags:merge': ({ from, to }, ctx) => changed(ctx, mergeTags(ctx.db, from, to)),
  'tags:delete': ({ name }, ctx) => changed(ctx, deleteTag(ctx.db, name)),
  'tags:undo': ({ token }, ctx) => changed(ctx, undoTagOperation(ctx.db, token)),
  'tags:suggest': ({ id, limit }, ctx) => suggestTags(ctx.db, id, limit),
  'search:query': ({ text, ...options }, ctx) => searchArticles(ctx.db, text, options)
}
