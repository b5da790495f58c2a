// Per-record accounting for files that hold many records (feeds, JSON arrays, read-later and bookmark
// exports): each record ends as an article, a link-only record, an excerpt left out, or a failure, named
// `file#n` (1-based), so a report can name every record of the file exactly once.
import type { ImportFailureParams, ImportLink } from '@shared/types'
import { ImportError, type ImportErrorCode, type ParsedArticle } from './types'

/** A saved link without article text (read-later, bookmarks, OPML, feed items without a body): the report's shape. */
export type LinkRecord = ImportLink

export type ItemOutcome =
  /** `article` is the index into the returned articles */
  | { item: string; status: 'article'; article: number }
  | { item: string; status: 'link-only'; link: LinkRecord }
  /** an excerpt-only record (one paragraph of a page) not marked as an excerpt: kept as its link */
  | { item: string; status: 'excerpt'; link: LinkRecord; reason: string }
  | { item: string; status: 'failed'; title: string | null; reason: string; code: ImportErrorCode; params?: ImportFailureParams }

export interface ItemReport {
  items: ItemOutcome[]
  links: LinkRecord[]
}

/** The articles of a multi-record file, with the report of every record attached (see itemReportOf). */
export type ParsedItems = ParsedArticle[] & { itemReport?: ItemReport }

/** The code and params of an error met reading one record (parse-error for anything not ours). */
export function codeOf(e: unknown): [ImportErrorCode, ImportFailureParams?] {
  return e instanceof ImportError ? [e.code, e.params] : ['parse-error']
}

export class ItemCollector {
  readonly items: ItemOutcome[] = []
  readonly links: LinkRecord[] = []
  readonly articles: ParsedArticle[] = []
  private failureCode: ImportErrorCode | null = null
  constructor(readonly file: string) {}

  name(n: number): string {
    return `${this.file}#${n}`
  }

  article(n: number, a: ParsedArticle): void {
    this.items.push({ item: this.name(n), status: 'article', article: this.articles.length })
    this.articles.push(a)
  }

  link(n: number, l: Omit<LinkRecord, 'item'>, excerpt?: string): void {
    const link = { item: this.name(n), ...l }
    this.links.push(link)
    this.items.push(excerpt ? { item: link.item, status: 'excerpt', link, reason: excerpt } : { item: link.item, status: 'link-only', link })
  }

  failed(n: number, title: string | null, reason: string, code: ImportErrorCode = 'parse-error', params?: ImportFailureParams): void {
    this.failureCode ??= code
    this.items.push({ item: this.name(n), status: 'failed', title, reason, code, ...(params ? { params } : {}) })
  }

  /**
   * The articles with the report attached. A file with no article at all throws LinksOnlyDocument
   * (links but no text) or an ImportError naming every failed record, so the existing whole-file
   * reporting still says why nothing was imported.
   */
  result(kind: string): ParsedItems {
    if (this.articles.length > 0) return this.report()
    const failures = this.items.filter((i): i is Extract<ItemOutcome, { status: 'failed' }> => i.status === 'failed')
    if (this.links.length > 0) throw new LinksOnlyDocument(kind, this.links, this.items)
    if (failures.length > 0) {
      const first = failures.slice(0, 3).map((f) => `${f.item}: ${f.reason}`).join('; ')
      const what = failures.length === 1 ? 'its one record failed' : `all ${failures.length} records failed`
      throw new ImportError(this.failureCode ?? 'parse-error', `${kind}: ${what} (${first}${failures.length > 3 ? '; …' : ''})`)
    }
    throw new ImportError('empty', `${kind} with no records`, { what: 'records' })
  }

  /** The articles with every record's outcome attached, whatever they are: one part of a longer file. */
  report(): ParsedItems {
    return Object.assign(this.articles, { itemReport: { items: this.items, links: this.links } })
  }
}

/**
 * A file of links without article text. Still an ImportError with code `links-only` (so it is never
 * mistaken for success), but it carries the links themselves for a `linksOnly: [{file, links}]` report.
 */
export class LinksOnlyDocument extends ImportError {
  constructor(
    readonly kind: string,
    readonly links: LinkRecord[],
    readonly items: ItemOutcome[] = links.map((link) => ({ item: link.item, status: 'link-only', link }))
  ) {
    super('links-only', `${kind}: links only, ${links.length} link${links.length === 1 ? '' : 's'} without article text`)
    this.name = 'LinksOnlyDocument'
  }
}

/** The per-record report of what a format returned, or null for single-article files. */
export function itemReportOf(articles: ParsedArticle[]): ItemReport | null {
  return (articles as ParsedItems).itemReport ?? null
}
