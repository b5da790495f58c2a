// `marginalia backup FILE` and `marginalia restore FILE` (plain Node). backup runs on the open library;
// restore gets only the library's path, because it swaps files (and the library may be damaged).
import { resolve } from 'node:path'
import { BackupError, backupToFile, restoreBackup, validateBackup } from '../../services/backup'
import { defineCommand, exitOneOn, parseOptions, printJson, terminalSafe, UsageError } from '../io'

interface FileArgs {
  file: string
  json: boolean
  force: boolean
}

function parseFileArgs(args: string[], allowForce: boolean): FileArgs {
  const { positionals, values } = parseOptions(
    args,
    { json: { type: 'boolean' }, ...(allowForce ? { force: { type: 'boolean' as const } } : {}) },
    true
  )
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError('needs exactly one FILE')
  const flags = values as { json?: boolean; force?: boolean }
  return { file: resolve(positionals[0]), json: flags.json === true, force: flags.force === true }
}

const backupFailure = (error: unknown): string | null => {
  if (!(error instanceof BackupError)) return null
  return error.code === 'exists' ? `${error.message} (use --force to overwrite)` : error.message
}

export const backupCommand = defineCommand<'library', FileArgs>({
  usage: '  backup FILE [--force] [--json]     write a checked online backup of the library to FILE\n',
  opens: 'library',
  parse: (args) => parseFileArgs(args, true),
  run: (db, { file, json, force }, io) =>
    exitOneOn(io, backupFailure, async () => {
      const info = await backupToFile(db, file, { overwrite: force })
      const v = validateBackup(file)
      const articles = v.ok ? v.articles : 0
      if (json) printJson(io, { file: info.file, bytes: info.bytes, articles, ms: Math.round(info.ms) })
      else io.stdout(`backup written: ${terminalSafe(info.file)} (${(info.bytes / 1e6).toFixed(1)} MB, ${articles} articles)\n`)
      return 0
    })
})

export const restoreCommand = defineCommand<'path', FileArgs>({
  usage: '  restore FILE [--json]              replace the library with backup FILE (the current one is kept aside)\n',
  opens: 'path',
  parse: (args) => parseFileArgs(args, false),
  run: (dbPath, { file, json }, io) =>
    exitOneOn(io, backupFailure, () => {
      const result = restoreBackup(dbPath, file)
      if (json) printJson(io, result)
      else {
        io.stdout(`restored ${result.articles} articles from ${terminalSafe(result.restoredFrom)}\n`)
        if (result.keptAside) io.stdout(`the previous library was kept as ${terminalSafe(result.keptAside)}\n`)
      }
      return 0
    })
})
