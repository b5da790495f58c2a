// `marginalia list [--json] [--tag TAG]...`: every article, oldest import first, through the list service.
// --json adds proofreadFindings (open proofreading findings), from the per-article cache: articles never
// proofread since their text last changed are proofread once here and cached.
import type { ArticleSummary } from '@shared/types'
import { listArticles } from '../../services/library/list'
import { openFindingCounts } from '../../services/proofread/desk'
import { defineCommand, parseOptions, printJson, terminalSafe } from '../io'

const PAGE = 500

/** The fields `list --json` and `show --json` print (the documented shape other tools rely on). */
export function summaryJson(a: ArticleSummary) {
  const { id, title, source, author, editor, publishedAt, importedAt, tags } = a
  return { id, title, source, author, editor, publishedAt, importedAt, tags }
}

export const listCommand = defineCommand<'library', { json: boolean; tags: string[] | undefined }>({
  usage: '  list [--json] [--tag TAG]          list articles\n',
  opens: 'library',
  parse(args) {
    const { values } = parseOptions(args, { json: { type: 'boolean' }, tag: { type: 'string', multiple: true } }, false)
    return { json: values.json === true, tags: values.tag }
  },
  async run(db, { json, tags }, io) {
    const items: ArticleSummary[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = listArticles(db, {
        offset,
        limit: PAGE,
        sort: 'imported',
        order: 'asc',
        filter: 'all',
        ...(tags ? { tagsAll: tags } : {})
      })
      items.push(...page.items)
      if (page.items.length < PAGE) break
    }
    if (json) {
      const counts = await openFindingCounts(db, items.map((a) => a.id))
      printJson(io, items.map((a) => ({ ...summaryJson(a), proofreadFindings: counts.get(a.id) ?? 0 })))
    }
    else for (const a of items) io.stdout(`${a.id}\t${terminalSafe(a.title)}\t${terminalSafe(a.source ?? '')}\t${terminalSafe(a.tags.join(','))}\n`)
    return 0
  }
})
