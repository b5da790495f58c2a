// Issue 11: every record of every input is accounted for exactly once. Each fixture file's records are
// counted here, independently of the parsers (a small regex or JSON walk per kind of file), and the
// import report must name each of them once: imported + duplicates + failed + links only + annotation
// entries. A file without records must still be named once (as failed).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../../../src/shared/types'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { createTestDb, FIXTURES, SAMPLES, type TestDb } from '../../../helpers/test-db'

type Json = unknown

function walk(node: Json, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit))
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>)
    Object.values(node).forEach((n) => walk(n, visit))
  }
}

function csvRows(text: string): number {
  let rows = 0
  let quoted = false
  let content = false
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    if (ch === '"') quoted = !quoted
    if (ch === '\n' && !quoted) {
      if (content) rows++
      content = false
    } else if (ch.trim()) content = true
  }
  return rows + (content ? 1 : 0) - 1 // the header
}

/** Kindle clippings: every block between separators, bookmarks (a place without text) included. */
function kindleClippings(text: string): number {
  return text.split(/^==========\s*$/m).filter((b) => b.trim() !== '').length
}

/** How many records the file holds, counted without the importer's parsers. */
function countRecords(file: string): number {
  const bytes = readFileSync(file)
  if (bytes.length === 0) return 0
  const text = bytes.toString('utf8').replace(/^\ufeff/, '')
  const name = basename(file).toLowerCase()
  if (name.endsWith('.json')) {
    const data = JSON.parse(text) as Json
    let annotations = 0
    let places = 0
    walk(data, (o) => {
      const type = o.type
      if (type === 'Annotation' || (Array.isArray(type) && type.includes('Annotation'))) annotations++
      if (typeof o.uri === 'string' && /^https?:/.test(o.uri)) places++
    })
    if (annotations > 0 && !Array.isArray(data)) return annotations
    if (places > 0) return places
    // A list of entries (Wallabag): each entry, and each annotation it carries.
    const list = Array.isArray(data) ? data : [data]
    return list.reduce<number>((n, e) => n + 1 + (Array.isArray((e as { annotations?: unknown[] }).annotations) ? ((e as { annotations: unknown[] }).annotations.length) : 0), 0)
  }
  if (name.endsWith('.csv')) return csvRows(text)
  if (name.endsWith('.html') && /NETSCAPE-Bookmark-file/i.test(text)) return (text.match(/<a\s[^>]*href=/gi) ?? []).length
  if (name.endsWith('.opml')) return (text.match(/<outline[^>]*xmlUrl="https?:/gi) ?? []).length
  if (/\.(rss|atom|xml)$/.test(name)) return (text.match(/<(item|entry)[\s>]/g) ?? []).length || 1
  if (/clippings/.test(name)) return kindleClippings(text)
  return 1
}

function accountedFor(report: ImportReport, file: string): { total: number; line: string } {
  const mine = (f: string): boolean => f === file || f.startsWith(`${file}#`)
  const imported = report.imported.filter((x) => mine(x.file)).length
  const duplicates = report.duplicates.filter((x) => mine(x.file)).length
  const failed = report.failed.filter((x) => mine(x.file)).length
  const links = report.linksOnly.filter((x) => x.file === file).reduce((n, x) => n + x.links, 0)
  const annotations = report.annotations.filter((x) => mine(x.file)).length
  return {
    total: imported + duplicates + failed + links + annotations,
    line: `${imported} imported, ${duplicates} duplicates, ${failed} failed, ${links} links only, ${annotations} annotation entries`
  }
}

const DIRS = ['annotations', 'import/annotations', 'import/readlater', 'import/feeds', 'import/news_txt', 'import/newsml', 'import/encodings']

describe('every record of every fixture file is reported exactly once', () => {
  let t: TestDb
  // Articles for highlights to find: the samples the annotation fixtures were written against.
  beforeAll(async () => {
    t = await createTestDb()
    await importPaths(t.db, [SAMPLES], { worker: false })
  })
  afterAll(() => t?.cleanup())

  for (const dir of DIRS) {
    it(`tests/fixtures/${dir}`, async () => {
      const files = readdirSync(join(FIXTURES, dir))
        .filter((n) => !n.endsWith('.md'))
        .map((n) => join(FIXTURES, dir, n))
        .filter((f) => statSync(f).isFile())
      const lines: string[] = []
      for (const file of files) {
        const records = countRecords(file)
        const report = await importPaths(t.db, [file], { worker: false })
        const { total, line } = accountedFor(report, file)
        lines.push(`${basename(file)}: ${records} records → ${line}`)
        // A file refused whole (undecodable, too large) is named once, for all of its records.
        const refusedWhole = total === 1 && report.failed.some((f) => f.file === file)
        if (records === 0 || refusedWhole) expect(report.failed.filter((f) => f.file === file), file).toHaveLength(1)
        else expect(total, `${file}: ${line}`).toBe(records)
        // Each name once: no record reported under two categories.
        const names = [...report.imported, ...report.duplicates, ...report.failed].map((x) => x.file).filter((f) => f.startsWith(`${file}#`))
        expect(new Set(names).size, file).toBe(names.length)
      }
      console.log(`${dir}:\n  ${lines.join('\n  ')}`)
    }, 120_000)
  }
})
