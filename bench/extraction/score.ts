// Scoring one extraction against a page's hand-made label, and summing pages into figures.
// Pure functions: no I/O, so the test can check them on hand-made examples.
import type { PageLabel, Split } from './pages'

/** What an extractor produced for one page (ours: ParsedArticle; the baseline: Readability's result). */
export interface Extraction {
  title: string | null
  publishedAt: string | null
  author: string | null
  editor: string | null
  source: string | null
  body: string
}

export const FIELDS = ['title', 'publishedAt', 'author', 'editor', 'source'] as const
export type Field = (typeof FIELDS)[number]

export interface PageScore {
  file: string
  split: Split
  fields: Record<Field, boolean>
  /** Whether the page prints a date (only dated pages count towards date accuracy). */
  dated: boolean
  recall: number
  precision: number
  missing: string[]
  leaked: string[]
  fullyRight: boolean
}

export interface Summary {
  pages: number
  datedPages: number
  /** Share of pages right, per field; publishedAt is over dated pages only. */
  accuracy: Record<Field, number>
  recall: number
  precision: number
  fullyRight: number
}

/** NFKC, no whitespace at all: Chinese text has no word spaces, and extractors differ on inline breaks. */
export function normalize(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '')
}

const sameText = (a: string | null, b: string | null): boolean => {
  const x = a === null ? '' : normalize(a)
  const y = b === null ? '' : normalize(b)
  return x === y
}

export interface DateParts {
  day: string
  time: string | null
}

/**
 * Calendar day and HH:MM of a date string as a Chinese reader reads it. A value in UTC ('Z') is
 * moved to Beijing time (+08:00), since every page prints local time; any other offset is kept
 * as written, because it is the publisher's own wall clock.
 */
export function dateParts(value: string | null): DateParts | null {
  if (!value) return null
  const s = value.normalize('NFKC').trim()
  const m = /(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})[:时](\d{2}))?(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(s)
  if (!m) return null
  const [, y, mo, d, h, mi, zone] = m
  const pad = (n: string | undefined): string => (n ?? '').padStart(2, '0')
  if (h !== undefined && zone === 'Z') {
    const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) + 8 * 3600_000)
    const iso = t.toISOString()
    return { day: iso.slice(0, 10), time: iso.slice(11, 16) }
  }
  return { day: `${y}-${pad(mo)}-${pad(d)}`, time: h !== undefined ? `${pad(h)}:${mi}` : null }
}

/** Same calendar day, and the same time when both give one; null (page prints none) must stay null. */
export function sameDate(label: string | null, got: string | null): boolean {
  const want = dateParts(label)
  const have = dateParts(got)
  if (!want) return !have
  if (!have || have.day !== want.day) return false
  return want.time === null || have.time === null || want.time === have.time
}

export function scorePage(label: PageLabel, got: Extraction): PageScore {
  const body = normalize(got.body)
  const missing = label.mustContain.filter((s) => !body.includes(normalize(s)))
  const leaked = label.mustNotContain.filter((s) => body.includes(normalize(s)))
  const fields: Record<Field, boolean> = {
    title: sameText(label.title, got.title),
    publishedAt: sameDate(label.publishedAt, got.publishedAt),
    author: sameText(label.author, got.author),
    editor: sameText(label.editor, got.editor),
    source: sameText(label.source, got.source)
  }
  const recall = label.mustContain.length ? 1 - missing.length / label.mustContain.length : 1
  const precision = label.mustNotContain.length ? 1 - leaked.length / label.mustNotContain.length : 1
  return {
    file: label.file,
    split: label.split,
    fields,
    dated: label.publishedAt !== null,
    recall,
    precision,
    missing,
    leaked,
    fullyRight: FIELDS.every((f) => fields[f]) && missing.length === 0 && leaked.length === 0
  }
}

export function summarize(scores: PageScore[]): Summary {
  const n = scores.length
  const share = (k: number, of: number): number => (of === 0 ? NaN : k / of)
  const dated = scores.filter((s) => s.dated)
  const accuracy = {} as Record<Field, number>
  for (const f of FIELDS) {
    const pool = f === 'publishedAt' ? dated : scores
    accuracy[f] = share(pool.filter((s) => s.fields[f]).length, pool.length)
  }
  return {
    pages: n,
    datedPages: dated.length,
    accuracy,
    recall: share(scores.reduce((a, s) => a + s.recall, 0), n),
    precision: share(scores.reduce((a, s) => a + s.precision, 0), n),
    fullyRight: share(scores.filter((s) => s.fullyRight).length, n)
  }
}
