// JSON / JSON Lines of article objects under their common field names, Wallabag v1/v2 exports (tags and
// annotations), read-later and bookmark exports (Pinboard, Readability, Omnivore, elCurator, Chrome and
// Firefox bookmarks) as link records, and Web Annotations. Every record of a list is accounted for by
// name (`file#n`): an article, a link-only record, an excerpt kept as its link, or a failure.
import { ImportError, type FormatModule, type ImportedAnnotation, type ParseContext, type ParsedArticle, type RawFormat, AnnotationDocument } from './types'
import { asArray, baseTitle, buildArticle, extOf, firstString, isObj, limitsOf, looksLikeHtml, textOf, toIsoDate, type Loose } from './common'
import { codeOf, ItemCollector, itemReportOf, LinksOnlyDocument, type LinkRecord, type ParsedItems } from './items'
import { JsonSplitter, type JsonDocument, type JsonRecord } from './json-stream'

const TITLE_KEYS = ['title', 'headline', 'name', 'subject', 'article__title']
const HTML_KEYS = ['content_html', 'html', 'body_html', 'contentHtml', 'bodyHtml']
const BODY_KEYS = ['content', 'body', 'article', 'text', 'content_text', 'contentText', 'fulltext', 'full_text']
/** A teaser, not the article: imported as the body only when the record says it is an excerpt. */
const EXCERPT_KEYS = ['excerpt', 'description', 'summary', 'article__excerpt', 'extended']
const URL_KEYS = ['url', 'link', 'href', 'permalink', 'uri', 'given_url', 'resolved_url', 'source_url', 'article__url', 'originalArticleUrl']
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

function tagsOf(v: unknown, separator: RegExp = /[,，、]/): string[] {
  if (typeof v === 'string') return v.split(separator).map((s) => s.trim()).filter(Boolean)
  return asArray(v)
    .map((t) => (isObj(t) ? firstString(t, ['label', 'name', 'title', 'slug', 'tag']) : textOf(t)))
    .filter((t): t is string => !!t)
}

type Body = { kind: 'html'; html: string } | { kind: 'text'; text: string }

function asBody(s: string): Body {
  return looksLikeHtml(s) ? { kind: 'html', html: s } : { kind: 'text', text: s }
}

function bodyOf(o: Loose): Body | null {
  const html = firstString(o, HTML_KEYS)
  if (html) return { kind: 'html', html }
  const body = firstString(o, BODY_KEYS)
  return body ? asBody(body) : null
}

/** `"excerpt": true`, `"is_excerpt": true`, `"type": "excerpt"`: the record says its text is an excerpt. */
function markedExcerpt(o: Loose): boolean {
  return o.excerpt === true || o.is_excerpt === true || o.isExcerpt === true || [o.type, o.kind].some((v) => typeof v === 'string' && v.toLowerCase() === 'excerpt')
}

function excerptOf(o: Loose): string | null {
  for (const k of EXCERPT_KEYS) {
    const v = o[k]
    if (typeof v === 'string' && v.trim()) return v.trim()
  }
  return null
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
  // v2 writes is_archived/is_starred, v1 is_read/is_fav.
  return ('is_archived' in o && ('reading_time' in o || 'domain_name' in o || 'is_starred' in o)) || ('is_read' in o && 'is_fav' in o)
}

/** Pinboard: `href`, `description` is the title, `extended` the note, tags space-separated. */
function isPinboard(o: Loose): boolean {
  return typeof o.href === 'string' && 'description' in o && ('extended' in o || 'toread' in o || 'shared' in o || 'hash' in o)
}

function recordTags(o: Loose): string[] {
  const sep = isPinboard(o) ? /\s+/ : /[,，、]/
  return [...tagsOf(o.tags, sep), ...tagsOf(o.keywords), ...tagsOf(o.categories), ...tagsOf(o.labels)]
}

function linkOf(o: Loose): Omit<LinkRecord, 'item'> | null {
  const url = firstString(o, URL_KEYS)
  if (!url) return null
  const pinboard = isPinboard(o)
  return {
    title: pinboard ? textOf(o.description) : firstString(o, TITLE_KEYS),
    url,
    tags: recordTags(o),
    note: pinboard ? textOf(o.extended) : firstString(o, ['note', 'notes', 'comment', 'annotation']),
    savedAt: toIsoDate(['savedAt', 'saved_at', 'time', 'time_added', 'date_added', 'created_at', 'createdAt', 'dateAdded', 'added'].map((k) => o[k]).find((v) => v !== undefined && v !== null && v !== ''))
  }
}

function articleFrom(o: Loose, raw: string, rawFormat: RawFormat, name: string, encoding: string, ctx?: ParseContext): ParsedArticle | null {
  const excerpt = markedExcerpt(o) ? excerptOf(o) : null
  const body = bodyOf(o) ?? (excerpt ? asBody(excerpt) : null)
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
      tags: recordTags(o),
      annotations: annotationsOf(o.annotations),
      body
    },
    ctx
  )
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
        `${nl === -1 && start === 0 ? '' : `line ${line}: `}a record of ${(end - start).toLocaleString('en')} characters, more than the ${max.toLocaleString('en')}-character limit per record`,
        { chars: end - start, limitChars: max }
      )
    }
    start = end + 1
  }
}

function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new ImportError('parse-error', `${what} is not valid JSON: ${(e as Error).message.slice(0, 200)}`, { format: 'json' })
  }
}

/** What one record of a list became: an article, a link, an excerpt kept as its link, or a failure. */
function addRecord(out: ItemCollector, record: JsonRecord, rawFormat: RawFormat, name: string, encoding: string, ctx: ParseContext | undefined): void {
  const { n } = record
  if (!('value' in record)) {
    const max = limitsOf(ctx).maxRecordChars
    return out.failed(n, null, `a record of ${record.chars.toLocaleString('en')} characters, more than the ${max.toLocaleString('en')}-character limit per record`, 'too-large', { chars: record.chars, limitChars: max })
  }
  const item = record.value
  if (!isObj(item)) return out.failed(n, null, `not a record (${Array.isArray(item) ? 'a list' : item === null ? 'null' : typeof item})`, 'unsupported', { what: 'json' })
  const link = linkOf(item)
  try {
    const a = articleFrom(item, record.text.trim(), rawFormat, name, encoding, ctx)
    if (a) return out.article(n, a)
  } catch (e) {
    // A body that cleans to nothing leaves the record's link; anything else fails this record only.
    if (!(e instanceof ImportError && e.code === 'empty' && link)) {
      return out.failed(n, link?.title ?? firstString(item, TITLE_KEYS), (e as Error).message, ...codeOf(e))
    }
  }
  if (link) {
    const excerpt = excerptOf(item)
    if (excerpt && !isPinboard(item)) out.link(n, { ...link, note: link.note ?? excerpt }, 'an excerpt, not the article: kept as a link (mark the record "excerpt": true to import it)')
    else out.link(n, link)
  } else if (firstString(item, TITLE_KEYS)) out.failed(n, firstString(item, TITLE_KEYS), 'a record with neither text nor a link', 'empty', { what: 'record' })
  else out.failed(n, null, 'JSON without article fields (no title/content/html/body/text/url)', 'unsupported', { what: 'json' })
}

/**
 * The records of a list. `kind` (the file's whole list) makes a list without any article throw as one
 * file-level outcome; without it (one chunk of a streamed list) every record is reported by name.
 */
function fromRecords(records: JsonRecord[], rawFormat: RawFormat, name: string, encoding: string, ctx: ParseContext | undefined, kind: string | null): ParsedItems {
  const out = new ItemCollector(name)
  for (const r of records) addRecord(out, r, rawFormat, name, encoding, ctx)
  return kind === null ? out.report() : out.result(kind)
}

/** A file holding one record: its own error, not a list's summary of it. */
function fromRecord(o: Loose, raw: string, name: string, encoding: string, ctx?: ParseContext): ParsedArticle[] {
  const a = articleFrom(o, raw, 'json', name, encoding, ctx)
  if (a) return [a]
  const link = linkOf(o)
  if (!link) throw new ImportError('unsupported', 'JSON without article fields (no title/content/html/body/text)', { what: 'json' })
  const record = { item: name, ...link }
  const excerpt = excerptOf(o)
  throw new LinksOnlyDocument('JSON record', [record], excerpt ? [{ item: name, status: 'excerpt', link: record, reason: 'an excerpt, not the article' }] : undefined)
}

/** Chrome's Bookmarks file (and its JSON export): `roots` of folders with `children` of type "url". */
function chromeLinks(name: string, data: Loose): LinkRecord[] {
  const links: LinkRecord[] = []
  const visit = (node: unknown, folders: string[]): void => {
    if (!isObj(node)) return
    if (node.type === 'url' && typeof node.url === 'string') {
      // Chrome's date_added is microseconds since 1601-01-01.
      const us = Number(node.date_added)
      const savedAt = Number.isFinite(us) && us > 0 ? new Date(us / 1000 - 11_644_473_600_000).toISOString() : null
      links.push({ item: `${name}#${links.length + 1}`, title: textOf(node.name), url: node.url, tags: folders.slice(-1), note: null, savedAt })
    }
    const sub = isObj(node) && typeof node.name === 'string' && node.type === 'folder' ? [...folders, node.name] : folders
    for (const c of asArray(node.children)) visit(c, sub)
  }
  for (const r of Object.values(isObj(data.roots) ? data.roots : {})) visit(r, [])
  return links
}

/** Firefox's bookmarks backup: containers of `text/x-moz-place` entries with `uri`, comma-separated tags. */
function mozLinks(name: string, root: unknown): LinkRecord[] {
  const links: LinkRecord[] = []
  const visit = (node: unknown): void => {
    if (!isObj(node)) return
    if (typeof node.uri === 'string' && /^https?:/i.test(node.uri)) {
      const us = Number(node.dateAdded)
      links.push({
        item: `${name}#${links.length + 1}`,
        title: textOf(node.title),
        url: node.uri,
        tags: tagsOf(node.tags),
        note: asArray(node.annos).filter(isObj).map((a) => (a.name === 'bookmarkProperties/description' ? textOf(a.value) : null)).find(Boolean) ?? null,
        savedAt: Number.isFinite(us) && us > 0 ? new Date(us / 1000).toISOString() : null
      })
    }
    for (const c of asArray(node.children)) visit(c)
  }
  visit(root)
  return links
}

/** A top-level object that is one document (a bookmarks tree, annotations), not a list of records. */
function wholeDocumentKind(o: Loose): 'firefox' | 'chrome' | 'annotations' | null {
  if (o.type === 'text/x-moz-place-container' || o.root === 'placesRoot') return 'firefox'
  if (isObj(o.roots) && ('checksum' in o || 'version' in o || Object.keys(o.roots).some((k) => k.startsWith('bookmark_bar')))) return 'chrome'
  const ctxVal = o['@context']
  if ((typeof ctxVal === 'string' && ctxVal.includes('anno')) || o.type === 'Annotation' || o.type === 'AnnotationCollection') return 'annotations'
  return null
}

/** Readability's export `{bookmarks: [...]}` first, then the usual container names. */
const LIST_KEYS = ['bookmarks', ...CONTAINER_KEYS]

function splitter(ctx: ParseContext | undefined): JsonSplitter {
  // The list is the first array under a list key, unless what came before says the file is one document.
  return new JsonSplitter({ maxRecordChars: limitsOf(ctx).maxRecordChars, isListKey: (key, before) => LIST_KEYS.includes(key) && wholeDocumentKind(before) === null })
}

function listKind(doc: Extract<JsonDocument, { shape: 'list' }>): string {
  return doc.key === 'bookmarks' ? 'Readability export' : `JSON list of ${doc.count} records`
}

/** A JSON file that is not a list of records: bookmarks, annotations, or one article. */
function fromValue(data: unknown, text: string, name: string, encoding: string, ctx?: ParseContext): ParsedArticle[] {
  if (!isObj(data)) throw new ImportError('unsupported', 'JSON that is neither an article object nor a list of them', { what: 'json' })
  const kind = wholeDocumentKind(data)
  if (kind === 'firefox') throw new LinksOnlyDocument('Firefox bookmarks backup', mozLinks(name, data))
  if (kind === 'chrome') throw new LinksOnlyDocument('Chrome bookmarks', chromeLinks(name, data))
  if (kind === 'annotations') throw new AnnotationDocument('w3c', text)
  return fromRecord(data, text, name, encoding, ctx)
}

function fromDocument(doc: JsonDocument, records: JsonRecord[], name: string, encoding: string, ctx?: ParseContext): ParsedArticle[] {
  if (doc.shape === 'value') return fromValue(doc.value, doc.text, name, encoding, ctx)
  if (doc.count === 0) throw new ImportError('empty', 'the JSON export contains no entries', { what: 'records' })
  return fromRecords(records, 'json', name, encoding, ctx, listKind(doc))
}

/** JSON Lines under another name: a first line that is one whole object, and more lines after it. */
export function looksLikeJsonLines(text: string): boolean {
  const t = text.replace(/^\ufeff/, '').trimStart()
  const nl = t.indexOf('\n')
  if (nl === -1 || !t.slice(nl + 1).trim()) return false
  const first = t.slice(0, nl).trim()
  return first.startsWith('{') && first.endsWith('}')
}

const RECORDS_PER_CHUNK = 200

/**
 * A whole-file JSON read as a stream of text (see json-stream.ts): the records of its list come out in
 * chunks of RECORDS_PER_CHUNK, each chunk reporting every record by name (`file#n`), so memory stays flat
 * for any number of records. A list that fits in one chunk, and any other document, give exactly what
 * parse() gives. Where the text stops being JSON, the records before it come out and the error is thrown.
 */
export async function* parseJsonStream(name: string, chunks: AsyncIterable<string>, ctx?: ParseContext): AsyncGenerator<ParsedArticle[]> {
  const split = splitter(ctx)
  const max = limitsOf(ctx).maxRecordChars
  let pending: JsonRecord[] = []
  let pendingChars = 0
  let emitted = false
  const take = (): JsonRecord[] => {
    const part = pending
    pending = []
    pendingChars = 0
    emitted = true
    return part
  }
  try {
    for await (const text of chunks) {
      split.write(text)
      for (const r of split.take()) {
        pending.push(r)
        pendingChars += 'text' in r ? r.text.length : 0
        if (pending.length >= RECORDS_PER_CHUNK || pendingChars >= max) yield fromRecords(take(), 'json', name, 'utf-8', ctx, null)
      }
    }
    const doc = split.end()
    if (!emitted) {
      yield fromDocument(doc, take(), name, 'utf-8', ctx)
      return
    }
  } catch (e) {
    // The records read before the error are imported; the error names the file's position.
    pending.push(...split.take())
    if (pending.length > 0) yield fromRecords(take(), 'json', name, 'utf-8', ctx, null)
    throw e
  }
  if (pending.length > 0) yield fromRecords(take(), 'json', name, 'utf-8', ctx, null)
}

export const jsonFormat: FormatModule = {
  id: 'json',
  label: 'JSON / JSON Lines / Wallabag',
  extensions: ['json', 'jsonl', 'ndjson'],
  detect(name, head) {
    const ext = extOf(name)
    if (jsonFormat.extensions.includes(ext)) return true
    return ext === '' && /^\ufeff?\s*[[{]/.test(head)
  },
  parse(name, text, encoding, ctx) {
    const ext = extOf(name)
    const jsonLinesName = ext === 'jsonl' || ext === 'ndjson'
    const maxRecord = limitsOf(ctx).maxRecordChars
    // Checked before anything copies the text: one line can be 120 MB.
    if (jsonLinesName) assertLineLengths(text, maxRecord)
    if (!text.trim()) throw new ImportError('empty', 'the file contains only whitespace', { what: 'file' })
    const trimmed = text.replace(/^\ufeff/, '').trim()
    if (jsonLinesName || looksLikeJsonLines(trimmed)) {
      if (!jsonLinesName) assertLineLengths(trimmed, maxRecord)
      const lines = trimmed.split(/\r?\n/).filter((l) => l.trim())
      const records = lines.map((l, i) => ({ n: i + 1, value: parseJsonText(l, `line ${i + 1}`), text: l }))
      const arts = fromRecords(records, 'jsonl', name, encoding, ctx, `JSON Lines of ${records.length} records`)
      // The streaming reader parses JSON Lines in chunks and, when a chunk throws, line by line, naming
      // each line that is not an article (`file#L<n>`): so a chunk is all articles or it throws.
      const others = itemReportOf(arts)?.items.filter((i) => i.status !== 'article') ?? []
      if (records.length > 1 && others.length > 0) {
        throw new ImportError('parse-error', `${others.length} of ${records.length} records are not articles (first: ${others[0]?.item})`)
      }
      return arts
    }
    // The same splitter as the streamed file: records are parsed one by one, each under the limit.
    const split = splitter(ctx)
    split.write(trimmed)
    const records = split.take()
    return fromDocument(split.end(), records, name, encoding, ctx)
  }
}
