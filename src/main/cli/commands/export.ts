// `marginalia export-notes` and `marginalia export-articles` (plain Node CLI). The lead wires these into
// src/main/cli/run.ts; parse*Args can run as the preflight (before the database is opened).
import { mkdirSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { ArticleExportFormat, NotesExportFormat } from '@shared/anchoring/types'
import { AppError } from '@shared/result'
import type { ScriptId } from '@shared/script'
import type { Db } from '../../db/connection'
import { normalizeTagName } from '../../db/repositories/tag.repository'
import { UsageError, type CliIo } from '../io'
import { exportArticles } from '../../services/export/articles'
import { exportNotes, scopeArticleIds, type NotesScope } from '../../services/export/notes'
import { writeFileAtomic } from '../../services/export/atomic-write'
import { uniqueFileName } from '../../services/export/safe-file-name'

const SCRIPTS: readonly ScriptId[] = ['original', 'cn', 't', 'tw', 'twp', 'hk', 'jp']
const NOTES_FORMATS: readonly NotesExportFormat[] = ['md', 'json', 'csv', 'html']
const ARTICLE_FORMATS: readonly ArticleExportFormat[] = ['md', 'html', 'txt']

export const EXPORT_USAGE = `  export-notes --format md|json|csv|html --out FILE [--article ID]... [--tag TAG] [--script S]
  export-articles --format md|html|txt --out DIR [--article ID]... [--tag TAG] [--script S] [--highlights]
`

interface Common {
  out: string
  articleIds: number[]
  tag: string | undefined
  script: ScriptId
}

function parseCommon(args: string[], formats: readonly string[], extra: { highlights?: { type: 'boolean' } } = {}) {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        article: { type: 'string', multiple: true },
        tag: { type: 'string' },
        script: { type: 'string' },
        ...extra
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>
  const format = v.format as string | undefined
  if (!format || !formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join('|')}`)
  const out = v.out as string | undefined
  if (!out) throw new UsageError('--out is required')
  const articles = (v.article as string[] | undefined) ?? []
  for (const a of articles) if (!/^[1-9]\d{0,15}$/.test(a)) throw new UsageError(`--article needs a numeric ID, got ${JSON.stringify(a)}`)
  const tag = v.tag as string | undefined
  if (tag !== undefined && !tag.trim()) throw new UsageError('--tag needs a name')
  if (tag !== undefined && articles.length > 0) throw new UsageError('use either --article or --tag, not both')
  const script = (v.script as string | undefined) ?? 'original'
  if (!SCRIPTS.includes(script as ScriptId)) throw new UsageError(`--script must be one of ${SCRIPTS.join('|')}`)
  const common: Common = { out, articleIds: articles.map(Number), tag, script: script as ScriptId }
  return { format, common, highlights: v.highlights === true }
}

export function parseExportNotesArgs(args: string[]): Common & { format: NotesExportFormat } {
  const { format, common } = parseCommon(args, NOTES_FORMATS)
  return { ...common, format: format as NotesExportFormat }
}

export function parseExportArticlesArgs(args: string[]): Common & { format: ArticleExportFormat; highlights: boolean } {
  const { format, common, highlights } = parseCommon(args, ARTICLE_FORMATS, { highlights: { type: 'boolean' } })
  return { ...common, format: format as ArticleExportFormat, highlights }
}

function scopeOf(c: Common): NotesScope {
  if (c.articleIds.length === 1) return { kind: 'article', articleId: c.articleIds[0] as number }
  if (c.articleIds.length > 1) return { kind: 'articles', articleIds: c.articleIds }
  if (c.tag !== undefined) return { kind: 'tag', tag: c.tag }
  return { kind: 'library' }
}

/** Runs fn; a missing article is a runtime failure (exit 1), not a usage error. */
async function guarded(io: CliIo, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') {
      io.stderr(`marginalia: ${error.message}\n`)
      return 1
    }
    throw error
  }
}

export async function exportNotesCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const opts = parseExportNotesArgs(args)
  return guarded(io, async () => {
    const result = await exportNotes(db, { format: opts.format, scope: scopeOf(opts), script: opts.script })
    const path = resolve(opts.out)
    writeFileAtomic(path, result.content)
    io.stderr(`exported ${result.annotationCount} highlights from ${result.articleCount} articles to ${path}\n`)
    return 0
  })
}

export async function exportArticlesCommand(db: Db, args: string[], io: CliIo): Promise<number> {
  const opts = parseExportArticlesArgs(args)
  return guarded(io, async () => {
    const scope = scopeOf(opts)
    const ids =
      scope.kind === 'library'
        ? (db.sqlite.prepare('SELECT id FROM articles ORDER BY imported_at, id').all() as { id: number }[]).map((r) => r.id)
        : scope.kind === 'tag'
          ? tagArticleIds(db, scope.tag)
          : scopeArticleIds(db, scope)
    const dir = isAbsolute(opts.out) ? opts.out : resolve(opts.out)
    mkdirSync(dir, { recursive: true })
    const files = await exportArticles(db, ids, { format: opts.format, script: opts.script, highlights: opts.highlights })
    // Names are unique within this export; a file of the same name from an earlier run is replaced whole.
    const taken = new Set<string>()
    for (const f of files) {
      const path = join(dir, uniqueFileName(f.fileName, taken))
      writeFileAtomic(path, f.content)
      io.stdout(`${path}\n`)
    }
    io.stderr(`exported ${files.length} articles to ${dir}\n`)
    return 0
  })
}

function tagArticleIds(db: Db, tag: string): number[] {
  // Every article with the tag (annotated or not), unlike the notes scope.
  return (
    db.sqlite
      .prepare(
        'SELECT a.id FROM articles a JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id WHERE t.norm_name = ? ORDER BY a.imported_at, a.id'
      )
      .all(normalizeTagName(tag)) as { id: number }[]
  ).map((r) => r.id)
}
