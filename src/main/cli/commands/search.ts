// `marginalia search QUERY [--json] [--limit N]`: script-insensitive full-text search, best first.
import { searchArticles } from '../../services/search'
import { defineCommand, parseOptions, printJson, terminalSafe, UsageError } from '../io'

export const searchCommand = defineCommand<'library', { query: string; json: boolean; limit: number }>({
  usage: '  search QUERY [--json]              full-text search (any script, 1+ characters)\n',
  opens: 'library',
  parse(args) {
    const { positionals, values } = parseOptions(args, { json: { type: 'boolean' }, limit: { type: 'string' } }, true)
    const query = positionals.join(' ')
    if (positionals.length === 0 || !query.trim()) throw new UsageError('search needs a QUERY')
    if (values.limit !== undefined && !/^([1-9]\d{0,1}|[1-4]\d\d|500)$/.test(values.limit)) throw new UsageError('--limit must be 1..500')
    return { query, json: values.json === true, limit: values.limit === undefined ? 50 : Number(values.limit) }
  },
  async run(db, { query, json, limit }, io) {
    const { hits, total } = searchArticles(db, query, { limit })
    if (json) printJson(io, hits.map(({ id, title, snippet, score }) => ({ id, title, snippet, score })))
    else {
      // Matches are marked with U+E000/U+E001 in snippets; show them as 【】 on a terminal.
      for (const h of hits) io.stdout(`${h.id}\t${terminalSafe(h.title)}\t${terminalSafe(h.snippet).replace(/\uE000/g, '【').replace(/\uE001/g, '】')}\n`)
      io.stderr(`${total} matching article(s)\n`)
    }
    return 0
  }
})
