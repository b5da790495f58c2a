// `marginalia backup FILE` and `marginalia restore FILE` (plain Node). backup runs on the open library;
// restore runs with the library closed (the CLI must call it before openLibrary), because it swaps files.
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import type { Db } from '../../db/connection'
import { UsageError, type CliIo } from '../io'
import { BackupError, backupToFile, restoreBackup, validateBackup } from '../../services/backup'

export const BACKUP_USAGE = `  backup FILE [--force] [--json]     write a checked online backup of the library to FILE
  restore FILE [--json]              replace the library with backup FILE (the current one is kept aside)
`

function parse(args: string[], options: { force?: boolean }): { file: string; json: boolean; force: boolean } {
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean' }, ...(options.force ? { force: { type: 'boolean' as const } } : {}) },
      allowPositionals: true,
      strict: true
    })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
  if (parsed.positionals.length !== 1 || !parsed.positionals[0]) throw new UsageError('needs exactly one FILE')
  const values = parsed.values as { json?: boolean; force?: boolean }
  return { file: resolve(parsed.positionals[0]), json: values.json === true, force: values.force === true }
}

/** Validates arguments without touching any file (the CLI's preflight). */
export function parseBackupArgs(args: string[]): void {
  parse(args, { force: true })
}
export function parseRestoreArgs(args: string[]): void {
  parse(args, {})
}

export async function backupCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const { file, json, force } = parse(args, { force: true })
  try {
    const info = await backupToFile(db, file, { overwrite: force })
    const v = validateBackup(file)
    const articles = v.ok ? v.articles : 0
    if (json) io.stdout(JSON.stringify({ file: info.file, bytes: info.bytes, articles, ms: Math.round(info.ms) }, null, 2) + '\n')
    else io.stdout(`backup written: ${info.file} (${(info.bytes / 1e6).toFixed(1)} MB, ${articles} articles)\n`)
    return 0
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr(`marginalia: ${error.message}${error.code === 'exists' ? ' (use --force to overwrite)' : ''}\n`)
      return 1
    }
    throw error
  }
}

/** Runs with the library closed: `dbPath` is the library file, not an open connection. */
export async function restoreCommand(dbPath: string, args: string[], io: CliIo): Promise<number> {
  const { file, json } = parse(args, {})
  try {
    const result = restoreBackup(dbPath, file)
    if (json) io.stdout(JSON.stringify(result, null, 2) + '\n')
    else {
      io.stdout(`restored ${result.articles} articles from ${result.restoredFrom}\n`)
      if (result.keptAside) io.stdout(`the previous library was kept as ${result.keptAside}\n`)
    }
    return 0
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr(`marginalia: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
