// Readwise's CSV layout (main process): Highlight, Title, Author, URL, Note, Location, Date, then Annotator
// (who made the highlight in a team archive; empty in a library of one). UTF-8 with a
// byte-order mark (so spreadsheet programs detect UTF-8 for Chinese text), CRLF records, RFC 4180 quoting.
import type { NotesWriter } from './types'
import { plainDateTime } from './types'

export const CSV_HEADER = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date', 'Annotator'] as const

/** What a spreadsheet reads as the start of a formula (OWASP CSV injection: `=HYPERLINK(…)` leaks data). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * RFC 4180: a field with a quote, comma, CR or LF is quoted, quotes doubled. A field a spreadsheet would
 * run as a formula gets a leading single quote, inside quotes, as OWASP recommends: it shows as text.
 */
export function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value)
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvWriter: NotesWriter = {
  format: 'csv',
  extension: 'csv',
  mimeType: 'text/csv;charset=utf-8',
  write(doc) {
    const lines = [CSV_HEADER.join(',')]
    for (const a of doc.articles) {
      for (const n of a.annotations) {
        // Location: the highlight's character offset in the stored text, 1-based (Readwise sorts by it).
        lines.push([n.quote, a.title, a.author, a.url, n.note, n.start + 1, plainDateTime(n.createdAt), n.author].map(csvField).join(','))
      }
    }
    return '\ufeff' + lines.join('\r\n') + '\r\n'
  }
}
