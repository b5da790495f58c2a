// `marginalia tags [--json]`: every tag with its article count (sub-tags included), most used first.
import { listTagCounts } from '../../services/tags'
import { defineCommand, parseOptions, printJson, terminalSafe } from '../io'

export const tagsCommand = defineCommand<'library', { json: boolean }>({
  usage: '  tags [--json]                      list tags with counts\n',
  opens: 'library',
  parse: (args) => ({ json: parseOptions(args, { json: { type: 'boolean' } }, false).values.json === true }),
  async run(db, { json }, io) {
    const tags = listTagCounts(db, 'count').map(({ name, count }) => ({ name, count }))
    if (json) printJson(io, tags)
    else for (const t of tags) io.stdout(`${t.count}\t${terminalSafe(t.name)}\n`)
    return 0
  }
})
