// Pocket / Instapaper CSV exports list saved URLs without article text: every row becomes a link record
// (title, URL, tags, note, date) reported as links-only, so nothing of the export is lost or unexplained.
import { ImportError, type FormatModule } from './types'
import { extOf, toIsoDate } from './common'
import { ItemCollector } from './items'

/** RFC 4180 rows (quoted fields may hold commas and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

/** Instapaper's built-in folders are states, not tags. */
const INSTAPAPER_STATES = new Set(['unread', 'archive', 'starred'])

export const csvFormat: FormatModule = {
  id: 'csv',
  label: 'CSV / TSV (Pocket, Instapaper)',
  extensions: ['csv', 'tsv'],
  detect(name) {
    return extOf(name) === 'csv' || extOf(name) === 'tsv'
  },
  parse(name, text) {
    const rows = parseCsv(text.replace(/^\ufeff/, ''))
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase())
    const col = (...names: string[]): number => header.findIndex((h) => names.includes(h))
    const urlCol = col('url', 'link', 'href')
    if (urlCol === -1) throw new ImportError('unsupported', 'CSV without a URL column; only Pocket/Instapaper link exports are recognised', { what: 'csv' })
    const pocket = header.includes('time_added')
    const kind = pocket ? 'Pocket CSV export' : header.includes('selection') || header.includes('folder') ? 'Instapaper CSV export' : 'CSV of links'
    const [titleCol, tagsCol, noteCol, folderCol, dateCol] = [col('title'), col('tags'), col('selection', 'note', 'description'), col('folder'), col('time_added', 'timestamp', 'date', 'created')]
    const cell = (r: string[], i: number): string => (i === -1 ? '' : (r[i] ?? '').trim())
    const items = new ItemCollector(name)
    rows.slice(1).forEach((r, i) => {
      const url = cell(r, urlCol)
      const title = cell(r, titleCol) || null
      if (!/^[a-z][\w+.-]*:\/\/\S/i.test(url)) {
        items.failed(i + 1, title, url ? `"${url.slice(0, 80)}" is not a URL` : 'a row without a URL', 'unsupported', { what: 'no-url' })
        return
      }
      // Pocket separates tags with "|", other exports with commas.
      const tags = cell(r, tagsCol).split(pocket ? /[|,]/ : /[,|]/).map((t) => t.trim()).filter(Boolean)
      const folder = cell(r, folderCol)
      if (folder && !INSTAPAPER_STATES.has(folder.toLowerCase())) tags.push(folder)
      items.link(i + 1, { title, url, tags, note: cell(r, noteCol) || null, savedAt: toIsoDate(cell(r, dateCol) || null) })
    })
    return items.result(kind)
  }
}
