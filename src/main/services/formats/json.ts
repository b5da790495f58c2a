// JSON / JSON Lines of article objects under their common field names, Wallabag exports (tags and
// annotations), and the links-only or non-article JSON we recognise (Firefox bookmarks, Web Annotations).
import { ImportError, type FormatModule, type ImportedAnnotation, type ParseContext, type ParsedArticle, type RawFormat, AnnotationDocument } from './types'
import { asArray, baseTitle, buildArticle, extOf, firstString, isObj, limitsOf, looksLikeHtml, textOf, toIsoDate, type Loose } from './common'

const TITLE_KEYS = ['title', 'headline', 'name', 'subject']
const HTML_KEYS = ['content_html', 'html', 'body_html', 'contentHtml', 'bodyHtml']
const BODY_KEYS = ['content', 'body', 'article', 'text', 'content_text', 'contentText', 'fulltext', 'full_text', 'description', 'summary']
const URL_KEYS = ['url', 'link', 'href', 'permalink', 'uri', 'given_url', 'resolved_url', 'source_url']
const DATE_KEYS = ['published_at', 'publishedAt', 'published', 'date_published', 'datePublished', 'pubDate', 'pub_date', 'date', 'time', 'created_at', 'createdAt', 'created']
const AUTHOR_KEYS = ['author', 'byline', 'creator', 'authors']
const SOURCE_KEYS = ['source', 'site', 'site_name', 'siteName', 'publisher', 'publication', 'domain_name', 'feed_title']
const CONTAINER_KEYS = ['items', 'articles', 'entries', 'data', 'posts', 'results', 'list']

function nameOf(v: unknown): string | null {
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((s): s is string => !!s)
    return names.length ? names.join(', ') : null
  }
  if (isObj(v)) return firstString(v, ['name', 'title', 'label'])
  return textOf(v)
}

function tagsOf(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean)
  return asArray(v)
    .map((t) => (isObj(t) ? firstString(t, ['label', 'name', 'title', 'slug', 'tag']) : textOf(t)))
    .filter((t): t is string => !!t)
}

function bodyOf(o: Loose): { kind: 'html'; html: string } | { kind: 'text'; text: string } | null {
  const html = firstString(o, HTML_KEYS)
  if (html) return { kind: 'html', html }
  const body = firstString(o, BODY_KEYS)
  if (!body) return null
  return looksLikeHtml(body) ? { kind: 'html', html: body } : { kind: 'text', text: body }
}

function annotationsOf(v: unknown): ImportedAnnotation[] {
  return asArray(v)
    .filter(isObj)
    .map((a) => {
      const ann: ImportedAnnotation = {
        quote: firstString(a, ['quote', 'highlight', 'selection']) ?? '',
        note: firstString(a, ['text', 'note', 'comment']),
        createdAt: toIsoDate(a.created_at ?? a.createdAt)
      }
      if (a.ranges !== undefined) ann.ranges = a.ranges
      return ann
    })
    .filter((a) => a.quote.length > 0 || a.note !== null)
}

function isWallabag(o: Loose): boolean {
  return 'is_archived' in o && ('reading_time' in o || 'domain_name' in o || 'is_starred' in o)
}

function articleFrom(o: Loose, raw: string, rawFormat: RawFormat, name: string, encoding: string, ctx?: ParseContext): ParsedArticle | null {
  const body = bodyOf(o)
  if (!body) return null
  const wallabag = isWallabag(o)
  const url = firstString(o, URL_KEYS)
  return buildArticle(
    {
      rawText: raw,
      rawFormat: wallabag ? 'wallabag' : rawFormat,
      encoding,
      title: firstString(o, TITLE_KEYS),
      fallbackTitle: url ?? baseTitle(name),
      source: firstString(o, SOURCE_KEYS) ?? nameOf(o.feed),
      url,
      author: nameOf(AUTHOR_KEYS.map((k) => o[k]).find((v) => v !== undefined && v !== null)),
      editor: firstString(o, ['editor']),
      publishedAt: toIsoDate(DATE_KEYS.map((k) => o[k]).find((v) => v !== undefined && v !== null && v !== '')),
      tags: [...tagsOf(o.tags), ...tagsOf(o.keywords), ...tagsOf(o.categories)],
      annotations: annotationsOf(o.annotations),
      body
    },
    ctx
  )
}

/** Verbatim source of each top-level element of a JSON array (strings and escapes respected). */
export function arrayElementSpans(json: string): string[] | null {
  let i = 0
  while (i < json.length && /\s|\ufeff/.test(json[i] ?? '')) i++
  if (json[i] !== '[') return null
  const spans: string[] = []
  let depth = 0
  let start = -1
  let inStr = false
  for (; i < json.length; i++) {
    const c = json[i]
    if (inStr) {
      if (c === '\\') i++
      else if (c === '"') inStr = false
      continue
    }
    if (c === '"') {
      inStr = true
      if (depth === 1 && start === -1) start = i
    } else if (c === '[' || c === '{') {
      depth++
      if (depth === 2 && start === -1) start = i
    } else if (c === ']' || c === '}') {
      depth--
      if (depth === 0) {
        if (start !== -1) spans.push(json.slice(start, i).trim())
        return spans
      }
    } else if (c === ',' && depth === 1) {
      if (start !== -1) spans.push(json.slice(start, i).trim())
      start = -1
    } else if (depth === 1 && start === -1 && !/\s/.test(c ?? '')) {
      start = i
    }
  }
  return null
}

function countMozLinks(root: unknown): number {
  let n = 0
  const stack: unknown[] = [root]
  while (stack.length) {
    const node = stack.pop()
    if (!isObj(node)) continue
    if (typeof node.uri === 'string') n++
    if (Array.isArray(node.children)) stack.push(...(node.children as unknown[]))
  }
  return n
}

/**
 * Refuses a JSON Lines record longer than the limit: parsing, cleaning and indexing one record costs ~30
 * times its size (one of 120 MB took 3 GB). The reader reports it as `file#L<n>`.
 */
function assertLineLengths(text: string, max: number): void {
  for (let start = 0, line = 1; start < text.length; line++) {
    const nl = text.indexOf('\n', start)
    const end = nl === -1 ? text.length : nl
    if (end - start > max) {
      throw new ImportError(
        'too-large',
        `${nl === -1 && start === 0 ? '' : `line ${line}: `}a record of ${(end - start).toLocaleString('en')} characters, more than the ${max.toLocaleString('en')}-character limit per record`
      )
    }
    start = end + 1
  }
}

function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new ImportError('parse-error', `${what} is not valid JSON: ${(e as Error).message.slice(0, 200)}`)
  }
}

function fromItems(items: unknown[], raws: string[] | null, rawFormat: RawFormat, name: string, encoding: string, ctx?: ParseContext): ParsedArticle[] {
  const out: ParsedArticle[] = []
  let links = 0
  items.forEach((item, i) => {
    if (!isObj(item)) return
    const raw = raws?.[i] ?? JSON.stringify(item)
    try {
      const a = articleFrom(item, raw, rawFormat, name, encoding, ctx)
      if (a) out.push(a)
      else if (firstString(item, URL_KEYS)) links++
    } catch (e) {
      // An item whose body cleans to nothing is a link without text, not a broken file.
      if (e instanceof ImportError && e.code === 'empty' && firstString(item, URL_KEYS)) links++
      else throw e
    }
  })
  if (out.length > 0) return out
  if (links > 0) throw new ImportError('links-only', `${links} links without article text`)
  if (items.length === 0) throw new ImportError('empty', 'the JSON export contains no entries')
  throw new ImportError('unsupported', 'JSON without article fields (no title/content/html/body/text)')
}

export const jsonFormat: FormatModule = {
  id: 'json',
  label: 'JSON / JSON Lines / Wallabag',
  extensions: ['json', 'jsonl', 'ndjson'],
  detect(name, head) {
    const ext = extOf(name)
    if (['json', 'jsonl', 'ndjson'].includes(ext)) return true
    return ext === '' && /^\ufeff?\s*[[{]/.test(head)
  },
  parse(name, text, encoding, ctx) {
    const ext = extOf(name)
    const jsonLinesName = ext === 'jsonl' || ext === 'ndjson'
    const maxRecord = limitsOf(ctx).maxRecordChars
    // Checked before anything copies the text: one line can be 120 MB.
    if (jsonLinesName) assertLineLengths(text, maxRecord)
    if (!text.trim()) throw new ImportError('empty', 'the file contains only whitespace')
    const trimmed = text.replace(/^\ufeff/, '').trim()
    // JSON Lines: several lines that each parse as an object.
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim())
    const isJsonl = jsonLinesName || (lines.length > 1 && (lines[0] ?? '').trim().startsWith('{') && (lines[0] ?? '').trim().endsWith('}') && !trimmed.startsWith('['))
    if (isJsonl) {
      if (!jsonLinesName) assertLineLengths(trimmed, maxRecord)
      const items = lines.map((l, i) => parseJsonText(l, `line ${i + 1}`))
      return fromItems(items, lines.map((l) => l.trim()), 'jsonl', name, encoding, ctx)
    }
    const data = parseJsonText(trimmed, 'the file')
    if (isObj(data)) {
      if (data.type === 'text/x-moz-place-container' || data.root === 'placesRoot') {
        throw new ImportError('links-only', `Firefox bookmarks backup with ${countMozLinks(data)} links and no article text`)
      }
      const ctxVal = data['@context']
      if ((typeof ctxVal === 'string' && ctxVal.includes('anno')) || data.type === 'Annotation' || data.type === 'AnnotationCollection') {
        throw new AnnotationDocument('w3c', trimmed)
      }
      for (const k of CONTAINER_KEYS) {
        if (Array.isArray(data[k])) return fromItems(data[k] as unknown[], null, 'json', name, encoding, ctx)
      }
      return fromItems([data], [trimmed], 'json', name, encoding, ctx)
    }
    if (Array.isArray(data)) return fromItems(data, arrayElementSpans(trimmed), 'json', name, encoding, ctx)
    throw new ImportError('unsupported', 'JSON that is neither an article object nor a list of them')
  }
}
