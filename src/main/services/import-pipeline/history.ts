// Import history, reports and undo (main process).
import type { ImportHistoryEntry, ImportReport } from '@shared/types'
import { AppError } from '@shared/result'
import { transaction, type Db } from '../../db/connection'
import { articlesOfImport, deleteArticles } from '../../db/repositories/article.repository'
import { enrichmentsOfImport, forgetImportChanges, restoreEnrichedField } from '../../db/repositories/import-enrichment.repository'
import { getImport, importedArticlesPage, listImports, setImportStatus } from '../../db/repositories/import.repository'
import { deleteUnusedTags } from '../../db/repositories/tag.repository'
import type { ImportRow } from '../../db/database'
import { reindexArticle, removeFromIndex } from '../search'
import { returnNotesOfImport } from '../annotation-import/unattached'

function parseSources(row: ImportRow): string[] {
  try {
    const value = JSON.parse(row.sources_json) as unknown
    return Array.isArray(value) ? value.map(String) : []
  } catch {
    return []
  }
}

export function importHistory(db: Db): ImportHistoryEntry[] {
  return listImports(db).map((row) => ({
    importId: row.id,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    sources: parseSources(row),
    importedCount: row.imported_count,
    duplicateCount: row.duplicate_count,
    failedCount: row.failed_count
  }))
}

export function importReport(db: Db, importId: number): ImportReport {
  const row = getImport(db, importId)
  if (!row) throw new AppError('not-found', `import ${importId} does not exist`)
  let stored: Partial<Pick<ImportReport, 'duplicates' | 'failed' | 'linksOnly' | 'annotations' | 'warnings'>> = {}
  try {
    stored = JSON.parse(row.report_json) as typeof stored
  } catch {
    // a damaged report still lists the imported articles below
  }
  const imported = articlesOfImport(db, importId).map((r) => ({ file: r.original_file ?? '', id: r.id, title: r.title }))
  return {
    importId,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    imported,
    duplicates: stored.duplicates ?? [],
    failed: stored.failed ?? [],
    linksOnly: stored.linksOnly ?? [],
    // Reports stored before per-annotation entries held one count per file: those are left out.
    annotations: (stored.annotations ?? []).filter((a) => typeof (a as Partial<typeof a>).status === 'string'),
    warnings: stored.warnings ?? []
  }
}

/**
 * Reverses an import in one transaction: removes every article it added (with their tag links and
 * annotations), gives the stored articles it enriched their previous metadata back (where the field still
 * holds what the import wrote), and returns the unattached notes it attached to the unattached list.
 */
export function undoImport(db: Db, importId: number): { removed: number } {
  const row = getImport(db, importId)
  if (!row) throw new AppError('not-found', `import ${importId} does not exist`)
  if (row.status === 'running') throw new AppError('conflict', 'this import is still running; cancel it first')
  if (row.status === 'undone') return { removed: 0 }
  return transaction(db, () => {
    const retitled = new Set<number>()
    for (const e of enrichmentsOfImport(db, importId)) {
      if (restoreEnrichedField(db, e) && e.field === 'title') retitled.add(e.article_id)
    }
    const ids = articlesOfImport(db, importId).map((r) => r.id)
    removeFromIndex(db, ids)
    const removed = deleteArticles(db, ids)
    for (const id of ids) retitled.delete(id)
    for (const id of retitled) reindexArticle(db, id)
    returnNotesOfImport(db, importId)
    forgetImportChanges(db, importId)
    deleteUnusedTags(db)
    setImportStatus(db, importId, 'undone')
    return { removed }
  })
}

/** The `cli import --json` keys, in the order the README gives them. */
const REPORT_JSON_KEYS = ['imported', 'duplicates', 'failed', 'linksOnly', 'annotations', 'warnings'] as const
const PAGE = 1000

/** JSON.stringify(value, null, 2) as it reads `depth` levels down in a document of the same indent. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`)
}

/**
 * An import's articles as the report names them, page by page from the library: the list itself is never
 * held (a 1,000,000-article import would hold 1,000,000 entries), whatever the report kept.
 */
export function* importedEntries(db: Db, report: Pick<ImportReport, 'importId' | 'imported' | 'importedCount'>): Generator<ImportReport['imported']> {
  if (report.importedCount === undefined) {
    if (report.imported.length > 0) yield report.imported
    return
  }
  for (let after = 0; ; ) {
    const rows = importedArticlesPage(db, report.importId, after, PAGE)
    if (rows.length === 0) return
    yield rows.map((r) => ({ file: r.original_file ?? '', id: r.id, title: r.title }))
    after = (rows[rows.length - 1] as (typeof rows)[number]).id
  }
}

/**
 * Writes the `cli import --json` document of a report in pieces: the same text as
 * JSON.stringify({imported, duplicates, failed, linksOnly, annotations, warnings}, null, 2), with
 * `imported` read by importedEntries, so printing a report costs one page of articles, not the archive.
 */
export function writeReportJson(db: Db, report: ImportReport, write: (text: string) => void): void {
  write('{')
  REPORT_JSON_KEYS.forEach((key, k) => {
    write(`${k > 0 ? ',' : ''}\n  ${JSON.stringify(key)}: `)
    if (key !== 'imported') {
      write(nested(report[key], 1))
      return
    }
    let first = true
    for (const page of importedEntries(db, report)) {
      write((first ? '[\n    ' : ',\n    ') + page.map((entry) => nested(entry, 2)).join(',\n    '))
      first = false
    }
    write(first ? '[]' : '\n  ]')
  })
  write('\n}')
}
