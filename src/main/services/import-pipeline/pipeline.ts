// The one import pipeline (main process) behind File > Import…, drag and drop, the preview host and
// `cli import`: reads sources through formats/ and import-pipeline/sources.ts, skips duplicates, writes each file's articles in
// batched transactions (a file is imported whole or not at all), indexes them, and keeps a report.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { ImportProgress, ImportReport } from '@shared/types'
import { transaction, type Db } from '../../db/connection'
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
} from '../annotations'

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

export type ImportRequest = { paths: string[] } | { files: { name: string; bytes: Uint8Array }[] }

/**
 * Starts an import and returns its id at once (the history row exists before any file is read) together
 * with a promise of the final report.
 */
export function beginImport(
  db: Db,
  request: ImportRequest,
  options: ImportOptions = {}
): { importId: number; done: Promise<ImportReport> } {
  if ('paths' in request) {
    const importId = createImport(db, request.paths)
    return { importId, done: runImport(db, importId, request.paths, options, (f) => f) }
  }
  const importId = createImport(
    db,
    request.files.map((f) => f.name)
  )
  return { importId, done: importBuffers(db, importId, request.files, options) }
}

/** Runs an import of the given paths to completion (or cancellation) and returns its report. */
export function importPaths(db: Db, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  return beginImport(db, { paths }, options).done
}

/**
 * In-memory files (drag and drop, the preview host's upload) are written to a private temp folder so
 * archives and nested zips go through exactly the same reader as paths, and are reported under their
 * own names.
 */
async function importBuffers(
  db: Db,
  importId: number,
  files: { name: string; bytes: Uint8Array }[],
  options: ImportOptions
): Promise<ImportReport> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-upload-'))
  try {
    const paths: string[] = []
    files.forEach((file, i) => {
      // Each upload gets its own numbered folder: names cannot collide or escape it.
      const safeName = file.name.replace(/[\\/]+/g, '_').replace(/^\.+/, '_').slice(0, 200) || 'file'
      const target = join(dir, String(i), safeName)
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, file.bytes)
      paths.push(target)
    })
    // Report each file under the name the user gave it (archive entries keep their `!inner/path` suffix).
    const rename = (file: string): string => {
      for (let i = 0; i < paths.length; i++) {
        const path = paths[i] as string
        if (file === path || file.startsWith(path + '!')) return (files[i] as { name: string }).name + file.slice(path.length)
      }
      return file
    }
    return await runImport(db, importId, paths, options, rename)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function runImport(
  db: Db,
  importId: number,
  paths: string[],
  options: ImportOptions,
  displayName: (file: string) => string
): Promise<ImportReport> {
  const startedAt = new Date().toISOString()
  const report: ImportReport = {
    importId,
    status: 'running',
    startedAt,
    finishedAt: null,
    imported: [],
    duplicates: [],
    failed: [],
    annotations: []
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
          const id = insertArticle(db, {
            title: article.title.trim() || file.split(/[\\/!]/).pop() || file,
            source: article.source,
            url: article.url,
            author: article.author,
            editor: article.editor,
            published_at: article.publishedAt,
            imported_at: now,
            raw_text: article.rawText,
            raw_format: article.rawFormat,
            raw_encoding: article.encoding,
            original_file: file,
            body_text: article.text,
            body_html: article.html,
            removed_json: JSON.stringify(article.removed ?? {}),
            source_script: sourceScript,
            content_hash: hash,
            import_id: importId,
            script_override: null,
            last_opened_at: null,
            updated_at: now
          })
          seen.set(hash, id)
          if (article.tags.length > 0) attachTags(db, id, article.tags, 'import')
          if (article.annotations.length > 0) {
            noteAnnotations(file, attachImportedAnnotations(db, id, article.text, article.annotations))
          }
          indexed.push({ id, doc })
          imported.push({ file, id, title: article.title })
        }
      }
      indexPrepared(db, indexed)
    })
    // Only after the commit do these rows count as imported.
    report.imported.push(...imported)
    report.duplicates.push(...duplicates)
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
    report_json: JSON.stringify({ duplicates: report.duplicates, failed: report.failed, annotations: report.annotations })
  })
  emit(true)
  return report
}
