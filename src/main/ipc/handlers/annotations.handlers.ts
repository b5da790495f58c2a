// annotations:*, notes:export and articles:export handlers. Thin: they call the annotations and export
// services.
//
// Where exported files go: the Platform may offer native dialogs (its optional showSaveDialog and
// chooseDirectory). Without them — always in the preview host — the handler returns the file contents and
// the renderer offers them as downloads.
import type { ExportFile, ExportOutcome } from '@shared/anchoring/types'
import type { AppContext, Platform } from '../../app/context'
import {
  createAnnotation,
  deleteAnnotationById,
  listAnnotations,
  searchAnnotations,
  undoLastChange,
  updateAnnotationFields
} from '../../services/annotations'
import { deleteUnattached, listUnattached, restoreUnattached } from '../../services/annotation-import/unattached'
import { exportArticles } from '../../services/export/articles'
import { hideItem, unhideItem } from '../../services/sync/moderation'
import { exportNotes, writeFileAtomic, type NotesScope } from '../../services/export/notes'
import { writeExportFiles } from '../../services/export/write-files'
import type { ApiHandlers } from '../dispatch'

function announce<T>(ctx: AppContext, value: T): T {
  ctx.events.emit('library:changed', { reason: 'annotations' })
  return value
}

/** The native export dialogs; the preview host has none. */
function dialogs(platform: Platform): Pick<Platform, 'showSaveDialog' | 'chooseDirectory'> {
  return platform.host === 'preview' ? {} : platform
}

async function deliver(platform: Platform, files: ExportFile[], counts: { annotationCount: number; articleCount: number }): Promise<ExportOutcome> {
  const d = dialogs(platform)
  if (files.length === 1 && d.showSaveDialog) {
    const file = files[0] as ExportFile
    const path = await d.showSaveDialog(file.fileName)
    if (!path) return { status: 'cancelled' }
    writeFileAtomic(path, file.content)
    return { status: 'saved', paths: [path], ...counts }
  }
  if (files.length > 1 && d.chooseDirectory) {
    const dir = await d.chooseDirectory()
    if (!dir) return { status: 'cancelled' }
    // Never overwrite what is already in a folder the user picked: "title (2).md".
    return { status: 'saved', paths: writeExportFiles(dir, files, 'unique'), ...counts }
  }
  return { status: 'download', files, ...counts }
}

export const annotationHandlers: Pick<
  ApiHandlers,
  | 'annotations:list'
  | 'annotations:create'
  | 'annotations:update'
  | 'annotations:delete'
  | 'annotations:undo'
  | 'annotations:search'
  | 'annotations:unattached'
  | 'annotations:unattached-delete'
  | 'annotations:unattached-restore'
  | 'annotations:hide'
  | 'annotations:unhide'
  | 'notes:export'
  | 'articles:export'
> = {
  'annotations:list': ({ articleId, textKind }, ctx) => listAnnotations(ctx.db, articleId, textKind),
  // Creating, deleting and undoing change an article's annotation count and the "annotated" filter.
  'annotations:create': (args, ctx) => announce(ctx, createAnnotation(ctx.db, args)),
  'annotations:update': ({ id, ...patch }, ctx) => updateAnnotationFields(ctx.db, id, patch),
  'annotations:delete': ({ id }, ctx) => announce(ctx, deleteAnnotationById(ctx.db, id)),
  'annotations:undo': ({ articleId }, ctx) => announce(ctx, undoLastChange(ctx.db, articleId)),
  'annotations:search': (query, ctx) => searchAnnotations(ctx.db, query),
  'annotations:unattached': (_args, ctx) => listUnattached(ctx.db),
  'annotations:unattached-delete': ({ id }, ctx) => deleteUnattached(ctx.db, id),
  'annotations:unattached-restore': ({ id }, ctx) => restoreUnattached(ctx.db, id),
  // An admin's moderation (services/sync/moderation): the highlight leaves every library, this one at once.
  'annotations:hide': ({ id }, ctx) => announce(ctx, hideItem(ctx.db, 'annotation', id)),
  'annotations:unhide': ({ key }, ctx) => unhideItem(ctx.db, 'annotation', key),
  'notes:export': async ({ format, scope, script, articleIds, tag }, ctx) => {
    const s: NotesScope =
      scope === 'article'
        ? { kind: 'article', articleId: (articleIds as number[])[0] as number }
        : scope === 'articles'
          ? { kind: 'articles', articleIds: articleIds as number[] }
          : scope === 'tag'
            ? { kind: 'tag', tag: tag as string }
            : { kind: 'library' }
    const result = await exportNotes(ctx.db, { format, scope: s, script })
    const { fileName, mimeType, content, articleCount, annotationCount } = result
    return deliver(ctx.platform, [{ fileName, mimeType, content }], { articleCount, annotationCount })
  },
  'articles:export': async ({ format, articleIds, script, highlights }, ctx) => {
    const files = await exportArticles(ctx.db, articleIds, { format, script, highlights })
    return deliver(ctx.platform, files, { articleCount: files.length, annotationCount: 0 })
  }
}
