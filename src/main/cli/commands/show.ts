// `marginalia show ID [--json] [--script S]`: one article (the same detail as `articles:get`), converted for
// display only; --json adds the cleaned `text` and the verbatim `rawText` to the list fields.
import type { ScriptId } from '@shared/script/types'
import { getArticleDetail } from '../../services/articles/detail'
import { defineCommand, exitOneOn, notFound, parseOptions, parseScript, printJson, SCRIPT_CHOICES, terminalSafe, UsageError } from '../io'
import { summaryJson } from './list'

export const showCommand = defineCommand<'library', { id: number; json: boolean; script: ScriptId }>({
  usage: `  show ID [--json] [--script S]      show one article (S: ${SCRIPT_CHOICES})\n`,
  opens: 'library',
  parse(args) {
    const { positionals, values } = parseOptions(args, { json: { type: 'boolean' }, script: { type: 'string' } }, true)
    if (positionals.length !== 1 || !/^[1-9]\d*$/.test(positionals[0] ?? '')) throw new UsageError('show needs one numeric ID')
    return { id: Number(positionals[0]), json: values.json === true, script: parseScript(values.script, '--script') }
  },
  run: (db, { id, json, script }, io) =>
    exitOneOn(io, notFound, async () => {
      const detail = getArticleDetail(db, id)
      let { title, text } = detail
      if (script !== 'original') {
        const { loadConverter } = await import('@shared/script')
        const converter = await loadConverter(script, 'auto')
        title = converter.convert(title)
        text = converter.convert(text)
      }
      if (json) printJson(io, { ...summaryJson(detail), title, text, rawText: detail.rawText })
      else {
        io.stdout(`${terminalSafe(title)}\n`)
        const meta = [detail.source, detail.author, detail.editor && `责任编辑 ${detail.editor}`, detail.publishedAt]
          .filter(Boolean)
          .join(' · ')
        if (meta) io.stdout(`${terminalSafe(meta)}\n`)
        io.stdout(`\n${terminalSafe(text, 'block')}\n`)
      }
      return 0
    })
})
