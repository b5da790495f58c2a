// Helpers shared by the format modules: turning a title + HTML or text body into a cleaned,
// sanitised ParsedArticle, date normalisation, and small lookups over loosely typed parsed data.
import { cleanArticleText } from '../cleanup/cleanup'
import { removePinyinGlosses } from '../cleanup/pinyin-gloss'
import { sanitizeHtml } from '../cleanup/sanitize'
import {
  DEFAULT_LIMITS,
  ImportError,
  type ImportedAnnotation,
  type ParseContext,
  type ParsedArticle,
  type RawFormat
} from './types'

export interface ArticleInput {
  rawText: string
  rawFormat: RawFormat
  encoding: string
  /** title as found (may still carry a "_site" suffix); null → first line or fallback */
  title?: string | null
  fallbackTitle: string
  source?: string | null
  url?: string | null
  author?: string | null
  editor?: string | null
  publishedAt?: string | null
  tags?: string[]
  annotations?: ImportedAnnotation[]
  body: { kind: 'html'; html: string } | { kind: 'text'; text: string; firstLineIsTitle?: boolean | 'auto' }
  extraRemoved?: Record<string, unknown>
}

export function limitsOf(ctx?: ParseContext): ParseContext['limits'] {
  return ctx?.limits ?? DEFAULT_LIMITS
}

/** Builds the article; throws `empty` when no body text is left after cleanup. */
export function buildArticle(input: ArticleInput, ctx?: ParseContext): ParsedArticle {
  const limits = limitsOf(ctx)
  let html: string | null = null
  let bodyText: string
  let glossesInHtml = 0
  let images = 0
  const warnings: string[] = []
  if (input.body.kind === 'html') {
    // Glosses are removed before sanitising so the stored HTML matches the cleaned text and is never edited afterwards.
    const g = removePinyinGlosses(input.body.html)
    glossesInHtml = g.count
    const s = sanitizeHtml(g.text, limits.maxHtmlDepth, { maxElements: limits.maxHtmlElements, maxMs: limits.maxHtmlMs })
    html = s.html
    bodyText = s.text
    images = s.images
    warnings.push(...s.warnings)
  } else {
    bodyText = input.body.text
  }
  // Cleaning and indexing cost ~30x the text: one body past the record limit would take gigabytes.
  if (bodyText.length > limits.maxRecordChars) {
    throw new ImportError(
      'too-large',
      `"${input.fallbackTitle}" has ${bodyText.length.toLocaleString('en')} characters of text, more than the ${limits.maxRecordChars.toLocaleString('en')}-character limit per article`,
      { chars: bodyText.length, limitChars: limits.maxRecordChars }
    )
  }
  const cleaned = cleanArticleText(bodyText, {
    title: input.title ?? null,
    firstLineIsTitle: input.body.kind === 'text' ? (input.body.firstLineIsTitle ?? false) : false,
    knownSource: input.source ?? null
  })
  const removed = cleaned.removed
  removed.pinyinGlosses += glossesInHtml
  if (images > 0) removed.images = images
  Object.assign(removed, input.extraRemoved ?? {})
  if (!cleaned.text) {
    throw new ImportError('empty', `"${input.fallbackTitle}" has no article text`, { what: 'record' })
  }
  const title = (cleaned.title ?? '').trim() || input.fallbackTitle
  return {
    title: title.length > 1000 ? title.slice(0, 1000) : title,
    source: input.source?.trim() || cleaned.source || null,
    url: input.url?.trim() || null,
    author: input.author?.trim() || cleaned.author || null,
    editor: input.editor?.trim() || cleaned.editor || null,
    publishedAt: input.publishedAt ?? null,
    rawText: input.rawText,
    rawFormat: input.rawFormat,
    encoding: input.encoding,
    text: cleaned.text,
    html,
    tags: [...new Set([...(input.tags ?? []), ...cleaned.tags].map((t) => t.trim()).filter((t) => t.length > 0))],
    removed,
    annotations: input.annotations ?? [],
    ...(warnings.length > 0 ? { warnings } : {})
  }
}

/**
 * Bidi controls (U+202E turns "gpj.exe" into "exe.jpg" on screen) and other control characters: a file
 * name has no use for them, and in a title they would disguise it wherever it is shown. (Tabs and line
 * breaks become spaces instead.)
 */
const NAME_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Base name without folders (also inside archives: "a.zip!b/c.txt" → "c.txt"), extension and controls. */
export function baseTitle(name: string): string {
  const last = (name.split(/[!/\\]/).pop() ?? name).replace(NAME_CONTROLS, '').replace(/\s+/g, ' ')
  return last.replace(/\.[^.]{1,10}$/, '').trim() || last
}

export function extOf(name: string): string {
  const last = name.split(/[!/\\]/).pop() ?? name
  const m = /\.([^.]{1,10})$/.exec(last)
  return m?.[1] ? m[1].toLowerCase() : ''
}

/**
 * ISO 8601 for the date formats seen in feeds and pages. A date without a zone stays local
 * ("2019-11-25T16:04:30") rather than guessing the site's time zone.
 */
export function toIsoDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Unix seconds or milliseconds.
    const ms = value < 1e11 ? value * 1000 : value
    const d = new Date(ms)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  if (typeof value !== 'string') return null
  const s = value.trim()
  if (!s) return null
  if (/^\d{9,13}$/.test(s)) return toIsoDate(Number(s))
  const local = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s)
  if (local) {
    const [, y, mo, d, h, mi, se] = local
    const date = `${y}-${mo?.padStart(2, '0')}-${d?.padStart(2, '0')}`
    return h ? `${date}T${h.padStart(2, '0')}:${mi}:${se ?? '00'}` : date
  }
  // Already ISO 8601 with a zone (Wallabag writes "+0200"): keep the publisher's offset as written.
  const iso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/.exec(s)
  if (iso?.[1] && iso[2] && !Number.isNaN(Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))) {
    return iso[1] + (iso[2] === 'Z' ? 'Z' : iso[2].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2'))
  }
  // RFC 822 (RSS) and other Date.parse-able forms.
  const fixed = s
  const t = Date.parse(fixed)
  if (!Number.isNaN(t)) return new Date(t).toISOString()
  return null
}

export type Loose = Record<string, unknown>

export function isObj(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return []
  return Array.isArray(v) ? v : [v]
}

/** Text of a parsed XML/JSON value: string, number, or {#text}. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return textOf(v[0])
  if (isObj(v)) return textOf(v['#text'])
  return null
}

export function firstString(obj: Loose, keys: string[]): string | null {
  for (const k of keys) {
    const t = textOf(obj[k])
    if (t) return t
  }
  return null
}

export function looksLikeHtml(s: string): boolean {
  return /<(p|div|br|span|a|img|h[1-6]|ul|ol|li|blockquote|strong|em|b|i|table|figure|section|article)\b[^>]*>/i.test(s)
}
