// The one import pipeline (main process) behind File > Import…, drag and drop, the preview host and
// `cli import`: reads sources through formats/ and import-pipeline/sources.ts, skips duplicates, writes each file's articles in
// batched transactions (a file is imported whole or not at all), indexes them, and keeps a report.
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { ImportAnnotationEntry, ImportFailure, ImportLink, ImportProgress, ImportReport } from '@shared/types'
import { transaction, type Db } from '../../db/connection'
import { toArticleRow } from '../../db/mappers'
import { articlesOfImport, findArticleIdByHash, getArticleRow, insertArticle } from '../../db/repositories/article.repository'
import { createImport, finishImport, widenCheckpointInterval } from '../../db/repositories/import.repository'
import { attachTags } from '../../db/repositories/tag.repository'
import { hasUnattachedNotes } from '../../db/repositories/unattached.repository'
import type { ImportLimits } from '../formats'
import { indexPrepared, reindexArticle } from '../search'
import type { SearchDoc } from '../search/document'
import type { PreparedArticle } from './prepare'
import { preparedSources } from './source-stream'
import { attachImportedAnnotations, importAnnotationsJson, importKindleClippings } from '../annotation-import'
import { attachWaitingNotesOf } from '../annotation-import/unattached'
import { sameTitle } from './content-hash'
import { absorbDuplicate } from './enrich'
import type { ItemReport } from '../formats/items'

export interface ImportOptions {
  signal?: AbortSignal
  limits?: Partial<ImportLimits>
  /** Called at most every `progressIntervalMs` and once at the end. */
  onProgress?: (progress: ImportProgress) => void
  progressIntervalMs?: number
  /** Articles per write transaction (several files share one transaction; a file never spans two). */
  batchSize?: number
  /** Test hook: called after each committed batch. */
  afterBatch?: (committedFiles: number) => void
  /** Parse in a worker thread (default true); false parses on this thread. */
  worker?: boolean
  /**
   * false: the report counts imported articles (`importedCount`) instead of listing them, so an import's
   * memory does not grow with the archive; writeReportJson reads the list back from the library.
   */
  listImported?: boolean
}

interface PendingFile {
  /** each article with its report name (`file`, or `file#n` for an item of a container) */
  articles: { name: string; prepared: PreparedArticle }[]
}

export type ImportRequest =
  /** Paths the user chose: the CLI, the open dialog, a drop onto the Electron window. */
  | { paths: string[] }
  /** Files held in memory (an Electron drop of items without a path). */
  | { files: { name: string; bytes: Uint8Array }[] }
  /** Files already on disk in a private folder (the preview host's uploads); moved in, then removed. */
  | { uploads: { name: string; path: string }[] }

/**
 * Starts an import and returns its id at once (the history row exists before any file is read) together
 * with a promise of the final report. The promise never rejects: whatever happens, the import ends with a
 * report (status failed when something outside any one file broke) and its history row says so.
 */
export function beginImport(
  db: Db,
  request: ImportRequest,
  options: ImportOptions = {}
): { importId: number; done: Promise<ImportReport> } {
  if ('paths' in request) {
    const importId = createImport(db, request.paths)
    return { importId, done: settle(db, importId, () => runImport(db, importId, request.paths, options, (f) => f, [])) }
  }
  const items: StagedItem[] = 'files' in request ? request.files : request.uploads
  const importId = createImport(
    db,
    items.map((f) => f.name)
  )
  return { importId, done: settle(db, importId, () => importStaged(db, importId, items, options)) }
}

/** Runs an import of the given paths to completion (or cancellation) and returns its report. */
export function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  return beginImport(db, { paths }, options).done
}

async function settle(db: Db, importId: number, run: () => Promise<ImportReport>): Promise<ImportReport> {
  try {
    return await run()
  } catch (error) {
    const now = new Date().toISOString()
    const failed = [internalFailure(error)]
    try {
      finishImport(db, importId, { status: 'failed', imported_count: 0, duplicate_count: 0, failed_count: 1, report_json: JSON.stringify({ duplicates: [], failed, linksOnly: [], annotations: [], warnings: [] }) })
    } catch {
      // the library itself is failing (disk full, closed); the report below still tells the caller
    }
    return { importId, status: 'failed', startedAt: now, finishedAt: now, imported: [], duplicates: [], failed, linksOnly: [], annotations: [], warnings: [] }
  }
}

/** Something outside any one file broke: the import as a whole failed. */
function internalFailure(error: unknown): ImportFailure {
  const detail = error instanceof Error ? error.message : String(error)
  return { file: '(import)', code: 'internal', params: { detail }, reason: detail }
}

type StagedItem = { name: string; bytes: Uint8Array } | { name: string; path: string }

/** Bytes, not characters: 255 is the usual file-name limit, and the folder adds nothing to the name. */
export const MAX_TEMP_NAME_BYTES = 200

/**
 * The on-disk name of an uploaded file: its last segment, without NUL, control or reserved characters,
 * at most MAX_TEMP_NAME_BYTES UTF-8 bytes, its extension kept (formats are told apart by it).
 */
export function tempFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '_')
    .trimEnd()
  const dot = base.lastIndexOf('.')
  const rawExt = dot > 0 ? base.slice(dot) : ''
  const ext = Buffer.byteLength(rawExt) <= 20 ? rawExt : ''
  const stem = truncateUtf8(ext ? base.slice(0, dot) : base, MAX_TEMP_NAME_BYTES - Buffer.byteLength(ext))
  return (stem || 'file') + ext
}

function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0
  let out = ''
  for (const ch of text) {
    bytes += Buffer.byteLength(ch)
    if (bytes > maxBytes) break
    out += ch
  }
  return out
}

/**
 * Uploads and in-memory files are staged in a private temp folder so archives and nested zips go through
 * exactly the same reader as paths, and are reported under their own names. A file that cannot be staged
 * fails alone.
 */
async function importStaged(db: Db, importId: number, items: StagedItem[], options: ImportOptions): Promise<ImportReport> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-upload-'))
  try {
    const staged: { path: string; name: string }[] = []
    const failed: ImportReport['failed'] = []
    items.forEach((item, i) => {
      // Each file gets its own numbered folder: names cannot collide or escape it.
      const target = join(dir, String(i), tempFileName(item.name))
      try {
        mkdirSync(dirname(target))
        if ('bytes' in item) writeFileSync(target, item.bytes)
        else moveFile(item.path, target)
        staged.push({ path: target, name: item.name })
      } catch (error) {
        const errno = (error as NodeJS.ErrnoException).code ?? (error as Error).message
        // A file gone before it was read is missing, not a failure to store it (that is the disk's).
        if (!('bytes' in item) && (errno === 'ENOENT' || errno === 'ENOTDIR')) failed.push({ file: item.name, code: 'not-found', params: { op: 'read', errno }, reason: `cannot read: ${errno}` })
        else failed.push({ file: item.name, code: 'not-stored', params: { errno }, reason: `could not be stored for import (${errno})` })
      }
    })
    // Report each file under the name the user gave it (archive entries keep their `!inner/path` suffix).
    const rename = (file: string): string => {
      for (const { path, name } of staged) {
        if (file === path || file.startsWith(path + '!') || file.startsWith(path + '#')) return name + file.slice(path.length)
      }
      return file
    }
    return await runImport(
      db,
      importId,
      staged.map((s) => s.path),
      options,
      rename,
      failed
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
    for (const item of items) if ('path' in item) rmSync(item.path, { force: true })
  }
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    copyFileSync(from, to)
  }
}

async function runImport(
  db: Db,
  importId: number,
  paths: string[],
  options: ImportOptions,
  displayName: (file: string) => string,
  failedBeforeStart: ImportReport['failed']
): Promise<ImportReport> {
  const startedAt = new Date().toISOString()
  const report: ImportReport = {
    importId,
    status: 'running',
    startedAt,
    finishedAt: null,
    imported: [],
    duplicates: [],
    failed: [...failedBeforeStart],
    linksOnly: [],
    annotations: [],
    warnings: []
  }
  const listImported = options.listImported ?? true
  let importedCount = 0
  const batchSize = options.batchSize ?? 200
  const interval = options.progressIntervalMs ?? 200
  let pending: PendingFile[] = []
  let pendingCount = 0
  let committedFiles = 0
  let lastProgress = 0
  const progress: ImportProgress = {
    importId,
    filesDone: 0,
    bytesDone: 0,
    bytesTotal: null,
    imported: 0,
    duplicates: 0,
    failed: 0
  }
  const emit = (force: boolean): void => {
    if (!options.onProgress) return
    const now = Date.now()
    if (!force && now - lastProgress < interval) return
    lastProgress = now
    options.onProgress({
      ...progress,
      imported: importedCount,
      duplicates: report.duplicates.length,
      failed: report.failed.length
    })
  }

  const flush = (): void => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    pendingCount = 0
    const now = new Date().toISOString()
    const imported: ImportReport['imported'] = []
    const duplicates: ImportReport['duplicates'] = []
    const failed: ImportReport['failed'] = []
    const warnings: ImportReport['warnings'] = []
    const annotations: ImportAnnotationEntry[] = []
    transaction(db, () => {
      const seen = new Map<string, number>()
      const indexed: { id: number; doc: SearchDoc }[] = []
      const retitled: number[] = []
      for (const { articles } of batch) {
        for (const { name: file, prepared } of articles) {
          const { article, hash, legacyHash, empty, sourceScript, doc } = prepared
          if (empty) {
            failed.push({ file, code: 'empty', params: { what: 'record' }, reason: 'empty: no article text in this record' })
            continue
          }
          const existing = seen.get(hash) ?? findArticleIdByHash(db, hash) ?? legacyDuplicate(legacyHash, article.title)
          if (existing !== undefined) {
            const absorbed = absorbDuplicate(db, existing, article, file, importId)
            duplicates.push(absorbed.enriched.length > 0 ? { file, duplicateOf: existing, enriched: absorbed.enriched } : { file, duplicateOf: existing })
            annotations.push(...absorbed.annotations)
            if (absorbed.titleChanged) retitled.push(existing)
            continue
          }
          const id = insertArticle(
            db,
            toArticleRow(article, { file, contentHash: hash, sourceScript, importId, importedAt: now })
          )
          seen.set(hash, id)
          if (article.tags.length > 0) attachTags(db, id, article.tags, 'import')
          if (article.annotations.length > 0) {
            annotations.push(...attachImportedAnnotations(db, id, article.text, article.annotations, file).entries)
          }
          indexed.push({ id, doc })
          imported.push({ file, id, title: article.title })
          for (const message of article.warnings ?? []) warnings.push({ file, articleId: id, message })
        }
      }
      indexPrepared(db, indexed)
      // A title a duplicate filled in is searchable at once (after the batch's own index entries).
      for (const id of new Set(retitled)) reindexArticle(db, id)
    })
    // Only after the commit do these rows count as imported.
    importedCount += imported.length
    if (listImported) report.imported.push(...imported)
    report.duplicates.push(...duplicates)
    report.failed.push(...failed)
    report.annotations.push(...annotations)
    report.warnings.push(...warnings)
    committedFiles += batch.length
    options.afterBatch?.(committedFiles)
  }

  /** A short article imported before titles were part of its key: the same one only if the title matches too. */
  const legacyDuplicate = (legacyHash: string | null, title: string): number | undefined => {
    const id = legacyHash === null ? undefined : findArticleIdByHash(db, legacyHash)
    const row = id === undefined ? undefined : getArticleRow(db, id)
    return row && sameTitle(row.title, title) ? row.id : undefined
  }

  /** Links of the same file (JSON Lines comes in chunks) go into one entry. */
  const addLinks = (file: string, links: ImportLink[]): void => {
    if (links.length === 0) return
    const entry = report.linksOnly.find((l) => l.file === file)
    if (entry) {
      entry.items.push(...links)
      entry.links = entry.items.length
    } else report.linksOnly.push({ file, links: links.length, items: links })
  }

  /**
   * Every record of a multi-record file by name: its articles go to the writer, its links to linksOnly,
   * excerpts and failed records to `failed`. A file that is one article is named after itself.
   */
  const accountFor = (file: string, articles: PreparedArticle[], items: ItemReport | null): PendingFile => {
    const names = new Map<number, string>()
    const links: ImportLink[] = []
    for (const outcome of items?.items ?? []) {
      const name = displayName(outcome.item)
      if (outcome.status === 'article') names.set(outcome.article, name)
      else if (outcome.status === 'link-only') links.push({ ...outcome.link, item: name })
      else if (outcome.status === 'excerpt') {
        report.failed.push({ file: name, code: 'excerpt-only', params: { url: outcome.link.url }, reason: `excerpt only: ${outcome.reason} (${outcome.link.url})` })
      } else report.failed.push({ file: name, code: outcome.code, ...(outcome.params ? { params: outcome.params } : {}), reason: outcome.reason })
    }
    addLinks(file, links)
    return { articles: articles.map((prepared, i) => ({ name: names.get(i) ?? file, prepared })) }
  }

  // Highlights from Wallabag entries are attached with their article; files of highlights wait until the
  // articles of this same import are written, so a folder holding both restores everything.
  const annotationFiles: { file: string; format: 'w3c' | 'kindle'; text: string }[] = []

  let status: ImportReport['status'] = 'done'
  const restoreCheckpoints = widenCheckpointInterval(db)
  try {
    const stream = preparedSources(paths, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.worker !== undefined ? { worker: options.worker } : {})
    })
    for await (const event of stream) {
      if (options.signal?.aborted) break
      if (event.kind === 'progress') {
        progress.filesDone = event.filesDone
        progress.bytesDone = event.bytesDone
        progress.bytesTotal = event.bytesTotal
      } else if (event.kind === 'annotations') {
        annotationFiles.push({ file: displayName(event.file), format: event.format, text: event.text })
      } else if (event.kind === 'failed') {
        report.failed.push({ file: displayName(event.file), code: event.code, ...(event.params ? { params: event.params } : {}), reason: event.reason })
      } else if (event.kind === 'file') {
        const file = displayName(event.file)
        if (event.articles.length === 0 && !event.items) {
          report.failed.push({ file, code: 'no-article', reason: 'no article found in this file' })
        } else {
          const named = accountFor(file, event.articles, event.items)
          if (named.articles.length > 0) {
            pending.push(named)
            pendingCount += named.articles.length
            if (pendingCount >= batchSize) flush()
          }
        }
      }
      emit(false)
    }
    if (options.signal?.aborted) status = 'cancelled'
    // Files read before a cancel are complete and are kept: "what was imported so far is kept".
    flush()
    // Notes kept from earlier imports whose article has just arrived (the ids read back only when some wait).
    const newIds = listImported ? report.imported.map((a) => a.id) : hasUnattachedNotes(db) ? articlesOfImport(db, importId).map((a) => a.id) : []
    report.annotations.push(...attachWaitingNotesOf(db, importId, newIds))
    for (const { file, format, text } of annotationFiles) {
      if (status === 'cancelled') {
        report.failed.push({ file, code: 'cancelled', reason: 'not read: the import was cancelled' })
        continue
      }
      // Each file of highlights is one transaction: all of its matched highlights or none.
      const result = transaction(db, () => (format === 'w3c' ? importAnnotationsJson(db, text, file) : importKindleClippings(db, text, file)))
      if (result.entries.length > 0) report.annotations.push(...result.entries)
      else report.failed.push({ file, code: 'no-annotations', params: { format }, reason: format === 'w3c' ? 'a Web Annotation file with no annotations in it' : 'Kindle clippings with no highlight or note in them' })
    }
  } catch (error) {
    status = 'failed'
    report.failed.push(internalFailure(error))
  } finally {
    // Before the import's own record is written: that commit then folds the WAL back into the library.
    restoreCheckpoints()
  }
  report.status = status
  report.finishedAt = new Date().toISOString()
  if (!listImported) report.importedCount = importedCount
  try {
    finishImport(db, importId, {
      status,
      imported_count: importedCount,
      duplicate_count: report.duplicates.length,
      failed_count: report.failed.length,
      report_json: JSON.stringify({
        duplicates: report.duplicates,
        failed: report.failed,
        linksOnly: report.linksOnly,
        annotations: report.annotations,
        warnings: report.warnings
      })
    })
  } catch (error) {
    // The batches above are committed: the report says what they hold even when its own row cannot be
    // written (disk full at the very end); the history row is closed as failed at the next start.
    report.status = 'failed'
    report.failed.push({ file: '(import)', code: 'record-not-saved', reason: `the import's record could not be saved: ${(error as Error).message}` })
  }
  emit(true)
  return report
}
