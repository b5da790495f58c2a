// `marginalia proofread ID [--json] [--standard S] [--kind K]...`: findings on an article's cleaned text
// (mixed script, conversion errors, variants, punctuation, spacing). --json prints
// [{kind, start, end, text, suggestion, message}] with offsets into the text `show --json` prints.
// --report md|csv --out FILE writes the proofreading report with the editor's decisions.
import { FINDING_KINDS, type FindingKind } from '@shared/proofread'
import { SOURCE_SCRIPTS, type SourceScript } from '@shared/script/types'
import { basename, dirname, resolve } from 'node:path'
import { writeExportFiles } from '../../services/export/write-files'
import { proofreadArticle } from '../../services/proofread/article'
import { proofreadReport, type ProofreadReportFormat } from '../../services/proofread/report'
import { defineCommand, exitOneOn, notFound, parseOptions, printJson, terminalSafe, UsageError } from '../io'

interface Args {
  id: number
  json: boolean
  standard: SourceScript | undefined
  kinds: FindingKind[] | undefined
  report: ProofreadReportFormat | undefined
  out: string | undefined
}

const REPORT_FORMATS: readonly ProofreadReportFormat[] = ['md', 'csv']

export const proofreadCommand = defineCommand<'library', Args>({
  usage:
    `  proofread ID [--json] [--standard S] [--kind K]...\n` +
    `                                     findings on one article (S: ${SOURCE_SCRIPTS.join('|')}, default its own script;\n` +
    `                                     K: ${FINDING_KINDS.join('|')})\n` +
    `  proofread ID --report md|csv --out FILE\n` +
    `                                     the proofreading report with each finding's decision\n`,
  opens: 'library',
  parse(args) {
    const { positionals, values } = parseOptions(
      args,
      {
        json: { type: 'boolean' },
        standard: { type: 'string' },
        kind: { type: 'string', multiple: true },
        report: { type: 'string' },
        out: { type: 'string' }
      },
      true
    )
    if (positionals.length !== 1 || !/^[1-9]\d*$/.test(positionals[0] ?? '')) throw new UsageError('proofread needs one numeric ID')
    const standard = values.standard
    if (standard !== undefined && !(SOURCE_SCRIPTS as readonly string[]).includes(standard)) {
      throw new UsageError(`--standard must be one of ${SOURCE_SCRIPTS.join(', ')}`)
    }
    const kinds = values.kind?.map((k) => {
      if (!(FINDING_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind must be one of ${FINDING_KINDS.join(', ')}`)
      return k as FindingKind
    })
    const report = values.report
    if (report !== undefined && !(REPORT_FORMATS as readonly string[]).includes(report)) throw new UsageError(`--report must be one of ${REPORT_FORMATS.join('|')}`)
    // The report covers the article's own findings and decisions: it takes no filters.
    if (report !== undefined && (values.json || standard !== undefined || kinds)) throw new UsageError('--report cannot be combined with --json, --standard or --kind')
    if ((values.out === undefined) !== (report === undefined)) throw new UsageError('--report and --out go together')
    return {
      id: Number(positionals[0]),
      json: values.json === true,
      standard: standard as SourceScript | undefined,
      kinds,
      report: report as ProofreadReportFormat | undefined,
      out: values.out
    }
  },
  run: (db, { id, json, standard, kinds, report, out }, io) =>
    exitOneOn(io, notFound, async () => {
      if (report && out !== undefined) {
        const file = await proofreadReport(db, id, report)
        const path = resolve(out)
        const [written] = writeExportFiles(dirname(path), [{ fileName: basename(path), content: file.content }], 'overwrite')
        io.stderr(`wrote the proofreading report to ${terminalSafe(written ?? path)}\n`)
        return 0
      }
      const result = await proofreadArticle(db, id, { ...(standard ? { standard } : {}), ...(kinds ? { kinds } : {}) })
      if (json) {
        printJson(io, result.findings.map(({ kind, start, end, text, suggestion, message }) => ({ kind, start, end, text, suggestion, message })))
      } else {
        const n = result.findings.length
        io.stdout(`${n} ${n === 1 ? "finding" : "findings"}, standard ${result.standard}\n`)
        for (const f of result.findings) {
          io.stdout(`${f.start}-${f.end}\t${f.kind}\t${terminalSafe(f.text)} → ${terminalSafe(f.suggestion)}\t${f.message}\n`)
        }
      }
      return 0
    })
})
