// tags:* handlers.
import { listTagCounts } from '../../db/repositories/tag.repository'
import type { ApiHandlers } from '../dispatch'

export const tagHandlers: Pick<ApiHandlers, 'tags:list'> = {
  'tags:list': (_args, ctx) => listTagCounts(ctx.db)
}
