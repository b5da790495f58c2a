// The one import pipeline (main process) behind File > Import…, drag and drop, the preview host and
// `cli import`: reads sources through formats/ and import-pipeline/sources.ts, skips duplicates, writes each file's articles in
// batched transactions (a file is imported whole or not at all), indexes them, and keeps a report.
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { ImportProgress, ImportReport } from '@shared/types'
import { transaction, type Db } from '../../db/connection'
import { toArticleRow } from '../../db/mappers'
import { findArticleIdByHash, insertArticle } from '../../db/repositories/article.repository'
import { createImport, finishImport } from '../../db/repositories/import.repository'
import { attachTags } from '../../db/repositories/tag.repository'
import type { ImportLimits } from '../formats'
import { indexPrepared } from '../search'
import type { SearchDoc } from '../search/document'
import type { PreparedArticle } from './prepare'
import { preparedSources } from './source-stream'
import {
  attachImportedAnnotations,
  importAnnotationsJson,
  importKindleClippings,
  type AnnotationImportReport
} from '../annotation-import'

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
}

interface PendingFile {
  file: string
  articles: PreparedArticle[]
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
    const failed = [{ file: '(import)', reason: error instanceof Error ? error.message : String(error) }]
    try {
      finishImport(db, importId, { status: 'failed', imported_count: 0, duplicate_count: 0, failed_count: 1, report_json: JSON.stringify({ duplicates: [], failed, annotations: [], warnings: [] }) })
    } catch {
      // the library itself is failing (disk full, closed); the report below still tells the caller
    }
    return { importId, status: 'failed', startedAt: now, finishedAt: now, imported: [], duplicates: [], failed, annotations: [], warnings: [] }
  }
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
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
        failed.push({ file: item.name, reason: `could not be stored for import (${code})` })
      }
    })
    // Report each file under the name the user gave it (archive entries keep their `!inner/path` suffix).
    const rename = (file: string): string => {
      for (const { path, name } of staged) {
        if (file === path || file.startsWith(path + '!')) return name + file.slice(path.length)
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
    annotations: [],
    warnings: []
  }
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
      imported: report.imported.length,
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
    const warnings: ImportReport['warnings'] = []
    transaction(db, () => {
      const seen = new Map<string, number>()
      const indexed: { id: number; doc: SearchDoc }[] = []
      for (const { file, articles } of batch) {
        for (const { article, hash, sourceScript, doc } of articles) {
          const existing = seen.get(hash) ?? findArticleIdByHash(db, hash)
          if (existing !== undefined) {
            duplicates.push({ file, duplicateOf: existing })
            continue
          }
          const id = insertArticle(
            db,
            toArticleRow(article, { file, contentHash: hash, sourceScript, importId, importedAt: now })
          )
          seen.set(hash, id)
          if (article.tags.length > 0) attachTags(db, id, article.tags, 'import')
          if (article.annotations.length > 0) {
            noteAnnotations(file, attachImportedAnnotations(db, id, article.text, article.annotations))
          }
          indexed.push({ id, doc })
          imported.push({ file, id, title: article.title })
          for (const message of article.warnings ?? []) warnings.push({ file, articleId: id, message })
        }
      }
      indexPrepared(db, indexed)
    })
    // Only after the commit do these rows count as imported.
    report.imported.push(...imported)
    report.duplicates.push(...duplicates)
    report.warnings.push(...warnings)
    committedFiles += batch.length
    options.afterBatch?.(committedFiles)
  }

  // Highlights from Wallabag entries are attached with their article; files of highlights wait until the
  // articles of this same import are written, so a folder holding both restores everything.
  const annotationFiles: { file: string; format: 'w3c' | 'kindle'; text: string }[] = []
  const annotationTotals = new Map<string, { imported: number; duplicates: number; unmatched: AnnotationImportReport['unmatched'] }>()
  function noteAnnotations(file: string, r: AnnotationImportReport): void {
    const t = annotationTotals.get(file) ?? { imported: 0, duplicates: 0, unmatched: [] }
    t.imported += r.imported
    t.duplicates += r.duplicates
    t.unmatched.push(...r.unmatched)
    annotationTotals.set(file, t)
  }

  let status: ImportReport['status'] = 'done'
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
        report.failed.push({ file: displayName(event.file), reason: event.reason })
      } else if (event.kind === 'file') {
        if (event.articles.length === 0) {
          report.failed.push({ file: displayName(event.file), reason: 'no article found in this file' })
        } else {
          pending.push({ file: displayName(event.file), articles: event.articles })
          pendingCount += event.articles.length
          if (pendingCount >= batchSize) flush()
        }
      }
      emit(false)
    }
    if (options.signal?.aborted) status = 'cancelled'
    // Files read before a cancel are complete and are kept: "what was imported so far is kept".
    flush()
    if (status !== 'cancelled') {
      for (const { file, format, text } of annotationFiles) {
        // Each file of highlights is one transaction: all of its matched highlights or none.
        const result = transaction(db, () =>
          format === 'w3c' ? importAnnotationsJson(db, text) : importKindleClippings(db, text)
        )
        noteAnnotations(file, result)
      }
    }
    for (const [file, t] of annotationTotals) {
      report.annotations.push({ file, imported: t.imported, duplicates: t.duplicates, unmatched: t.unmatched.length })
      if (t.unmatched.length > 0) {
        const first = t.unmatched[0] as { quote: string; reason: string }
        report.failed.push({
          file,
          reason: `${t.unmatched.length} highlight(s) could not be matched to an article in the library (first: 「${first.quote.slice(0, 40)}」: ${first.reason})`
        })
      }
    }
  } catch (error) {
    status = 'failed'
    report.failed.push({ file: '(import)', reason: error instanceof Error ? error.message : String(error) })
  }
  report.status = status
  report.finishedAt = new Date().toISOString()
  finishImport(db, importId, {
    status,
    imported_count: report.imported.length,
    duplicate_count: report.duplicates.length,
    failed_count: report.failed.length,
    report_json: JSON.stringify({ duplicates: report.duplicates, failed: report.failed, annotations: report.annotations, warnings: report.warnings })
  })
  emit(true)
  return report
}
