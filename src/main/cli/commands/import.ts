// `marginalia import PATH... [--json]`: files, folders and archives through the app's import pipeline;
// progress on stderr, exit 1 when some inputs failed or some highlights found no place (the rest are still imported).
import { UNPLACED_ANNOTATION_STATUSES } from '@shared/types'
import { IMPORT_FORMATS } from '../../services/formats'
import { importedEntries, writeReportJson } from '../../services/import-pipeline/history'
import { importPaths } from '../../services/import-pipeline/pipeline'
import { defineCommand, jsonSafe, parseOptions, terminalSafe, UsageError } from '../io'

/** "reads: HTML (.html .htm …), …" wrapped to the terminal width, from the format registry. */
function formatHelp(width = 100): string {
  const items = IMPORT_FORMATS.map((f, i, all) => `${f.label} (${f.extensions.map((e) => `.${e}`).join(' ')})${i < all.length - 1 ? ',' : ''}`)
  const lines = ['      reads:']
  for (const item of items) {
    if ((lines.at(-1) as string).length + 1 + item.length > width) lines.push(`       ${item}`)
    else lines[lines.length - 1] += ` ${item}`
  }
  return lines.join('\n') + '\n'
}

export const importCommand = defineCommand<'library', { paths: string[]; json: boolean }>({
  usage: `  import PATH... [--json]            import files, folders and archives\n${formatHelp()}`,
  opens: 'library',
  parse(args) {
    const { positionals, values } = parseOptions(args, { json: { type: 'boolean' } }, true)
    if (positionals.length === 0) throw new UsageError('import needs at least one PATH')
    return { paths: positionals, json: values.json === true }
  },
  async run(db, { paths, json }, io) {
    let lastLine = 0
    // The report counts what went in and the list is read back from the library page by page (issue 16:
    // memory flat in the archive size).
    const report = await importPaths(db, paths, {
      listImported: false,
      onProgress: (p) => {
        const now = Date.now()
        if (now - lastLine < 250) return
        lastLine = now
        // filesDone counts finished files: the one being read is the next, so the count starts at 1 (as in the app).
        const total = p.bytesTotal === null ? '' : ` of ${(p.bytesTotal / 1e6).toFixed(1)}`
        io.stderr(
          `importing file ${p.filesDone + 1}: ${(p.bytesDone / 1e6).toFixed(1)}${total} MB, ${p.imported} imported, ${p.duplicates} duplicates, ${p.failed} failed\n`
        )
      }
    })
    // Highlights that found no place are inputs not done, like failed files: exit 1 for them too.
    const unplaced = report.annotations.filter((a) => UNPLACED_ANNOTATION_STATUSES.includes(a.status))
    const placed = report.annotations.filter((a) => a.status !== 'skipped').length - unplaced.length
    const links = report.linksOnly.reduce((n, l) => n + l.links, 0)
    if (json) {
      writeReportJson(db, report, (text) => io.stdout(jsonSafe(text)))
      io.stdout('\n')
    } else {
      for (const page of importedEntries(db, report)) {
        for (const a of page) io.stdout(`imported  #${a.id}  ${terminalSafe(a.title)}  (${terminalSafe(a.file)})\n`)
      }
      for (const d of report.duplicates) {
        io.stdout(`duplicate ${terminalSafe(d.file)} = #${d.duplicateOf}${d.enriched ? ` (added ${d.enriched.join(', ')})` : ''}\n`)
      }
      for (const l of report.linksOnly) io.stdout(`links     ${terminalSafe(l.file)}: ${l.links} link(s) without article text, kept in the report\n`)
      for (const a of report.annotations) {
        io.stdout(`note      ${terminalSafe(a.file)} ${a.status}${a.articleId !== null ? ` #${a.articleId}` : ''}: 「${terminalSafe(a.quote.slice(0, 40))}」 ${terminalSafe(a.reason)}\n`)
      }
      for (const f of report.failed) io.stdout(`failed    ${terminalSafe(f.file)}: ${terminalSafe(f.reason)}\n`)
    }
    io.stderr(
      `done: ${report.importedCount ?? report.imported.length} imported, ${report.duplicates.length} duplicates skipped, ${report.failed.length} failed, ` +
        `${links} links only, ${placed} of ${placed + unplaced.length} highlights placed\n`
    )
    return report.failed.length > 0 || unplaced.length > 0 ? 1 : 0
  }
})
