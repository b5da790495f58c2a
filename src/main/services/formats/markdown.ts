// Markdown with optional YAML front matter (title, tags, source, url, date, author): front matter via
// `yaml` (no custom tags, alias budget), body rendered with `marked` and then sanitised like any HTML.
import { marked } from 'marked'
import { parse as parseYaml } from 'yaml'
import { boundEmphasis } from '@shared/notes-markdown'
import { ImportError, type FormatModule } from './types'
import { asArray, baseTitle, buildArticle, extOf, firstString, isObj, limitsOf, toIsoDate, type Loose } from './common'

const FRONT = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/

function tagsOf(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean)
  return asArray(v).filter((t): t is string | number => typeof t === 'string' || typeof t === 'number').map(String)
}

/** marked's lexer recurses into lists/blockquotes; refuse absurd nesting before it does. */
function assertMarkdownDepth(md: string, max: number): void {
  for (const line of md.split('\n')) {
    const quote = /^(?:\s*>)+/.exec(line)?.[0].replace(/[^>]/g, '').length ?? 0
    const indent = /^\s*/.exec(line)?.[0].length ?? 0
    if (quote > max || indent / 2 > max) throw new ImportError('too-deep', `Markdown nested deeper than ${max} levels`)
  }
}

export const markdownFormat: FormatModule = {
  id: 'markdown',
  label: 'Markdown',
  extensions: ['md', 'markdown', 'mdown'],
  detect(name, head) {
    const ext = extOf(name)
    return markdownFormat.extensions.includes(ext) || (ext === '' && FRONT.test(head))
  },
  parse(name, text, encoding, ctx) {
    const max = limitsOf(ctx).maxRecordChars
    if (text.length > max) {
      throw new ImportError('too-large', `${text.length.toLocaleString('en')} characters of Markdown, more than the ${max.toLocaleString('en')}-character limit per file`, { chars: text.length, limitChars: max })
    }
    let meta: Loose = {}
    let body = text
    const fm = FRONT.exec(text)
    if (fm) {
      try {
        const parsed: unknown = parseYaml(fm[1] ?? '', { maxAliasCount: 50, customTags: [] })
        if (isObj(parsed)) meta = parsed
      } catch (e) {
        // yaml reports its own stack overflow as a parse error at the bracket where it ran out.
        if (/call stack/i.test((e as Error).message)) throw new ImportError('too-deep', 'front matter nested too deeply to read')
        throw new ImportError('parse-error', `front matter is not valid YAML: ${(e as Error).message.slice(0, 200)}`, { format: 'yaml' })
      }
      body = text.slice(fm[0].length)
    }
    assertMarkdownDepth(body, 100)
    // A leading "# Title" is the title when front matter has none.
    let title = firstString(meta, ['title', 'headline', 'name'])
    if (!title) {
      const h1 = /^\s*#\s+(.+?)\s*#*\s*$/m.exec(body)
      if (h1?.[1] && body.slice(0, h1.index).trim() === '') {
        title = h1[1]
        body = body.slice(h1.index + h1[0].length)
      }
    }
    const html = marked.parse(boundEmphasis(body), { async: false, gfm: true }) as string
    const dateVal = meta.date ?? meta.published ?? meta.publishedAt ?? meta.created
    return [
      buildArticle(
        {
          rawText: text,
          rawFormat: 'markdown',
          encoding,
          title,
          fallbackTitle: baseTitle(name),
          source: firstString(meta, ['source', 'site', 'publication', 'site_name']),
          url: firstString(meta, ['url', 'link', 'source_url', 'canonical']),
          author: firstString(meta, ['author', 'byline', 'creator']),
          editor: firstString(meta, ['editor']),
          publishedAt: toIsoDate(dateVal instanceof Date ? dateVal.toISOString() : dateVal),
          tags: [...tagsOf(meta.tags), ...tagsOf(meta.keywords), ...tagsOf(meta.categories)],
          body: { kind: 'html', html }
        },
        ctx
      )
    ]
  }
}
