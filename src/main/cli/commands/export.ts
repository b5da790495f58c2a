// `marginalia export-notes` and `marginalia export-articles` (plain Node CLI): the app's export services,
// written to a file or a folder given on the command line.
import { isAbsolute, resolve } from 'node:path'
import { ARTICLE_FORMATS, NOTES_FORMATS } from '@shared/anchoring/schemas'
import type { ArticleExportFormat, NotesExportFormat } from '@shared/anchoring/types'
import type { ScriptId } from '@shared/script/types'
import type { Db } from '../../db/connection'
import { articleIdsInImportOrder } from '../../db/repositories/article.repository'
import { exportArticles } from '../../services/export/articles'
import { writeFileAtomic } from '../../services/export/atomic-write'
import { exportNotes, scopeArticleIds, type NotesScope } from '../../services/export/notes'
import { writeExportFiles } from '../../services/export/write-files'
import { defineCommand, exitOneOn, notFound, parseOptions, parseScript, terminalSafe, UsageError } from '../io'

interface ExportArgs<F> {
  format: F
  out: string
  scope: NotesScope
  script: ScriptId
}

function parseExportArgs<F extends string>(args: string[], formats: readonly F[], withHighlights: boolean) {
  const { values } = parseOptions(
    args,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      article: { type: 'string', multiple: true },
      tag: { type: 'string' },
      script: { type: 'string' },
      ...(withHighlights ? { highlights: { type: 'boolean' as const } } : {})
    },
    false
  )
  const v = values as { format?: string; out?: string; article?: string[]; tag?: string; script?: string; highlights?: boolean }
  if (!v.format || !(formats as readonly string[]).includes(v.format)) throw new UsageError(`--format must be one of ${formats.join('|')}`)
  if (!v.out) throw new UsageError('--out is required')
  const articles = v.article ?? []
  for (const a of articles) if (!/^[1-9]\d{0,15}$/.test(a)) throw new UsageError(`--article needs a numeric ID, got ${JSON.stringify(a)}`)
  if (v.tag !== undefined && !v.tag.trim()) throw new UsageError('--tag needs a name')
  if (v.tag !== undefined && articles.length > 0) throw new UsageError('use either --article or --tag, not both')
  const parsed: ExportArgs<F> = {
    format: v.format as F,
    out: v.out,
    scope: scopeOf(articles.map(Number), v.tag),
    script: parseScript(v.script, '--script')
  }
  return { ...parsed, highlights: v.highlights === true }
}

function scopeOf(articleIds: number[], tag: string | undefined): NotesScope {
  if (articleIds.length === 1) return { kind: 'article', articleId: articleIds[0] as number }
  if (articleIds.length > 1) return { kind: 'articles', articleIds }
  if (tag !== undefined) return { kind: 'tag', tag }
  return { kind: 'library' }
}

/** Articles to export: every article of the library or with the tag (annotated or not, unlike the notes scope). */
function articleIdsOf(db: Db, scope: NotesScope): number[] {
  if (scope.kind === 'library') return articleIdsInImportOrder(db)
  if (scope.kind === 'tag') return articleIdsInImportOrder(db, { tag: scope.tag })
  return scopeArticleIds(db, scope)
}

export const exportNotesCommand = defineCommand<'library', ExportArgs<NotesExportFormat>>({
  usage: `  export-notes --format ${NOTES_FORMATS.join('|')} --out FILE [--article ID]... [--tag TAG] [--script S]\n`,
  opens: 'library',
  parse: (args) => parseExportArgs(args, NOTES_FORMATS, false),
  run: (db, { format, out, scope, script }, io) =>
    exitOneOn(io, notFound, async () => {
      const result = await exportNotes(db, { format, scope, script })
      const path = resolve(out)
      writeFileAtomic(path, result.content)
      io.stderr(`exported ${result.annotationCount} highlights from ${result.articleCount} articles to ${terminalSafe(path)}\n`)
      return 0
    })
})

export const exportArticlesCommand = defineCommand<'library', ExportArgs<ArticleExportFormat> & { highlights: boolean }>({
  usage: `  export-articles --format ${ARTICLE_FORMATS.join('|')} --out DIR [--article ID]... [--tag TAG] [--script S] [--highlights]\n`,
  opens: 'library',
  parse: (args) => parseExportArgs(args, ARTICLE_FORMATS, true),
  run: (db, { format, out, scope, script, highlights }, io) =>
    exitOneOn(io, notFound, async () => {
      const ids = articleIdsOf(db, scope)
      const dir = isAbsolute(out) ? out : resolve(out)
      const files = await exportArticles(db, ids, { format, script, highlights })
      // A file of the same name from an earlier run is replaced whole.
      for (const path of writeExportFiles(dir, files, 'overwrite')) io.stdout(`${terminalSafe(path)}\n`)
      io.stderr(`exported ${files.length} articles to ${terminalSafe(dir)}\n`)
      return 0
    })
})
