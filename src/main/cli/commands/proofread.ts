// `marginalia proofread ID [--json] [--standard S] [--kind K]...`: findings on an article's cleaned text
// (mixed script, conversion errors, variants, punctuation, spacing). --json prints
// [{kind, start, end, text, suggestion, message}] with offsets into the text `show --json` prints.
import { FINDING_KINDS, type FindingKind } from '@shared/proofread'
import { SOURCE_SCRIPTS, type SourceScript } from '@shared/script/types'
import { proofreadArticle } from '../../services/proofread/article'
import { defineCommand, exitOneOn, notFound, parseOptions, printJson, terminalSafe, UsageError } from '../io'

interface Args {
  id: number
  json: boolean
  standard: SourceScript | undefined
  kinds: FindingKind[] | undefined
}

export const proofreadCommand = defineCommand<'library', Args>({
  usage:
    `  proofread ID [--json] [--standard S] [--kind K]...\n` +
    `                                     findings on one article (S: ${SOURCE_SCRIPTS.join('|')}, default its own script;\n` +
    `                                     K: ${FINDING_KINDS.join('|')})\n`,
  opens: 'library',
  parse(args) {
    const { positionals, values } = parseOptions(
      args,
      { json: { type: 'boolean' }, standard: { type: 'string' }, kind: { type: 'string', multiple: true } },
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
    return { id: Number(positionals[0]), json: values.json === true, standard: standard as SourceScript | undefined, kinds }
  },
  run: (db, { id, json, standard, kinds }, io) =>
    exitOneOn(io, notFound, async () => {
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
