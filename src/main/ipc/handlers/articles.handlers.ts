// articles:* handlers.
import { AppError } from '@shared/result'
import { rowToDetail } from '../../db/mappers'
import { getArticleRow, updateReading, updateView } from '../../db/repositories/article.repository'
import { tagsOfArticle } from '../../db/repositories/tag.repository'
import { listArticles } from '../../services/library/list'
import type { ApiHandlers } from '../dispatch'

export const articleHandlers: Pick<
  ApiHandlers,
  'articles:list' | 'articles:get' | 'articles:setReading' | 'articles:setView'
> = {
  'articles:list': (query, ctx) => listArticles(ctx.db, query),
  'articles:get': ({ id }, ctx) => {
    const row = getArticleRow(ctx.db, id)
    if (!row) throw new AppError('not-found', `article ${id} does not exist`)
    const annotations = (
      ctx.db.sqlite.prepare('SELECT count(*) AS n FROM annotations WHERE article_id = ?').get(id) as { n: number }
    ).n
    return rowToDetail(row, tagsOfArticle(ctx.db, id), annotations)
  },
  'articles:setReading': ({ id, ...patch }, ctx) => {
    if (!updateReading(ctx.db, id, patch)) throw new AppError('not-found', `article ${id} does not exist`)
    return null
  },
  'articles:setView': ({ id, ...patch }, ctx) => {
    if (!updateView(ctx.db, id, patch)) throw new AppError('not-found', `article ${id} does not exist`)
    return null
  }
}
