// Saved web pages: metadata from <meta> tags, the article body via @mozilla/readability on jsdom
// (no scripts, no resource loading), then sanitising. Netscape bookmark files are links-only exports.
import { loadReadability } from '../../lib/lazy-dom'
import { splitTitle } from '../cleanup/cleanup'
import { htmlToPlainText, parseDocument } from '../cleanup/sanitize'
import { scanHtml } from '../cleanup/html-depth'
import { ImportError, type FormatModule, type ParsedArticle } from './types'
import { baseTitle, buildArticle, extOf, limitsOf, toIsoDate } from './common'

function meta(doc: Document, ...names: string[]): string | null {
  for (const n of names) {
    const want = n.toLowerCase()
    for (const el of Array.from(doc.querySelectorAll('meta'))) {
      // Some sites write name="og:time " with a stray space, so compare trimmed.
      const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase()
      if (key === want) {
        const v = el.getAttribute('content')?.trim()
        if (v) return v
      }
    }
  }
  return null
}

/** Author meta values that are really ids or links (people.com.cn writes author="104363"). */
function plausibleAuthor(s: string | null | undefined): string | null {
  if (!s) return null
  const t = s.replace(/\s+/g, ' ').trim()
  // Ids, links, and Readability picking up "发布时间：…" blocks are not bylines.
  if (!t || /^\d+$/.test(t) || /^https?:/i.test(t) || /[:：]/.test(t) || t.length > 40) return null
  return t
}

function countBookmarks(html: string): number {
  return (html.match(/<a\s[^>]*href\s*=/gi) ?? []).length
}

/**
 * Readability deletes every <noscript>, and an unclosed one holds the rest of the page, so their contents
 * are moved out first (appends only: linear however many children they hold).
 */
function unwrapNoscript(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('noscript'))) {
    const kids = doc.createDocumentFragment()
    while (el.firstChild) kids.appendChild(el.firstChild)
    el.replaceWith(kids)
  }
}

/** A page too large for a DOM: its plain text, with the title from <title>. */
function plainTextPage(name: string, text: string, encoding: string, url: string | null, elements: number, maxElements: number, ctx: Parameters<FormatModule['parse']>[3]): ParsedArticle {
  const rawTitle = /<title[^>]*>([^<]*)<\/title/i.exec(text)?.[1] ?? ''
  const bodyAt = text.search(/<body[\s>]/i)
  const article = buildArticle(
    {
      rawText: text,
      rawFormat: 'html',
      encoding,
      title: htmlToPlainText(rawTitle) || null,
      fallbackTitle: baseTitle(name),
      url,
      body: { kind: 'text', text: htmlToPlainText(bodyAt === -1 ? text : text.slice(bodyAt)) }
    },
    ctx
  )
  article.warnings = [
    `imported as plain text: ${elements.toLocaleString('en')} HTML elements, more than the ${maxElements.toLocaleString('en')} we lay out`
  ]
  return article
}

export const htmlFormat: FormatModule = {
  id: 'html',
  label: 'HTML',
  extensions: ['html', 'htm', 'xhtml', 'shtml', 'mhtml'],
  detect(name, head) {
    const ext = extOf(name)
    if (['html', 'htm', 'xhtml', 'shtml', 'mhtml'].includes(ext)) return true
    return /^\s*(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html|^\s*<html[\s>]/i.test(head)
  },
  parse(name, text, encoding, ctx) {
    const limits = limitsOf(ctx)
    if (/^\s*<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(text)) {
      throw new ImportError('links-only', `bookmark export with ${countBookmarks(text)} links and no article text`)
    }
    // Depth and size are checked before jsdom sees the page: parse5 and Readability recurse, and jsdom
    // holds ~4 KB per element.
    const shape = scanHtml(text, limits.maxHtmlDepth)
    if (shape.depth > limits.maxHtmlDepth) {
      throw new ImportError('too-deep', `HTML nesting deeper than ${limits.maxHtmlDepth} elements; refusing to parse it`)
    }

    const canonical = /<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)["']/i.exec(text)?.[1] ?? null
    const ogUrl = /<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']/i.exec(text)?.[1] ?? null
    const url = [ogUrl, canonical].find((u) => u && /^https?:\/\//i.test(u)) ?? null
    if (shape.elements > limits.maxHtmlElements) return [plainTextPage(name, text, encoding, url, shape.elements, limits.maxHtmlElements, ctx)]
    const doc = parseDocument(text, url)
    unwrapNoscript(doc)

    const docTitle = doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
    const ogTitle = meta(doc, 'og:title', 'twitter:title')
    const siteName = meta(doc, 'og:site_name', 'application-name')
    const published = meta(
      doc,
      'article:published_time',
      'og:release_date',
      'og:time',
      'pubdate',
      'publishdate',
      'publish_date',
      'publication_date',
      'datePublished',
      'weibo: article:create_at',
      'dc.date',
      'dc.date.issued',
      'date'
    )
    const timeEl = doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? null
    const metaAuthor = plausibleAuthor(meta(doc, 'article:author', 'author', 'byl', 'dc.creator'))

    // Prefer og:title when the <title> is og:title plus a site suffix; otherwise split the <title>.
    let title: string
    let source: string | null = siteName
    const stripped: string[] = []
    if (ogTitle && docTitle.startsWith(ogTitle) && docTitle.length > ogTitle.length) {
      title = ogTitle
      const rest = splitTitle(`headline_${docTitle.slice(ogTitle.length).replace(/^[\s_|｜\-–—]+/, '')}`, siteName)
      source ??= rest.source
      stripped.push(...rest.stripped)
    } else {
      const split = splitTitle(ogTitle ?? docTitle, siteName)
      title = split.title
      source ??= split.source
      if (split.stripped.length > 1) stripped.push(...split.stripped)
    }

    const reader = new (loadReadability().Readability)(doc, { charThreshold: 200 })
    const result = reader.parse()
    let bodyHtml = result?.content ?? ''
    if (!bodyHtml.trim()) bodyHtml = doc.body?.innerHTML ?? ''
    const byline = plausibleAuthor(result?.byline)

    return [
      buildArticle(
        {
          rawText: text,
          rawFormat: 'html',
          encoding,
          title: title || result?.title || null,
          fallbackTitle: baseTitle(name),
          source: source ?? (result?.siteName || null),
          url,
          author: byline ?? metaAuthor,
          publishedAt: toIsoDate(published ?? result?.publishedTime ?? timeEl),
          body: { kind: 'html', html: bodyHtml },
          extraRemoved: stripped.length > 1 ? { titleSegments: stripped } : {}
        },
        ctx
      )
    ]
  }
}
