// Reading the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as it is written,
// not one shape of it (pure): single annotations, arrays, AnnotationCollection/AnnotationPage with
// first/next pages embedded or named by id in the same file, targets as an IRI, an object, an array or a
// list (Independents/List/Composite), selectors as alternatives, RangeSelector and refinedBy chains, and
// several bodies (TextualBody `purpose` tagging vs commenting, Choice, IRIs). Every annotation found
// becomes one entry, numbered in document order; whatever is not an annotation is named as invalid.

type Obj = Record<string, unknown>

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]
}

function types(o: Obj): string[] {
  return [...list(o.type), ...list(o['@type'])].filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(?:oa|as):/, ''))
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null
}

function idOf(v: unknown): string | null {
  return str(v) ?? (isObj(v) ? (str(v.id) ?? str(v['@id'])) : null)
}

export interface TextSelection {
  exact: string | null
  prefix: string
  suffix: string
  position: { start: number; end: number } | null
  /** RangeSelector: the selection runs from the start of `start` to the end of `end`. */
  range: { start: TextSelection; end: TextSelection } | null
}

export interface W3cEntry {
  /** 1-based, in document order */
  n: number
  id: string | null
  /** every resource the annotation targets (URLs, our urn:marginalia:article: ids) */
  sources: string[]
  /** the title our export writes (dcterms:title), or the source's own title */
  title: string | null
  selection: TextSelection | null
  /** why there is no text selection (an XPath, a region of an image, a whole resource) */
  noSelection: string | null
  note: string | null
  tags: string[]
  styleClass: string | null
  textKind: 'clean' | 'original'
  created: string | null
  modified: string | null
}

export interface W3cDocument {
  entries: W3cEntry[]
  invalid: { n: number; reason: string }[]
  /** pages a collection names (`first`/`next`) that are not in this file */
  missingPages: string[]
}

// --- selectors ---

type Resolved = { selection: TextSelection } | { reason: string }

function empty(): TextSelection {
  return { exact: null, prefix: '', suffix: '', position: null, range: null }
}

function selectorOf(sel: unknown, depth = 0): Resolved {
  if (depth > 16) return { reason: 'selectors nested too deeply' }
  if (Array.isArray(sel)) {
    // Alternatives describing one range: merge what each says (a quote and a position, typically).
    const merged = empty()
    const reasons: string[] = []
    let any = false
    for (const s of sel) {
      const r = selectorOf(s, depth + 1)
      if ('reason' in r) {
        reasons.push(r.reason)
        continue
      }
      any = true
      merged.exact ??= r.selection.exact
      if (!merged.prefix) merged.prefix = r.selection.prefix
      if (!merged.suffix) merged.suffix = r.selection.suffix
      merged.position ??= r.selection.position
      merged.range ??= r.selection.range
    }
    return any ? { selection: merged } : { reason: reasons[0] ?? 'no selector' }
  }
  if (typeof sel === 'string') return { reason: `its selector is named by IRI (${sel.slice(0, 80)}) and not in the file` }
  if (!isObj(sel)) return { reason: 'no selector' }
  const type = types(sel)[0] ?? ''
  // The innermost text selector of a refinedBy chain is the most precise.
  if (sel.refinedBy !== undefined) {
    const inner = selectorOf(sel.refinedBy, depth + 1)
    if ('selection' in inner) return inner
    if (type !== 'TextQuoteSelector' && type !== 'TextPositionSelector') return inner
  }
  if (type === 'TextQuoteSelector' && typeof sel.exact === 'string') {
    return { selection: { ...empty(), exact: sel.exact, prefix: typeof sel.prefix === 'string' ? sel.prefix : '', suffix: typeof sel.suffix === 'string' ? sel.suffix : '' } }
  }
  if (type === 'TextPositionSelector' && Number.isInteger(sel.start) && Number.isInteger(sel.end) && (sel.end as number) >= (sel.start as number) && (sel.start as number) >= 0) {
    return { selection: { ...empty(), position: { start: sel.start as number, end: sel.end as number } } }
  }
  if (type === 'RangeSelector') {
    const start = selectorOf(sel.startSelector, depth + 1)
    const end = selectorOf(sel.endSelector, depth + 1)
    if ('selection' in start && 'selection' in end) return { selection: { ...empty(), range: { start: start.selection, end: end.selection } } }
    return { reason: `its RangeSelector does not select text (${'reason' in start ? start.reason : (end as { reason: string }).reason})` }
  }
  return { reason: `its selector (${type || 'untyped'}) does not select text` }
}

// --- targets ---

interface TargetInfo {
  sources: string[]
  title: string | null
  selection: TextSelection | null
  reason: string | null
  styleClass: string | null
  textKind: 'clean' | 'original'
}

function targetOf(target: unknown): TargetInfo {
  const info: TargetInfo = { sources: [], title: null, selection: null, reason: null, styleClass: null, textKind: 'clean' }
  const visit = (t: unknown, depth: number): void => {
    if (depth > 8) return
    if (typeof t === 'string') {
      info.sources.push(t)
      info.reason ??= 'it annotates a whole resource, not a passage of text'
      return
    }
    if (Array.isArray(t)) {
      for (const x of t) visit(x, depth + 1)
      return
    }
    if (!isObj(t)) return
    // Independents / List / Composite: a list of targets.
    if (Array.isArray(t.items)) {
      for (const x of t.items) visit(x, depth + 1)
      return
    }
    const source = idOf(t.source) ?? (t.selector === undefined ? idOf(t) : null)
    if (source) info.sources.push(source)
    const scope = idOf(t.scope)
    if (scope) info.sources.push(scope)
    info.title ??= str(t['dcterms:title']) ?? (isObj(t.source) ? str(t.source.title) : null)
    info.styleClass ??= str(t.styleClass)
    if (t['marginalia:textKind'] === 'original') info.textKind = 'original'
    if (info.selection) return
    if (t.selector === undefined) {
      info.reason ??= 'it annotates a whole resource, not a passage of text'
      return
    }
    const r = selectorOf(t.selector)
    if ('selection' in r) {
      info.selection = r.selection
      info.reason = null
    } else info.reason = r.reason
  }
  visit(target, 0)
  info.sources = [...new Set(info.sources)]
  return info
}

// --- bodies ---

function bodiesOf(anno: Obj): { note: string | null; tags: string[] } {
  const notes: string[] = []
  const tags: string[] = []
  const tagging = list(anno.motivation).includes('tagging')
  const visit = (b: unknown, depth: number): void => {
    if (depth > 8) return
    if (typeof b === 'string') {
      // A body named by IRI is a resource elsewhere: kept as its link rather than lost.
      notes.push(b)
      return
    }
    if (Array.isArray(b)) {
      for (const x of b) visit(x, depth + 1)
      return
    }
    if (!isObj(b)) return
    const t = types(b)
    if (t.includes('Choice') && Array.isArray(b.items)) {
      visit(b.items[0], depth + 1)
      return
    }
    const value = typeof b.value === 'string' ? b.value : typeof b.chars === 'string' ? b.chars : null
    if (value !== null && value.trim() !== '') {
      if (list(b.purpose).includes('tagging') || (tagging && b.purpose === undefined)) tags.push(value.trim())
      else notes.push(value)
      return
    }
    const link = idOf(b.source) ?? idOf(b)
    if (link) notes.push(link)
  }
  visit(anno.body, 0)
  if (typeof anno.bodyValue === 'string' && anno.bodyValue.trim() !== '') notes.push(anno.bodyValue)
  return { note: notes.length ? notes.join('\n\n') : null, tags }
}

// --- the document ---

/** Every annotation of a parsed W3C JSON-LD document, in order, with what was not one named. */
export function readW3cDocument(data: unknown): W3cDocument {
  const doc: W3cDocument = { entries: [], invalid: [], missingPages: [] }
  // Pages and collections may name each other by id: index every object with an id first.
  const byId = new Map<string, Obj>()
  const index = (v: unknown, depth: number): void => {
    if (depth > 6) return
    if (Array.isArray(v)) for (const x of v) index(x, depth + 1)
    else if (isObj(v)) {
      const id = idOf(v)
      const t = types(v)
      if (id && (t.includes('AnnotationPage') || t.includes('AnnotationCollection'))) byId.set(id, v)
      for (const k of ['first', 'next', 'items', '@graph']) if (k in v) index(v[k], depth + 1)
    }
  }
  index(data, 0)
  const seen = new Set<unknown>()
  let n = 0

  const page = (ref: unknown, depth: number): void => {
    const p = isObj(ref) ? ref : typeof ref === 'string' ? byId.get(ref) : undefined
    if (!p) {
      if (typeof ref === 'string' && !doc.missingPages.includes(ref)) doc.missingPages.push(ref)
      return
    }
    walk(p, depth + 1)
  }

  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) return
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1)
      return
    }
    if (seen.has(v)) return
    seen.add(v)
    if (!isObj(v)) {
      doc.invalid.push({ n: ++n, reason: typeof v === 'string' ? `an annotation named by IRI (${v.slice(0, 80)}) but not included in the file` : 'not an annotation object' })
      return
    }
    const t = types(v)
    if (t.includes('AnnotationCollection')) {
      if (Array.isArray(v.items)) walk(v.items, depth + 1)
      if (v.first !== undefined) page(v.first, depth)
      return
    }
    if (t.includes('AnnotationPage')) {
      walk(list(v.items), depth + 1)
      if (v.next !== undefined) page(v.next, depth)
      return
    }
    if (Array.isArray(v['@graph'])) {
      walk(v['@graph'], depth + 1)
      return
    }
    if (!t.includes('Annotation')) {
      doc.invalid.push({ n: ++n, reason: `not an annotation (type ${t.join(', ') || 'missing'})` })
      return
    }
    if (v.target === undefined) {
      doc.invalid.push({ n: ++n, reason: 'an annotation without a target' })
      return
    }
    const target = targetOf(v.target)
    const { note, tags } = bodiesOf(v)
    doc.entries.push({
      n: ++n,
      id: idOf(v),
      sources: target.sources,
      title: target.title,
      selection: target.selection,
      noSelection: target.selection ? null : (target.reason ?? 'it has no text selector'),
      note,
      tags,
      styleClass: target.styleClass,
      textKind: target.textKind,
      created: str(v.created),
      modified: str(v.modified)
    })
  }
  walk(data, 0)
  return doc
}
