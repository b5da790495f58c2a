// The CLI commands (plain Node). Each command opens the library, calls the same services the IPC
// handlers call, prints text or --json, and returns an exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { ArticleSummary, ScriptId } from '@shared/types'
import { openLibrary } from '../app/bootstrap'
import { closeDatabase, type Db } from '../db/connection'
import { rowToDetail } from '../db/mappers'
import { getArticleRow } from '../db/repositories/article.repository'
import { tagsOfArticle } from '../db/repositories/tag.repository'
import { checkIndex, rebuildIndex, searchArticles } from '../services/search'
import { listTagCounts } from '../services/tags'
import { importPaths } from '../services/import-pipeline/pipeline'
import { listArticles } from '../services/library/list'
import { defaultUserDataDir, resolveDbPath } from '../paths'
import {
  EXPORT_USAGE,
  exportArticlesCommand,
  exportNotesCommand,
  parseExportArticlesArgs,
  parseExportNotesArgs
} from './commands/export'
import { UsageError, type CliIo } from './io'
import { BACKUP_USAGE, backupCommand, parseBackupArgs, parseRestoreArgs, restoreCommand } from './commands/backup'

export { UsageError, type CliIo }

const SCRIPTS: readonly ScriptId[] = ['original', 'cn', 't', 'tw', 'twp', 'hk', 'jp']
const FROM_SCRIPTS = ['auto', 'cn', 't', 'tw', 'hk', 'jp'] as const

const USAGE = `usage: marginalia [--db FILE] COMMAND
commands:
  import PATH... [--json]            import files, folders and archives
  list [--json] [--tag TAG]          list articles
  show ID [--json] [--script S]      show one article (S: ${SCRIPTS.join('|')})
  tags [--json]                      list tags with counts
  search QUERY [--json]              full-text search (any script, 1+ characters)
  check [--json]                     integrity, foreign-key and search-index checks
  reindex                            rebuild the search index
  convert --to S [--from S]          convert stdin to stdout (from: ${FROM_SCRIPTS.join('|')})
${EXPORT_USAGE}${BACKUP_USAGE}`

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

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, positionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
}

async function dispatchCommand(argv: string[], io: CliIo): Promise<number> {
  // Global options come before the command.
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
      io.stdout(USAGE)
      return 0
    } else {
      throw new UsageError(`unknown option ${arg} (see --help)`)
    }
  }
  const command = argv[i]
  const rest = argv.slice(i + 1)
  if (!command) throw new UsageError('no command given (see --help)')

  if (command === 'convert') return convertCommand(rest, io)
  // Restore swaps the database file, which may be damaged: it runs without opening the library.
  if (command === 'restore') {
    parseRestoreArgs(rest)
    return restoreCommand(resolveDbPath(dbFile, defaultUserDataDir()), rest, io)
  }

  const commands: Record<string, (db: Db, args: string[], io: CliIo) => Promise<number>> = {
    import: importCommand,
    list: listCommand,
    show: showCommand,
    tags: tagsCommand,
    search: searchCommand,
    check: checkCommand,
    reindex: reindexCommand,
    'export-notes': exportNotesCommand,
    'export-articles': exportArticlesCommand,
    backup: backupCommand
  }
  const run = commands[command]
  if (!run) throw new UsageError(`unknown command ${command} (see --help)`)
  // Validate arguments before touching the database, so usage errors never create a file.
  preflight(command, rest)
  const db = await openLibrary(resolveDbPath(dbFile, defaultUserDataDir()))
  try {
    return await run(db, rest, io)
  } finally {
    closeDatabase(db)
  }
}

function preflight(command: string, args: string[]): void {
  if (command === 'import') {
    const { positionals } = parse(args, { json: { type: 'boolean' } }, true)
    if (positionals.length === 0) throw new UsageError('import needs at least one PATH')
  } else if (command === 'list') {
    parse(args, { json: { type: 'boolean' }, tag: { type: 'string', multiple: true } }, false)
  } else if (command === 'show') {
    const { positionals, values } = parse(args, { json: { type: 'boolean' }, script: { type: 'string' } }, true)
    if (positionals.length !== 1 || !/^[1-9]\d*$/.test(positionals[0] ?? '')) throw new UsageError('show needs one numeric ID')
    if (values.script !== undefined && !SCRIPTS.includes(values.script as ScriptId))
      throw new UsageError(`--script must be one of ${SCRIPTS.join('|')}`)
  } else if (command === 'tags' || command === 'check') {
    parse(args, { json: { type: 'boolean' } }, false)
  } else if (command === 'search') {
    const { positionals, values } = parse(args, { json: { type: 'boolean' }, limit: { type: 'string' } }, true)
    if (positionals.length === 0 || !positionals.join(' ').trim()) throw new UsageError('search needs a QUERY')
    if (values.limit !== undefined && !/^([1-9]\d{0,1}|[1-4]\d\d|500)$/.test(values.limit)) throw new UsageError('--limit must be 1..500')
  } else if (command === 'reindex') {
    parse(args, {}, false)
  } else if (command === 'backup') {
    parseBackupArgs(args)
  } else if (command === 'export-notes') {
    parseExportNotesArgs(args)
  } else if (command === 'export-articles') {
    parseExportArticlesArgs(args)
  }
}

function summaryJson(a: ArticleSummary) {
  return {
    id: a.id,
    title: a.title,
    source: a.source,
    author: a.author,
    editor: a.editor,
    publishedAt: a.publishedAt,
    importedAt: a.importedAt,
    tags: a.tags
  }
}

async function importCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parse(args, { json: { type: 'boolean' } }, true)
  let lastLine = 0
  const report = await importPaths(db, positionals, {
    onProgress: (p) => {
      const now = Date.now()
      if (now - lastLine < 250) return
      lastLine = now
      io.stderr(
        `importing: ${p.filesDone} files, ${(p.bytesDone / 1e6).toFixed(1)} MB, ${p.imported} imported, ${p.duplicates} duplicates, ${p.failed} failed\n`
      )
    }
  })
  if (values.json) {
    io.stdout(
      JSON.stringify(
        { imported: report.imported, duplicates: report.duplicates, failed: report.failed },
        null,
        2
      ) + '\n'
    )
  } else {
    for (const a of report.imported) io.stdout(`imported  #${a.id}  ${a.title}  (${a.file})\n`)
    for (const d of report.duplicates) io.stdout(`duplicate ${d.file} = #${d.duplicateOf}\n`)
    for (const f of report.failed) io.stdout(`failed    ${f.file}: ${f.reason}\n`)
  }
  io.stderr(
    `done: ${report.imported.length} imported, ${report.duplicates.length} duplicates skipped, ${report.failed.length} failed\n`
  )
  return report.failed.length > 0 ? 1 : 0
}

async function listCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' }, tag: { type: 'string', multiple: true } }, false)
  const items: ArticleSummary[] = []
  for (let offset = 0; ; offset += 500) {
    const page = listArticles(db, {
      offset,
      limit: 500,
      sort: 'imported',
      order: 'asc',
      filter: 'all',
      ...(values.tag ? { tagsAll: values.tag } : {})
    })
    items.push(...page.items)
    if (page.items.length < 500) break
  }
  if (values.json) io.stdout(JSON.stringify(items.map(summaryJson), null, 2) + '\n')
  else for (const a of items) io.stdout(`${a.id}\t${a.title}\t${a.source ?? ''}\t${a.tags.join(',')}\n`)
  return 0
}

async function showCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parse(args, { json: { type: 'boolean' }, script: { type: 'string' } }, true)
  const id = Number(positionals[0])
  const row = getArticleRow(db, id)
  if (!row) {
    io.stderr(`marginalia: article ${id} does not exist\n`)
    return 1
  }
  const detail = rowToDetail(row, tagsOfArticle(db, id), 0)
  let title = detail.title
  let text = detail.text
  const script = (values.script ?? 'original') as ScriptId
  if (script !== 'original') {
    const { loadConverter } = await import('@shared/script')
    const converter = await loadConverter(script, 'auto')
    title = converter.convert(title)
    text = converter.convert(text)
  }
  if (values.json) {
    io.stdout(JSON.stringify({ ...summaryJson(detail), title, text, rawText: detail.rawText }, null, 2) + '\n')
  } else {
    io.stdout(`${title}\n`)
    const meta = [detail.source, detail.author, detail.editor && `责任编辑 ${detail.editor}`, detail.publishedAt]
      .filter(Boolean)
      .join(' · ')
    if (meta) io.stdout(`${meta}\n`)
    io.stdout(`\n${text}\n`)
  }
  return 0
}

async function tagsCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } }, false)
  const tags = listTagCounts(db, 'count').map(({ name, count }) => ({ name, count }))
  if (values.json) io.stdout(JSON.stringify(tags, null, 2) + '\n')
  else for (const t of tags) io.stdout(`${t.count}\t${t.name}\n`)
  return 0
}

async function convertCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { to: { type: 'string' }, from: { type: 'string' } }, false)
  if (!values.to || !SCRIPTS.includes(values.to as ScriptId)) throw new UsageError(`--to must be one of ${SCRIPTS.join('|')}`)
  const from = values.from ?? 'auto'
  if (!(FROM_SCRIPTS as readonly string[]).includes(from)) throw new UsageError(`--from must be one of ${FROM_SCRIPTS.join('|')}`)
  const input = await io.stdin()
  const { loadConverter } = await import('@shared/script')
  const converter = await loadConverter(values.to as ScriptId, from as (typeof FROM_SCRIPTS)[number])
  io.stdout(converter.convert(input))
  return 0
}

async function searchCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parse(args, { json: { type: 'boolean' }, limit: { type: 'string' } }, true)
  const limit = values.limit === undefined ? 50 : Number(values.limit)
  const { hits, total } = searchArticles(db, positionals.join(' '), { limit })
  if (values.json) {
    io.stdout(JSON.stringify(hits.map(({ id, title, snippet, score }) => ({ id, title, snippet, score })), null, 2) + '\n')
  } else {
    // Matches are marked with U+E000/U+E001 in snippets; show them as 【】 on a terminal.
    for (const h of hits) io.stdout(`${h.id}\t${h.title}\t${h.snippet.replace(/\uE000/g, '【').replace(/\uE001/g, '】')}\n`)
    io.stderr(`${total} matching article(s)\n`)
  }
  return 0
}

async function checkCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } }, false)
  const integrity = (db.sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check)
  const foreignKeys = db.sqlite.pragma('foreign_key_check') as unknown[]
  const index = checkIndex(db)
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0 && index.ok
  const result = { ok, integrity, foreignKeyViolations: foreignKeys.length, searchIndex: index }
  if (values.json) io.stdout(JSON.stringify(result, null, 2) + '\n')
  else {
    io.stdout(`integrity: ${integrity.join('; ')}\n`)
    io.stdout(`foreign keys: ${foreignKeys.length === 0 ? 'ok' : `${foreignKeys.length} violation(s)`}\n`)
    io.stdout(`search index: ${index.ok ? 'ok' : index.problems.join('; ')} (${index.indexed}/${index.articles} articles indexed)\n`)
  }
  return ok ? 0 : 1
}

async function reindexCommand(db: Db, _args: string[], io: CliIo): Promise<number> {
  const t0 = Date.now()
  rebuildIndex(db)
  io.stderr(`search index rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
  return 0
}
