// `marginalia check [--json]`: the library health check (integrity, foreign keys, search index); exit 1
// when any of them fails. --json always prints a verdict: the checks' results, or why the library could
// not be opened (damaged, locked, newer, not a library).
import { checkLibrary } from '../../services/health'
import { defineCommand, parseOptions, printJson } from '../io'

export const checkCommand = defineCommand<'library', { json: boolean }>({
  usage: '  check [--json]                     integrity, foreign-key and search-index checks\n',
  opens: 'library',
  parse: (args) => ({ json: parseOptions(args, { json: { type: 'boolean' } }, false).values.json === true }),
  async run(db, { json }, io) {
    const result = checkLibrary(db)
    const { integrity, foreignKeyViolations, searchIndex: index } = result
    if (json) printJson(io, result)
    else {
      io.stdout(`integrity: ${integrity.join('; ')}\n`)
      io.stdout(`foreign keys: ${foreignKeyViolations === 0 ? 'ok' : `${foreignKeyViolations} violation(s)`}\n`)
      io.stdout(`search index: ${index.ok ? 'ok' : index.problems.join('; ')} (${index.indexed}/${index.articles} articles indexed)\n`)
    }
    return result.ok ? 0 : 1
  },
  unhealthy(verdict, { json }, io) {
    if (json) printJson(io, verdict)
  }
})
