// One article with everything the reader shows (main process, CLI, preview host): the `articles:get`
// handler and `marginalia show` both call this.
import type { ArticleDetail } from '@shared/types'
import { AppError } from '@shared/result'
import type { Db } from '../../db/connection'
import { rowToDetail } from '../../db/mappers'
import { countAnnotationsOfArticle } from '../../db/repositories/annotation.repository'
import { getArticleRow } from '../../db/repositories/article.repository'
import { tagsOfArticle } from '../../db/repositories/tag.repository'

/** Throws AppError 'not-found' when there is no article `id`. */
export function getArticleDetail(db: Db, id: number): ArticleDetail {
  const row = getArticleRow(db, id)
  if (!row) throw new AppError('not-found', `article ${id} does not exist`)
  return rowToDetail(row, tagsOfArticle(db, id), countAnnotationsOfArticle(db, id))
}
