// Pocket / Instapaper CSV exports list saved URLs without article text: recognised and reported as
// links-only with the count, so the user learns why nothing was imported.
import { ImportError, type FormatModule } from './types'
import { extOf } from './common'

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

export const csvFormat: FormatModule = {
  id: 'csv',
  label: 'CSV / TSV (Pocket, Instapaper)',
  extensions: ['csv', 'tsv'],
  detect(name) {
    return extOf(name) === 'csv' || extOf(name) === 'tsv'
  },
  parse(_name, text) {
    const rows = parseCsv(text.replace(/^\ufeff/, ''))
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase())
    const urlCol = header.findIndex((h) => h === 'url' || h === 'link' || h === 'href')
    if (urlCol === -1) throw new ImportError('unsupported', 'CSV without a URL column; only Pocket/Instapaper link exports are recognised')
    const links = rows.slice(1).filter((r) => /^https?:\/\//i.test((r[urlCol] ?? '').trim())).length
    const kind = header.includes('time_added') ? 'Pocket' : header.includes('selection') || header.includes('folder') ? 'Instapaper' : 'link'
    throw new ImportError('links-only', `${kind} CSV export with ${links} links and no article text`)
  }
}
