// `marginalia sync --server URL --token T --group G [--json]`: one push and pull with the group archive.
// Exit 1 when the server refuses or cannot be reached (the outbox is kept), 2 on usage errors. The token
// is stored as it is for the app's next round (the CLI has no keychain; it never replaces one the app
// sealed) and never printed.
import { SyncError, syncOnce, syncTarget, type SyncTarget } from '../../services/sync'
import { defineCommand, exitOneOn, parseOptions, printJson, UsageError } from '../io'

export const syncCommand = defineCommand<'library', SyncTarget & { json: boolean }>({
  usage: '  sync --server URL --token T --group G [--json]   push local changes to the group archive, pull the others\n',
  opens: 'library',
  parse(args) {
    const { values } = parseOptions(
      args,
      { server: { type: 'string' }, token: { type: 'string' }, group: { type: 'string' }, json: { type: 'boolean' } },
      false
    )
    const target = syncTarget.safeParse({ server: values.server, token: values.token, group: values.group })
    if (!target.success) {
      const issue = target.error.issues[0]
      throw new UsageError(`--${String(issue?.path[0] ?? 'server')}: ${issue?.code === 'invalid_type' ? 'required' : issue?.message}`)
    }
    return { ...target.data, json: values.json === true }
  },
  async run(db, { json, ...target }, io) {
    return exitOneOn(
      io,
      (error) => (error instanceof SyncError ? error.message : null),
      async () => {
        const report = await syncOnce(db, target)
        if (json) printJson(io, report)
        else io.stdout(`pushed ${report.pushed}, pulled ${report.pulled}, conflicts ${report.conflicts}${report.kept ? `, kept ${report.kept} own notes of articles deleted elsewhere` : ''}\n`)
        return 0
      }
    )
  }
})
