// The one import pipeline (main process) behind File > Import…, drag and drop, the preview host and
// `cli import`: reads sources through archive-import, skips duplicates, writes each file's articles in
// batched transactions (a file is imported whole or not at all), indexes them, and keeps a report.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { detectScript } from '@shared/script'
import type { ImportProgress, ImportReport } from '@shared/types'
import { transaction, type Db } from '../../db/connection'
import { findArticleIdByHash, insertArticle } from '../../db/repositories/article.repository'
import { createImport, finishImport } from '../../db/repositories/import.repository'
import { attachTags } from '../../db/repositories/tag.repository'
import { readSources, type ImportLimits, type ParsedArticle } from '../archive-import'
import { indexArticles } from '../search'
import { contentHash } from './content-hash'

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
}

interface PendingFile {
  file: string
  articles: ParsedArticle[]
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
    failed: []
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
      const ids: number[] = []
      for (const { file, articles } of batch) {
        for (const article of articles) {
          const hash = contentHash(article.text || article.rawText)
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
            source_script: detectScript(article.title + '\n' + article.text),
            content_hash: hash,
            import_id: importId,
            script_override: null,
            last_opened_at: null,
            updated_at: now
          })
          seen.set(hash, id)
          if (article.tags.length > 0) attachTags(db, id, article.tags, 'import')
          ids.push(id)
          imported.push({ file, id, title: article.title })
        }
      }
      indexArticles(db, ids)
    })
    // Only after the commit do these rows count as imported.
    report.imported.push(...imported)
    report.duplicates.push(...duplicates)
    committedFiles += batch.length
    options.afterBatch?.(committedFiles)
  }

  let status: ImportReport['status'] = 'done'
  try {
    for await (const event of readSources(paths, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.limits ? { limits: options.limits } : {})
    })) {
      if (options.signal?.aborted) break
      if (event.kind === 'progress') {
        progress.filesDone = event.filesDone
        progress.bytesDone = event.bytesDone
        progress.bytesTotal = event.bytesTotal
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
      // Yield to the event loop between files so IPC, progress and cancel stay responsive.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    if (options.signal?.aborted) status = 'cancelled'
    // Files read before a cancel are complete and are kept: "what was imported so far is kept".
    flush()
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
    report_json: JSON.stringify({ duplicates: report.duplicates, failed: report.failed })
  })
  emit(true)
  return report
}
