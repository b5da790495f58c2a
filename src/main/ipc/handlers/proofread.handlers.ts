// proofread:* handlers (the editor's desk, issue 14). Thin: they call the proofread services. A report is
// saved through the native save dialog where the platform has one, else returned for download.
import type { ExportOutcome } from '@shared/anchoring/types'
import { decideFindings, getArticleProofread } from '../../services/proofread/desk'
import { proofreadReport } from '../../services/proofread/report'
import { writeExportFiles } from '../../services/export/write-files'
import type { ApiHandlers } from '../dispatch'
import { dirname, basename } from 'node:path'

export const proofreadHandlers: Pick<ApiHandlers, 'proofread:get' | 'proofread:decide' | 'proofread:report'> = {
  'proofread:get': ({ articleId }, ctx) => getArticleProofread(ctx.db, articleId),
  'proofread:decide': async ({ articleId, decision, items, kind }, ctx) => {
    const result = await decideFindings(ctx.db, articleId, kind ? { kind } : { items: items ?? [] }, decision)
    // The list shows the open count.
    ctx.events.emit('library:changed', { reason: 'proofread' })
    return result
  },
  'proofread:report': async ({ articleId, format }, ctx): Promise<ExportOutcome> => {
    const file = await proofreadReport(ctx.db, articleId, format)
    const counts = { annotationCount: 0, articleCount: 1 }
    if (ctx.platform.host !== 'preview' && ctx.platform.showSaveDialog) {
      const path = await ctx.platform.showSaveDialog(file.fileName)
      if (!path) return { status: 'cancelled' }
      writeExportFiles(dirname(path), [{ fileName: basename(path), content: file.content }], 'overwrite')
      return { status: 'saved', paths: [path], ...counts }
    }
    return { status: 'download', files: [file], ...counts }
  }
}
