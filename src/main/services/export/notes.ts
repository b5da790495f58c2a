// Notes export (main process / CLI): the highlights and notes of one article, selected articles, a tag or
// the whole library, in any script, as Markdown, W3C Web Annotation JSON-LD, Readwise CSV or printable HTML.
//
// How to add a format:
//   1. Create formats/<name>.ts exporting a NotesWriter { format, extension, mimeType, write(doc) }; write
//      is pure: it gets the collected NotesDocument (already converted to the chosen script) and returns the
//      file's text. Escape everything that comes from the library for your format.
//   2. Add the format id to NotesExportFormat in src/shared/anchoring/types.ts and to NOTES_FORMATS in
//      src/shared/anchoring/schemas.ts (the IPC schema), then register the writer in WRITERS below.
//   3. Add a case to tests/main/services/export/notes.test.ts on the hualong fixture.
import type { ExportFile, NotesExportFormat } from '@shared/anchoring/types'
import type { ScriptId } from '@shared/script'
import type { Db } from '../../db/connection'
import { collectNotes, type NotesDocument, type NotesScope } from './collect'
import { csvWriter } from './formats/csv'
import { htmlWriter } from './formats/html'
import { jsonWriter } from './formats/json'
import { markdownWriter } from './formats/markdown'
import type { NotesWriter } from './formats/types'
import { safeFileName } from './safe-file-name'

export const WRITERS: Record<NotesExportFormat, NotesWriter> = {
  md: markdownWriter,
  json: jsonWriter,
  csv: csvWriter,
  html: htmlWriter
}

export interface NotesExportResult extends ExportFile {
  articleCount: number
  annotationCount: number
}

/** Default file name: the article title for one article, the tag, or "Marginalia notes YYYY-MM-DD". */
export function notesFileName(doc: NotesDocument, scope: NotesScope, writer: NotesWriter): string {
  const date = doc.generatedAt.slice(0, 10)
  const base =
    doc.articles.length === 1 && (scope.kind === 'article' || scope.kind === 'articles')
      ? `${doc.articles[0]!.title} - notes`
      : scope.kind === 'tag'
        ? `${scope.tag} - notes ${date}`
        : `Marginalia notes ${date}`
  return safeFileName(base, { extension: writer.extension, fallback: 'notes' })
}

export function renderNotes(doc: NotesDocument, format: NotesExportFormat): string {
  return WRITERS[format].write(doc)
}

/** Collects and serialises a notes export; the caller decides where the text goes (save dialog, download, CLI). */
export async function exportNotes(
  db: Db,
  options: { format: NotesExportFormat; scope: NotesScope; script?: ScriptId }
): Promise<NotesExportResult> {
  const writer = WRITERS[options.format]
  const doc = await collectNotes(db, options.scope, options.script ?? 'original')
  return {
    fileName: notesFileName(doc, options.scope, writer),
    mimeType: writer.mimeType,
    content: writer.write(doc),
    articleCount: doc.articles.length,
    annotationCount: doc.annotationCount
  }
}

export { collectNotes, articleIri, annotationIri, scopeArticleIds, type NotesDocument, type NotesScope, type ExportArticle, type ExportAnnotation } from './collect'
export { writeFileAtomic } from './atomic-write'
export { safeFileName, uniqueFileName } from './safe-file-name'
export { renderNoteHtml } from '../annotations/render-note'
export type { NotesWriter } from './formats/types'
