// Saved web pages: metadata from the page (news/meta), the article body via @mozilla/readability on
// jsdom (no scripts, no resource loading) with news boilerplate rules on top (news/body), then sanitising.
// Netscape bookmark files are links-only exports.
import { loadReadability } from '../../lib/lazy-dom'
import { htmlToPlainText, parseDocument } from '../cleanup/sanitize'
import { scanHtml } from '../cleanup/html-depth'
import { ImportError, type FormatModule, type ParsedArticle } from './types'
import { baseTitle, buildArticle, extOf, limitsOf, toIsoDate } from './common'
import { cleanNewsBody } from './news/body'
import { bodyByline, readNewsMeta, removedCredit } from './news/meta'
import { markCssHidden } from './news/visible'

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
    if (htmlFormat.extensions.includes(ext)) return true
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
    markCssHidden(doc)

    // Metadata is read before Readability, which rewrites the document.
    const news = readNewsMeta(doc)
    const reader = new (loadReadability().Readability)(doc, { charThreshold: 200 })
    const result = reader.parse()
    let bodyHtml = result?.content ?? ''
    if (!bodyHtml.trim()) bodyHtml = doc.body?.innerHTML ?? ''
    const body = cleanNewsBody(doc, bodyHtml)
    const stripped = news.titleSegments
    // Then before cleanup: a credit line standing alone is furniture, removed by it. A declared author
    // printed elsewhere is the weakest credit: the page may print that name as a logo.
    const credited =
      news.author ??
      news.markedAuthor ??
      bodyByline(htmlToPlainText(body.html)) ??
      bodyByline(htmlToPlainText(bodyHtml)) ??
      removedCredit(body.removed) ??
      news.declaredAuthor

    return [
      buildArticle(
        {
          rawText: text,
          rawFormat: 'html',
          encoding,
          title: news.title || result?.title || null,
          fallbackTitle: baseTitle(name),
          // A person credited anywhere beats the account in the byline slot; an outlet printed in the
          // byline slot then names the source, before the site's own name.
          source: news.source ?? (credited && news.account?.outlet ? news.account.name : null) ?? news.siteSource ?? (result?.siteName || null),
          url,
          author: credited ?? news.account?.name ?? null,
          editor: news.editor,
          publishedAt: news.publishedAt ?? toIsoDate(result?.publishedTime ?? null),
          body: { kind: 'html', html: body.html },
          extraRemoved: {
            ...(stripped.length > 1 ? { titleSegments: stripped } : {}),
            ...(body.removed.length > 0 ? { boilerplate: body.removed } : {})
          }
        },
        ctx
      )
    ]
  }
}
