// import:* handlers: start (native dialog, the latest drop, files held in memory), cancel, report, history,
// undo. Imports run in the background; progress and the final report arrive as events.
import { AppError } from '@shared/result'
import type { AppContext } from '../../app/context'
import { importHistory, importReport, undoImport } from '../../services/import-pipeline/history'
import { beginImport, type ImportRequest } from '../../services/import-pipeline/pipeline'
import type { ApiHandlers } from '../dispatch'

/** Starts an import in the background; `import:finished` follows for every import (its report never fails to come). */
export function startImport(ctx: AppContext, request: ImportRequest): { importId: number } {
  const controller = new AbortController()
  const { importId, done } = beginImport(ctx.db, request, {
    signal: controller.signal,
    onProgress: (progress) => ctx.events.emit('import:progress', progress)
  })
  ctx.runningImports.set(importId, controller)
  void done.then((report) => {
    ctx.runningImports.delete(importId)
    ctx.events.emit('import:finished', report)
    ctx.events.emit('library:changed', { reason: 'import' })
  })
  return { importId }
}

export const importHandlers: Pick<
  ApiHandlers,
  'import:drop' | 'import:files' | 'import:dialog' | 'import:cancel' | 'import:report' | 'import:history' | 'import:undo'
> = {
  'import:drop': (_args, ctx) => {
    const paths = ctx.droppedPaths
    ctx.droppedPaths = null
    return paths && paths.length > 0 ? startImport(ctx, { paths }) : null
  },
  'import:files': ({ files }, ctx) => startImport(ctx, { files }),
  'import:dialog': async (_args, ctx) => {
    const paths = await ctx.platform.showImportDialog()
    return paths && paths.length > 0 ? startImport(ctx, { paths }) : null
  },
  'import:cancel': ({ importId }, ctx) => {
    const controller = ctx.runningImports.get(importId)
    if (!controller) throw new AppError('not-found', `import ${importId} is not running`)
    controller.abort()
    return null
  },
  'import:report': ({ importId }, ctx) => importReport(ctx.db, importId),
  'import:history': (_args, ctx) => importHistory(ctx.db),
  'import:undo': ({ importId }, ctx) => {
    const result = undoImport(ctx.db, importId)
    ctx.events.emit('library:changed', { reason: 'import-undone' })
    return result
  }
}
