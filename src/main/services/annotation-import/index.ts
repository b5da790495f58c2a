// Bringing highlights in from outside (main process): our own W3C JSON export, Kindle "My Clippings.txt",
// and the annotations a format parser found in an article (Wallabag). Highlights are matched to articles
// (by the article IRI we emit, then title, then quote), re-anchored on the article's text, and stored with
// selectors described afresh on this library's text. Whatever cannot be placed is reported, never guessed.
import { foldForSearch } from '@shared/script'
import { anchor, AnchorTarget, describeRange } from '@shared/anchoring'
import { HIGHLIGHT_COLORS, type HighlightColor, type TextKind } from '@shared/anchoring/types'
import { transaction, type Db } from '../../db/connection'
import { articleIdsByUrl, findAnnotationAt, getAnnotation, insertAnnotation, updateAnnotation } from '../../db/repositories/annotation.repository'
import { articleIdsContaining, articleTitles, findArticleIdByHash, getArticleTexts } from '../../db/repositories/article.repository'
import { attachTags } from '../../db/repositories/tag.repository'
import {
  hasUnattachedNotes,
  insertUnattachedNote,
  listUnattachedNotes,
  purgeDeletedUnattachedNotes,
  removeUnattachedNote,
  type UnattachedNoteRow
} from '../../db/repositories/unattached.repository'
import type { AnnotationStatus } from '@shared/types'
import type { ImportedAnnotation } from '../formats/types'
import { ANCHOR_FOLD } from '../annotations'
import { searchArticles } from '../search'
import { parseKindleClippings, type KindleClipping } from './kindle'
import { readW3cDocument, type TextSelection, type W3cEntry } from './w3c-model'

export { parseKindleClippings, parseKindleDate, type KindleClipping } from './kindle'
export { readW3cDocument, type W3cDocument, type W3cEntry } from './w3c-model'

export interface UnmatchedAnnotation {
  quote: string
  note: string | null
  /** The article title the source named, when it named one. */
  title: string | null
  reason: string
}

/** What became of one incoming annotation (statuses: ANNOTATION_STATUSES); `file` is `file#n` inside a collection. */
export interface AnnotationOutcome {
  file: string
  quote: string
  articleId: number | null
  status: AnnotationStatus
  reason: string
}

export interface AnnotationImportReport {
  /** One per incoming annotation (invalid entries included, as `unmatched` with the reason). */
  entries: AnnotationOutcome[]
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
  return { entries: [], imported: 0, duplicates: 0, unmatched: [], invalid: 0 }
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

type Placement = 'imported' | 'joined' | 'duplicate' | 'not-found'

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
    const existing = findAnnotationAt(db, at)
    if (existing !== undefined) return joinNote(db, existing, a)
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

/** A note for a range that is already highlighted joins that highlight instead of being dropped. */
function joinNote(db: Db, id: number, a: Incoming): Placement {
  const row = getAnnotation(db, id)
  const note = a.note?.trim()
  if (!row || !note || (row.note ?? '').includes(note)) return 'duplicate'
  updateAnnotation(db, id, { note: row.note?.trim() ? `${row.note}\n\n${note}` : note, updated_at: new Date().toISOString() })
  return 'joined'
}

interface Where {
  file: string
  /** the article it belongs to or was placed on */
  articleId: number | null
  /** false: no article in the library matched at all */
  matched: boolean
}

function count(report: AnnotationImportReport, placement: Placement, a: Incoming, title: string | null, reason: string, where: Where): void {
  const entry = { file: where.file, quote: a.quote, articleId: where.articleId }
  if (placement === 'imported' || placement === 'joined') {
    report.imported++
    report.entries.push({ ...entry, status: 'attached', reason: placement === 'joined' ? 'joined the highlight already on this range' : 'attached' })
  } else if (placement === 'duplicate') {
    report.duplicates++
    report.entries.push({ ...entry, status: 'duplicate', reason: 'already highlighted with this note' })
  } else {
    report.unmatched.push({ quote: a.quote, note: a.note, title, reason })
    report.entries.push({ ...entry, articleId: where.matched ? where.articleId : null, status: where.matched ? 'orphaned' : 'unmatched', reason })
  }
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
  annotations: readonly ImportedAnnotation[],
  file = ''
): AnnotationImportReport {
  const report = emptyReport()
  if (annotations.length === 0) return report
  const cache = new ArticleCache(db)
  transaction(db, () => {
    if (!cache.get(articleId, text)) {
      for (const a of annotations) {
        const reason = `article ${articleId} does not exist`
        report.unmatched.push({ quote: a.quote, note: a.note, title: null, reason })
        report.entries.push({ file, quote: a.quote, articleId: null, status: 'unmatched', reason })
      }
      return
    }
    for (const a of annotations) {
      if (typeof a.quote !== 'string' || a.quote.trim() === '') {
        report.invalid++
        report.entries.push({ file, quote: '', articleId, status: 'orphaned', reason: 'an annotation without a quote' })
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
      count(report, place(db, cache, articleId, incoming), incoming, null, 'quote not found in the article', { file, articleId, matched: true })
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
    const exact = articleIdsContaining(this.db, q, 20)
    if (exact.length) return exact
    // The search index is script-folded: a Traditional quote finds a Simplified article (anchoring,
    // also folded, then decides).
    try {
      return searchArticles(this.db, q.slice(0, 200), { limit: 20, snippets: false }).hits.map((h) => h.id)
    } catch {
      return []
    }
  }
  byUrl(sources: string[]): number[] {
    const urls = sources.filter((s) => /^https?:\/\//i.test(s)).flatMap((u) => {
      const bare = u.replace(/#.*$/, '')
      return [u, bare, bare.endsWith('/') ? bare.slice(0, -1) : `${bare}/`]
    })
    return articleIdsByUrl(this.db, [...new Set(urls)])
  }
}

/** Tries candidate articles in order; the first on which the quote anchors wins. */
function placeInCandidates(db: Db, cache: ArticleCache, candidates: number[], a: Incoming | ((id: number) => Incoming | null)): { placement: Placement; articleId?: number } {
  for (const id of new Set(candidates)) {
    const incoming = typeof a === 'function' ? a(id) : a
    if (!incoming) continue
    const placement = place(db, cache, id, incoming)
    if (placement !== 'not-found') return { placement, articleId: id }
  }
  return { placement: 'not-found' }
}

// --- W3C JSON (our notes export, or any Web Annotation with text selectors) ---

const ARTICLE_IRI = /^urn:marginalia:article:([0-9a-f]{64})$/

function colorOf(styleClass: unknown): HighlightColor {
  const m = typeof styleClass === 'string' ? /^marginalia-(\w+)$/.exec(styleClass) : null
  return m && (HIGHLIGHT_COLORS as readonly string[]).includes(m[1] as string) ? (m[1] as HighlightColor) : 'yellow'
}

/** The quote a selection stands for on one article's text: its own quote, a position, or a range. */
function quoteOn(cache: ArticleCache, id: number, sel: TextSelection, kind: TextKind): { exact: string; prefix: string; suffix: string; position?: { start: number; end: number } } | null {
  if (sel.exact !== null && sel.exact.trim() !== '') {
    return { exact: sel.exact, prefix: sel.prefix, suffix: sel.suffix, ...(sel.position ? { position: sel.position } : {}) }
  }
  const text = cache.get(id)?.[kind].text
  if (text === undefined) return null
  if (sel.position) {
    const exact = text.slice(sel.position.start, sel.position.end)
    return exact.trim() ? { exact, prefix: '', suffix: '', position: sel.position } : null
  }
  if (sel.range) {
    // From where the start selection begins to where the end selection ends.
    const at = (s: TextSelection, from: number): { start: number; end: number } | null => {
      if (s.position) return s.position
      if (s.exact === null || s.exact === '') return null
      const i = text.indexOf(s.exact, from)
      return i === -1 ? null : { start: i, end: i + s.exact.length }
    }
    const a = at(sel.range.start, 0)
    const b = a ? at(sel.range.end, a.start) : null
    if (!a || !b || b.end <= a.start) return null
    return { exact: text.slice(a.start, b.end), prefix: '', suffix: '', position: { start: a.start, end: b.end } }
  }
  return null
}

/**
 * Imports a W3C Web Annotation document (our JSON notes export, a single annotation, an array, a page or a
 * collection with its pages). Articles are matched by `target.source` (our urn:marginalia:article:<hash>
 * or the article's URL), then by the title we emit as `dcterms:title`, then by quote (script-folded).
 * Every annotation ends as one entry of `entries`, named `file#n` when the file holds several.
 * One transaction for the whole file.
 */
export function importAnnotationsJson(db: Db, json: string | unknown, file = ''): AnnotationImportReport {
  const report = emptyReport()
  let data: unknown = json
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json.replace(/^\ufeff/, ''))
    } catch (e) {
      report.invalid++
      report.entries.push({ file, quote: '', articleId: null, status: 'unmatched', reason: `not valid JSON: ${(e as Error).message.slice(0, 120)}` })
      return report
    }
  }
  const doc = readW3cDocument(data)
  const total = doc.entries.length + doc.invalid.length
  const name = (n: number): string => (total > 1 ? `${file}#${n}` : file)
  for (const bad of doc.invalid) {
    report.invalid++
    report.entries.push({ file: name(bad.n), quote: '', articleId: null, status: 'unmatched', reason: bad.reason })
  }
  for (const page of doc.missingPages) {
    report.entries.push({ file, quote: '', articleId: null, status: 'unmatched', reason: `the collection's page ${page} is not in this file` })
  }
  const finder = new ArticleFinder(db)
  const cache = new ArticleCache(db)
  transaction(db, () => {
    for (const e of doc.entries) importW3cEntry(db, finder, cache, report, e, name(e.n))
  })
  report.entries.sort((a, b) => a.file.localeCompare(b.file, 'en', { numeric: true }))
  return report
}

function importW3cEntry(db: Db, finder: ArticleFinder, cache: ArticleCache, report: AnnotationImportReport, e: W3cEntry, file: string): void {
  const entry: MatchEntry = { ...e, format: 'w3c' }
  const tried = tryEntry(db, finder, cache, entry)
  count(report, tried.placement, tried.placed, e.title, tried.reason, { file, articleId: tried.owner, matched: tried.owner !== null })
  if (tried.placement === 'not-found' && tried.owner === null) keepUnattached(db, entry, file)
}

/** One incoming annotation as the matcher sees it: a W3C entry, or a Kindle highlight in the same shape. */
type MatchEntry = Omit<W3cEntry, 'n' | 'id'> & { format: 'w3c' | 'kindle' }

interface Tried {
  placement: Placement
  /** what to report: the quote as placed, or as the input gave it */
  placed: Incoming
  /** the article it was placed on or belongs to; null when no article in the library matched */
  owner: number | null
  reason: string
}

/**
 * Matches one annotation to an article and places it: by the source it targets (our article id, then URL),
 * then by title, then (W3C: only when it names nothing in the library; Kindle: always) by quote, script-
 * folded. `among` limits the articles tried (the ones an import just added, for unattached notes).
 */
function tryEntry(db: Db, finder: ArticleFinder, cache: ArticleCache, e: MatchEntry, among?: ReadonlySet<number>): Tried {
  const only = (ids: number[]): number[] => (among ? ids.filter((id) => among.has(id)) : ids)
  const quote = e.selection?.exact ?? null
  const shown: Incoming = { quote: quote ?? '', prefix: '', suffix: '', note: e.note, color: 'yellow', createdAt: null, modifiedAt: null }
  const incomingFor = (id: number): Incoming | null => {
    const q = e.selection ? quoteOn(cache, id, e.selection, e.textKind) : null
    if (!q) return null
    return {
      quote: q.exact,
      prefix: q.prefix,
      suffix: q.suffix,
      ...(q.position ? { position: q.position } : {}),
      preferKind: e.textKind,
      note: e.note,
      color: colorOf(e.styleClass),
      createdAt: isoOrNull(e.created),
      modifiedAt: isoOrNull(e.modified)
    }
  }
  let candidates: number[]
  let sourceNamed: boolean
  if (e.format === 'kindle') {
    const title = e.title ?? ''
    candidates = only([...finder.byTitle(title), ...finder.byTitle(title, true), ...(quote ? finder.byQuote(quote) : [])])
    sourceNamed = candidates.length > 0
  } else {
    const hashes = e.sources.map((s) => ARTICLE_IRI.exec(s)?.[1]).filter((h): h is string => !!h)
    const bySource = only([...hashes.map((h) => findArticleIdByHash(db, h)).filter((id): id is number => id !== undefined), ...finder.byUrl(e.sources)])
    const byTitle = only(e.title ? finder.byTitle(e.title) : [])
    sourceNamed = bySource.length > 0 || byTitle.length > 0
    candidates = [...bySource, ...byTitle, ...(!sourceNamed && quote ? only(finder.byQuote(quote)) : [])]
  }
  const named = e.sources.length ? e.sources.slice(0, 2).join(', ') : 'nothing'
  if (!e.selection) {
    return { placement: 'not-found', placed: shown, owner: candidates[0] ?? null, reason: `${e.noSelection ?? 'it has no text selector'}; target: ${named}` }
  }
  if (candidates.length === 0) {
    const reason =
      e.format === 'kindle'
        ? 'no article in the library matches this title or quote'
        : `no article in the library matches its target (${named})${quote ? ' or its quote' : ''}`
    return { placement: 'not-found', placed: shown, owner: null, reason }
  }
  const { placement, articleId } = placeInCandidates(db, cache, candidates, incomingFor)
  if ((placement === 'imported' || placement === 'joined') && articleId !== undefined && e.tags.length) attachTags(db, articleId, e.tags, 'import')
  const placed = (articleId !== undefined ? incomingFor(articleId) : null) ?? shown
  // Without a named source, candidates found by quote were guesses: not placed means not matched.
  const owner = articleId ?? (sourceNamed ? (candidates[0] ?? null) : null)
  const reason =
    e.format === 'kindle'
      ? 'quote not found in the matching article'
      : sourceNamed
        ? 'quote not found in the article its target names'
        : 'no article in the library contains its quote'
  return { placement, placed, owner, reason }
}

// --- unattached notes ---

/** Keeps an annotation no article matched, with what the input said, for a later import to attach. */
function keepUnattached(db: Db, e: MatchEntry, file: string): void {
  if (!e.selection) return
  insertUnattachedNote(db, {
    format: e.format,
    file,
    quote: e.selection.exact ?? '',
    note: e.note,
    title: e.title,
    sources_json: JSON.stringify(e.sources),
    selection_json: JSON.stringify(e.selection),
    text_kind: e.textKind,
    color: colorOf(e.styleClass),
    tags_json: JSON.stringify(e.tags),
    created_at: e.created,
    modified_at: e.modified,
    stored_at: new Date().toISOString()
  })
}

function entryOf(row: UnattachedNoteRow): MatchEntry {
  return {
    format: row.format,
    sources: JSON.parse(row.sources_json) as string[],
    title: row.title,
    selection: JSON.parse(row.selection_json) as TextSelection,
    noSelection: null,
    note: row.note,
    tags: JSON.parse(row.tags_json) as string[],
    styleClass: `marginalia-${row.color}`,
    textKind: row.text_kind,
    created: row.created_at,
    modified: row.modified_at
  }
}

/**
 * After an import committed `articleIds`, tries every unattached note on them with the same matcher; a
 * note that lands (or is already there) leaves the list and is reported under the file it came from.
 * Notes the user deleted before this import are purged here.
 */
export function attachWaitingNotes(db: Db, articleIds: readonly number[]): AnnotationOutcome[] {
  const outcomes: AnnotationOutcome[] = []
  transaction(db, () => {
    purgeDeletedUnattachedNotes(db)
    if (articleIds.length === 0 || !hasUnattachedNotes(db)) return
    const among = new Set(articleIds)
    const finder = new ArticleFinder(db)
    const cache = new ArticleCache(db)
    for (const row of listUnattachedNotes(db)) {
      const tried = tryEntry(db, finder, cache, entryOf(row), among)
      if (tried.placement === 'not-found') continue
      removeUnattachedNote(db, row.id)
      const base = { file: row.file, quote: tried.placed.quote, articleId: tried.owner }
      outcomes.push(
        tried.placement === 'duplicate'
          ? { ...base, status: 'duplicate', reason: 'an unattached note already on this article: left the unattached list' }
          : { ...base, status: 'attached', reason: 'an unattached note from an earlier import, attached to this newly imported article' }
      )
    }
  })
  return outcomes
}

// --- Kindle ---

const KINDLE_BOOKMARK_REASON = 'bookmark: a place without text'

/**
 * The highlight a Kindle note belongs to: Kindle writes a note as its own clipping at the location where
 * the highlight ends, so the highlight of the same book whose range ends there, else one whose range holds
 * the note's location (the nearest one before the note in the file when several do).
 */
function highlightOf(note: KindleClipping, highlights: readonly KindleClipping[]): KindleClipping | undefined {
  const at = note.location?.start
  if (at === undefined) return undefined
  const same = highlights.filter((h) => h.title === note.title && h.location && h.location.start <= at && at <= h.location.end)
  const nearest = (list: KindleClipping[]): KindleClipping | undefined =>
    list.filter((h) => h.n < note.n).at(-1) ?? list[0]
  return nearest(same.filter((h) => h.location?.end === at)) ?? nearest(same)
}

/**
 * Imports Kindle "My Clippings.txt". Highlights are matched to articles by title (script-insensitive, then
 * containment), then by quote. A note joins the highlight it belongs to (highlightOf) as that highlight's
 * note and shares its fate; a note with no highlight of its own is kept on the unattached list with its
 * text and place in the book. Every clipping with text is one entry, named `file#n` by its place in the
 * file; a block that is not a clipping, or a highlight or note without text, is reported as invalid.
 * A bookmark (a place, no text) is no annotation: it is named as `skipped`, never as unplaced.
 */
export function importKindleClippings(db: Db, text: string, file = ''): AnnotationImportReport & { clippings: number } {
  const report = emptyReport()
  const clippings = parseKindleClippings(text)
  const name = (c: KindleClipping): string => (clippings.length > 1 ? `${file}#${c.n}` : file)
  const highlights = clippings.filter((c) => c.kind === 'highlight' && c.content)
  const notesOf = new Map<KindleClipping, KindleClipping[]>()
  const loose: KindleClipping[] = []
  for (const c of clippings) {
    if (c.kind === 'bookmark') {
      report.entries.push({ file: name(c), quote: '', articleId: null, status: 'skipped', reason: KINDLE_BOOKMARK_REASON })
    } else if (c.kind === 'unknown' || !c.content) {
      report.invalid++
      const reason = c.kind === 'unknown' ? 'not an annotation: not a Kindle clipping (no "- Your Highlight…" line)' : 'an annotation without a quote'
      report.entries.push({ file: name(c), quote: '', articleId: null, status: 'unmatched', reason })
    } else if (c.kind === 'note') {
      const owner = highlightOf(c, highlights)
      if (owner) notesOf.set(owner, [...(notesOf.get(owner) ?? []), c])
      else loose.push(c)
    }
  }
  const finder = new ArticleFinder(db)
  const cache = new ArticleCache(db)
  transaction(db, () => {
    for (const h of highlights) {
      const notes = notesOf.get(h) ?? []
      const entry: MatchEntry = {
        format: 'kindle',
        sources: [],
        title: h.title,
        selection: { exact: h.content, prefix: '', suffix: '', position: null, range: null },
        noSelection: null,
        note: notes.length ? notes.map((n) => n.content).join('\n\n') : null,
        tags: [],
        styleClass: null,
        textKind: 'clean',
        created: h.addedAt,
        modified: null
      }
      const tried = tryEntry(db, finder, cache, entry)
      count(report, tried.placement, tried.placed, h.title, tried.reason, { file: name(h), articleId: tried.owner, matched: tried.owner !== null })
      if (tried.placement === 'not-found' && tried.owner === null) keepUnattached(db, entry, file)
      // Each note is reported beside its highlight, with the highlight's outcome (the two are one annotation).
      const outcome = report.entries[report.entries.length - 1] as AnnotationOutcome
      const where = h.location ? ` at location ${h.location.start === h.location.end ? h.location.start : `${h.location.start}-${h.location.end}`}` : ''
      for (const n of notes) {
        const reason = outcome.status === 'attached' ? `Kindle note attached with its highlight${where}` : outcome.reason
        report.entries.push({ ...outcome, file: name(n), reason })
      }
    }
    for (const n of loose) {
      const reason = `Kindle note without a highlight in "${n.title}"`
      report.unmatched.push({ quote: '', note: n.content, title: n.title, reason })
      report.entries.push({ file: name(n), quote: '', articleId: null, status: 'unmatched', reason })
      // Kept with its text and where it sits in the book; there is no quote for a later import to anchor.
      keepUnattached(db, looseEntry(n), file)
    }
  })
  report.entries.sort((a, b) => a.file.localeCompare(b.file, 'en', { numeric: true }))
  return { ...report, clippings: clippings.length }
}

function looseEntry(n: KindleClipping): MatchEntry {
  return {
    format: 'kindle',
    sources: n.place ? [n.place] : [],
    title: n.title,
    selection: { exact: '', prefix: '', suffix: '', position: null, range: null },
    noSelection: null,
    note: n.content,
    tags: [],
    styleClass: null,
    textKind: 'clean',
    created: n.addedAt,
    modified: null
  }
}
