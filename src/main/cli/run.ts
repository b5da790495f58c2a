// The CLI's parsing and dispatch (plain Node): global options, then one command from commands/, each of
// which parses its own arguments, calls the same services the IPC handlers call, prints text or --json,
// and returns an exit code. How to add a command: a module in commands/ exporting a CliCommand, plus its
// line in COMMANDS (the help is built from it).
import { openLibrary } from '../app/bootstrap'
import { closeDatabase } from '../db/connection'
import { LibraryHealthError, verdictFromError, type BadVerdict } from '../services/health'
import { defaultUserDataDir, resolveDbPath } from '../paths'
import { backupCommand, restoreCommand } from './commands/backup'
import { checkCommand } from './commands/check'
import { convertCommand } from './commands/convert'
import { exportArticlesCommand, exportNotesCommand } from './commands/export'
import { importCommand } from './commands/import'
import { listCommand } from './commands/list'
import { proofreadCommand } from './commands/proofread'
import { reindexCommand } from './commands/reindex'
import { searchCommand } from './commands/search'
import { showCommand } from './commands/show'
import { syncCommand } from './commands/sync'
import { tagsCommand } from './commands/tags'
import { terminalSafe, UsageError, type AnyCliCommand, type CliIo } from './io'

export { UsageError, type CliIo }

const COMMANDS: Record<string, AnyCliCommand> = {
  import: importCommand,
  list: listCommand,
  show: showCommand,
  proofread: proofreadCommand,
  tags: tagsCommand,
  search: searchCommand,
  check: checkCommand,
  reindex: reindexCommand,
  convert: convertCommand,
  'export-notes': exportNotesCommand,
  'export-articles': exportArticlesCommand,
  backup: backupCommand,
  restore: restoreCommand,
  sync: syncCommand
}

const USAGE = `usage: marginalia [--db FILE] COMMAND\ncommands:\n${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('')}`

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatchCommand(argv, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`marginalia: ${error.message}\n`)
      return 2
    }
    throw error
  }
}

/** Global options come before the command: `--db FILE`, `--help`. */
function parseGlobal(argv: string[]): { dbFile: string | undefined; help: boolean; rest: string[] } {
  let dbFile: string | undefined
  let i = 0
  while (i < argv.length && argv[i]?.startsWith('-')) {
    const arg = argv[i] as string
    if (arg === '--db') {
      dbFile = argv[i + 1]
      if (!dbFile) throw new UsageError('--db needs a FILE')
      i += 2
    } else if (arg.startsWith('--db=')) {
      dbFile = arg.slice(5)
      i += 1
    } else if (arg === '--help' || arg === '-h') {
      return { dbFile, help: true, rest: [] }
    } else {
      throw new UsageError(`unknown option ${arg} (see --help)`)
    }
  }
  return { dbFile, help: false, rest: argv.slice(i) }
}

async function dispatchCommand(argv: string[], io: CliIo): Promise<number> {
  const { dbFile, help, rest } = parseGlobal(argv)
  if (help) {
    io.stdout(USAGE)
    return 0
  }
  const [name, ...args] = rest
  if (!name) throw new UsageError('no command given (see --help)')
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!command) throw new UsageError(`unknown command ${name} (see --help)`)
  // Arguments are parsed before the database is touched, so usage errors never create a file.
  const parsed: unknown = command.parse(args)
  const dbPath = (): string => resolveDbPath(dbFile, defaultUserDataDir())
  if (command.opens === 'nothing') return command.run(null, parsed, io)
  if (command.opens === 'path') return command.run(dbPath(), parsed, io)
  const path = dbPath()
  const unhealthy = (error: unknown): number => {
    const verdict = damageVerdict(path, error)
    if (!verdict) throw error
    command.unhealthy?.(verdict, parsed, io)
    io.stderr(`marginalia: ${terminalSafe(new LibraryHealthError(verdict).message)}\n`)
    return 1
  }
  let db
  try {
    db = await openLibrary(path)
  } catch (error) {
    return unhealthy(error)
  }
  try {
    return await command.run(db, parsed, io)
  } catch (error) {
    return unhealthy(error)
  } finally {
    closeDatabase(db)
  }
}

/** SQLite errors that mean the file is damaged, locked or unreadable (others are bugs, and propagate). */
const DAMAGE_CODE = /^SQLITE_(CORRUPT|NOTADB|BUSY|LOCKED|IOERR|CANTOPEN)/

/** The health verdict behind an error from opening or using the library, or null when it is not one. */
function damageVerdict(path: string, error: unknown): BadVerdict | null {
  if (error instanceof LibraryHealthError) return error.verdict
  const code = (error as { code?: unknown } | null)?.code
  const damage = (typeof code === 'string' && DAMAGE_CODE.test(code)) || (error instanceof Error && error.name === 'NewerDatabaseError')
  const verdict = damage ? verdictFromError(path, error) : null
  return verdict && !verdict.ok ? verdict : null
}
