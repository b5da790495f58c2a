// Bringing highlights in from outside (main process): our own W3C JSON export, Kindle "My Clippings.txt",
// and the annotations a format parser found in an article (Wallabag). Highlights are matched to articles
// (by the article IRI we emit, then title, then quote), re-anchored on the article's text, and stored with
// selectors described afresh on this library's text. Whatever cannot be placed is reported, never guessed.
import { foldForSearch } from '@shared/script'
import { anchor, AnchorTarget, describeRange } from '@shared/anchoring'
import { HIGHLIGHT_COLORS, type HighlightColor, type TextKind } from '@shared/anchoring/types'
import { transaction, type Db } from '../../db/connection'
import { findAnnotationAt, insertAnnotation } from '../../db/repositories/annotation.repository'
import { articleIdsContaining, articleTitles, findArticleIdByHash, getArticleTexts } from '../../db/repositories/article.repository'
import { attachTags } from '../../db/repositories/tag.repository'
import type { ImportedAnnotation } from '../formats/types'
import { ANCHOR_FOLD } from '../annotations'
import { annotationsIn, TextPositionSelectorSchema, TextQuoteSelectorSchema, type W3cAnnotation } from '../annotations/w3c'
import { parseKindleClippings, type KindleClipping } from './kindle'

export { parseKindleClippings, parseKindleDate, type KindleClipping } from './kindle'

export interface UnmatchedAnnotation {
  quote: string
  note: string | null
  /** The article title the source named, when it named one. */
  title: string | null
  reason: string
}

export interface AnnotationImportReport {
  imported: number
  /** Already present (same article, same text, same range): skipped, so importing twice is harmless. */
  duplicates: number
  unmatched: UnmatchedAnnotation[]
  /** Entries that were not annotations at all (malformed). */
  invalid: number
}

interface Incoming {
  quote: string
  prefix: string
  suffix: string
  position?: { start: number; end: number }
  preferKind?: TextKind
  note: string | null
  color: HighlightColor
  createdAt: string | null
  modifiedAt: string | null
}

function emptyReport(): AnnotationImportReport {
  return { imported: 0, duplicates: 0, unmatched: [], invalid: 0 }
}

interface ArticleTargets {
  clean: AnchorTarget
  original: AnchorTarget
}

class ArticleCache {
  private readonly targets = new Map<number, ArticleTargets>()
  constructor(private readonly db: Db) {}
  get(id: number, cleanText?: string): ArticleTargets | null {
    let t = this.targets.get(id)
    if (!t) {
      const row = getArticleTexts(this.db, id)
      if (!row) return null
      t = { clean: new AnchorTarget(cleanText ?? row.body_text, ANCHOR_FOLD), original: new AnchorTarget(row.raw_text, ANCHOR_FOLD) }
      this.targets.set(id, t)
    }
    return t
  }
}

type Placement = 'imported' | 'duplicate' | 'not-found'

/** Anchors one incoming highlight on an article and stores it. */
function place(db: Db, cache: ArticleCache, articleId: number, a: Incoming): Placement {
  const targets = cache.get(articleId)
  if (!targets) return 'not-found'
  const order: TextKind[] = a.preferKind === 'original' ? ['original', 'clean'] : ['clean', 'original']
  for (const kind of order) {
    const target = targets[kind]
    const found = anchor(target, {
      quote: { exact: a.quote, prefix: a.prefix, suffix: a.suffix },
      ...(a.position && kind === (a.preferKind ?? 'clean') ? { position: a.position } : {})
    })
    if (!found) continue
    const sel = describeRange(target.text, found.start, found.end)
    const at = { article_id: articleId, text_kind: kind, start_offset: sel.position.start, end_offset: sel.position.end }
    if (findAnnotationAt(db, at) !== undefined) return 'duplicate'
    const created = a.createdAt ?? new Date().toISOString()
    insertAnnotation(db, {
      ...at,
      color: a.color,
      note: a.note,
      exact: sel.quote.exact,
      prefix: sel.quote.prefix,
      suffix: sel.quote.suffix,
      created_at: created,
      updated_at: a.modifiedAt ?? created
    })
    return 'imported'
  }
  return 'not-found'
}

function count(report: AnnotationImportReport, placement: Placement, a: Incoming, title: string | null, reason: string): void {
  if (placement === 'imported') report.imported++
  else if (placement === 'duplicate') report.duplicates++
  else report.unmatched.push({ quote: a.quote, note: a.note, title, reason })
}

function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

/**
 * Stores the annotations a format parser found inside an article (ParsedArticle.annotations, e.g.
 * Wallabag), matched by quote on `text` (the article's cleaned text) or, failing that, its original.
 * Call it right after inserting the article, inside the pipeline's transaction (it joins it).
 */
export function attachImportedAnnotations(
  db: Db,
  articleId: number,
  text: string,
  annotations: readonly ImportedAnnotation[]
): AnnotationImportReport {
  const report = emptyReport()
  if (annotations.length === 0) return report
  const cache = new ArticleCache(db)
  transaction(db, () => {
    if (!cache.get(articleId, text)) {
      for (const a of annotations) report.unmatched.push({ quote: a.quote, note: a.note, title: null, reason: `article ${articleId} does not exist` })
      return
    }
    for (const a of annotations) {
      if (typeof a.quote !== 'string' || a.quote.trim() === '') {
        report.invalid++
        continue
      }
      const incoming: Incoming = {
        quote: a.quote.trim(),
        prefix: '',
        suffix: '',
        note: a.note && a.note.trim() ? a.note : null,
        color: 'yellow',
        createdAt: isoOrNull(a.createdAt),
        modifiedAt: null
      }
      count(report, place(db, cache, articleId, incoming), incoming, null, 'quote not found in the article')
    }
  })
  return report
}

// --- matching articles ---

function foldTitle(title: string): string {
  return foldForSearch(title.normalize('NFKC')).replace(/\s+/g, '')
}

class ArticleFinder {
  private titles: { id: number; folded: string }[] | null = null
  constructor(private readonly db: Db) {}
  byTitle(title: string, loose = false): number[] {
    if (!this.titles) {
      this.titles = articleTitles(this.db).map((r) => ({ id: r.id, folded: foldTitle(r.title) }))
    }
    const f = foldTitle(title)
    if (!f) return []
    const exact = this.titles.filter((t) => t.folded === f).map((t) => t.id)
    if (exact.length || !loose) return exact
    return this.titles.filter((t) => t.folded.length >= 4 && (t.folded.includes(f) || f.includes(t.folded))).map((t) => t.id)
  }
  byQuote(quote: string): number[] {
    const q = quote.trim()
    if (q.length < 2) return []
    return articleIdsContaining(this.db, q, 20)
  }
}

/** Tries candidate articles in order; the first on which the quote anchors wins. */
function placeInCandidates(db: Db, cache: ArticleCache, candidates: number[], a: Incoming): { placement: Placement; articleId?: number } {
  for (const id of new Set(candidates)) {
    const placement = place(db, cache, id, a)
    if (placement !== 'not-found') return { placement, articleId: id }
  }
  return { placement: 'not-found' }
}

// --- W3C JSON (our notes export, or any Web Annotation with text selectors) ---

const ARTICLE_IRI = /^urn:marginalia:article:([0-9a-f]{64})$/

function textBodies(anno: W3cAnnotation): { note: string | null; tags: string[] } {
  const bodies = anno.body === undefined ? [] : Array.isArray(anno.body) ? anno.body : [anno.body]
  const notes: string[] = []
  const tags: string[] = []
  for (const b of bodies) {
    if (typeof b === 'string' || typeof b.value !== 'string') continue
    if (b.purpose === 'tagging') tags.push(b.value)
    else notes.push(b.value)
  }
  if (typeof anno.bodyValue === 'string') notes.push(anno.bodyValue)
  return { note: notes.length ? notes.join('\n\n') : null, tags }
}

function colorOf(styleClass: unknown): HighlightColor {
  const m = typeof styleClass === 'string' ? /^marginalia-(\w+)$/.exec(styleClass) : null
  return m && (HIGHLIGHT_COLORS as readonly string[]).includes(m[1] as string) ? (m[1] as HighlightColor) : 'yellow'
}

/**
 * Imports a W3C Web Annotation document (our JSON notes export, a page, a single annotation or an array).
 * Articles are matched by `target.source` (urn:marginalia:article:<content hash>), then by the title we
 * emit as `dcterms:title`, then by quote. One transaction for the whole file.
 */
export function importAnnotationsJson(db: Db, json: string | unknown): AnnotationImportReport {
  const report = emptyReport()
  let data: unknown = json
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json.replace(/^\ufeff/, ''))
    } catch {
      report.invalid++
      return report
    }
  }
  const { items, invalid } = annotationsIn(data)
  report.invalid += invalid
  const finder = new ArticleFinder(db)
  const cache = new ArticleCache(db)
  transaction(db, () => {
    for (const anno of items) {
      const targets = Array.isArray(anno.target) ? anno.target : [anno.target]
      const target = targets.find((t) => typeof t === 'object')
      if (!target || typeof target !== 'object') {
        report.invalid++
        continue
      }
      const selectors = target.selector === undefined ? [] : Array.isArray(target.selector) ? target.selector : [target.selector]
      const quote = selectors.map((s) => TextQuoteSelectorSchema.safeParse(s)).find((r) => r.success)?.data
      if (!quote || quote.exact.trim() === '') {
        report.invalid++
        continue
      }
      const position = selectors.map((s) => TextPositionSelectorSchema.safeParse(s)).find((r) => r.success)?.data
      const { note, tags } = textBodies(anno)
      const raw = target as Record<string, unknown>
      const title = typeof raw['dcterms:title'] === 'string' ? (raw['dcterms:title'] as string) : null
      const incoming: Incoming = {
        quote: quote.exact,
        prefix: quote.prefix ?? '',
        suffix: quote.suffix ?? '',
        ...(position ? { position: { start: position.start, end: position.end } } : {}),
        preferKind: raw['marginalia:textKind'] === 'original' ? 'original' : 'clean',
        note,
        color: colorOf(target.styleClass),
        createdAt: isoOrNull(anno.created),
        modifiedAt: isoOrNull(anno.modified)
      }
      const source = typeof target.source === 'string' ? target.source : target.source?.id
      const hash = source ? ARTICLE_IRI.exec(source)?.[1] : undefined
      const byHash = hash ? findArticleIdByHash(db, hash) : undefined
      const candidates = [
        ...(byHash !== undefined ? [byHash] : []),
        ...(title ? finder.byTitle(title) : []),
        ...(byHash === undefined ? finder.byQuote(quote.exact) : [])
      ]
      const { placement, articleId } = placeInCandidates(db, cache, candidates, incoming)
      if (placement === 'imported' && articleId !== undefined && tags.length) attachTags(db, articleId, tags, 'import')
      count(
        report,
        placement,
        incoming,
        title,
        candidates.length === 0 ? 'no article in the library matches its source, title or quote' : 'quote not found in the matching article'
      )
    }
  })
  return report
}

// --- Kindle ---

/**
 * Imports Kindle "My Clippings.txt": highlights matched to articles by title (script-insensitive, then
 * containment), then by quote; a Kindle note is attached to the highlight of the same book whose location
 * range ends where the note sits. Bookmarks are skipped.
 */
export function importKindleClippings(db: Db, text: string): AnnotationImportReport & { clippings: number } {
  const report = emptyReport()
  const clippings = parseKindleClippings(text)
  const highlights = clippings.filter((c) => c.kind === 'highlight' && c.content)
  const notes = clippings.filter((c) => c.kind === 'note' && c.content)
  const notesFor = new Map<KindleClipping, string[]>()
  for (const n of notes) {
    const owner =
      highlights.find((h) => h.title === n.title && h.location && n.location && n.location.start === h.location.end) ??
      highlights.find((h) => h.title === n.title && h.location && n.location && n.location.start >= h.location.start && n.location.start <= h.location.end)
    if (owner) notesFor.set(owner, [...(notesFor.get(owner) ?? []), n.content])
    else report.unmatched.push({ quote: '', note: n.content, title: n.title, reason: 'Kindle note without a highlight' })
  }
  const finder = new ArticleFinder(db)
  const cache = new ArticleCache(db)
  transaction(db, () => {
    for (const h of highlights) {
      const incoming: Incoming = {
        quote: h.content,
        prefix: '',
        suffix: '',
        note: notesFor.get(h)?.join('\n\n') ?? null,
        color: 'yellow',
        createdAt: h.addedAt,
        modifiedAt: null
      }
      const candidates = [...finder.byTitle(h.title), ...finder.byTitle(h.title, true), ...finder.byQuote(h.content)]
      count(
        report,
        placeInCandidates(db, cache, candidates, incoming).placement,
        incoming,
        h.title,
        candidates.length === 0 ? 'no article in the library matches this title or quote' : 'quote not found in the matching article'
      )
    }
  })
  return { ...report, clippings: clippings.length }
}
