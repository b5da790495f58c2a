// All API handlers, one module per domain. Handlers are thin: they call services and repositories.
// How to add one: add the channel to src/shared/api.ts, then its function to the domain module here; the
// `ApiHandlers` type makes the typecheck fail until every channel has a handler.
import type { ApiHandlers } from '../dispatch'
import { annotationHandlers } from './annotations.handlers'
import { appHandlers } from './app.handlers'
import { articleHandlers } from './articles.handlers'
import { dictionaryHandlers } from './dictionary.handlers'
import { importHandlers } from './import.handlers'
import { proofreadHandlers } from './proofread.handlers'
import { tagHandlers } from './tags.handlers'
import { syncHandlers } from './sync.handlers'
import { commentHandlers } from './comments.handlers'

export function createHandlers(): ApiHandlers {
  return { ...appHandlers, ...articleHandlers, ...tagHandlers, ...importHandlers, ...annotationHandlers, ...proofreadHandlers, ...dictionaryHandlers, ...syncHandlers, ...commentHandlers }
}
