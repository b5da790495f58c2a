// articles:* handlers.
import { AppError } from '@shared/result'
import { updateReading, updateView } from '../../db/repositories/article.repository'
import { getArticleDetail } from '../../services/articles/detail'
import { countArticles, listArticles } from '../../services/library/list'
import type { ApiHandlers } from '../dispatch'

export const articleHandlers: Pick<
  ApiHandlers,
  'articles:list' | 'articles:count' | 'articles:get' | 'articles:setReading' | 'articles:setView'
> = {
  'articles:list': (query, ctx) => listArticles(ctx.db, query),
  'articles:count': (query, ctx) => ({ total: countArticles(ctx.db, query) }),
  'articles:get': ({ id }, ctx) => getArticleDetail(ctx.db, id),
  'articles:setReading': ({ id, ...patch }, ctx) => {
    if (!updateReading(ctx.db, id, patch)) throw new AppError('not-found', `article ${id} does not exist`)
    return null
  },
  'articles:setView': ({ id, ...patch }, ctx) => {
    if (!updateView(ctx.db, id, patch)) throw new AppError('not-found', `article ${id} does not exist`)
    return null
  }
}
