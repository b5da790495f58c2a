// Proofreading one stored article (main process): the engine in src/shared/proofread run on the article's
// cleaned text, to the standard of its source script unless the caller names one. Offsets are into that
// cleaned text, as articles:get and `show --json` give it.
import { proofread, type Finding, type FindingKind } from '@shared/proofread'
import type { SourceScript } from '@shared/script/types'
import { detectScript } from '@shared/script/detect'
import { getArticleDetail } from '../articles/detail'
import type { Db } from '../../db/connection'

export interface ArticleProofreading {
  articleId: number
  standard: SourceScript
  findings: Finding[]
}

export async function proofreadArticle(
  db: Db,
  id: number,
  options: { standard?: SourceScript; kinds?: readonly FindingKind[] } = {}
): Promise<ArticleProofreading> {
  const { text, sourceScript } = getArticleDetail(db, id)
  const standard = options.standard ?? sourceScript ?? detectScript(text)
  const findings = await proofread(text, { standard, ...(options.kinds ? { kinds: options.kinds } : {}) })
  return { articleId: id, standard, findings }
}
