// The import report's reasons in the UI language: every sentence the main process writes for a failed file,
// an unplaced highlight or a warning is put into words of each catalogue, and system error codes never show.
import { describe, expect, it } from 'vitest'
import { IMPORT_FAILURE_CODES, type ImportFailureCode, type ImportFailureParams } from '../../src/shared/types'
import { explainAnnotation, explainFailure, explainWarning } from '../../src/renderer/src/features/import-export/import-reasons'
import { makeTranslate } from '../../src/renderer/src/i18n'

// As written by src/main (import-pipeline, formats, reading, annotation-import).
const FAILURES = [
  'the file is empty (0 bytes)',
  'cannot read: ENOENT',
  'cannot read: EACCES',
  'cannot list folder: EPERM',
  'could not be stored for import (ENOSPC)',
  'declared as EUC-TW (CNS 11643), an encoding we cannot decode: convert the file to UTF-8 (or Big5) and import it again',
  'looks like EUC-TW (CNS 11643), an encoding we cannot decode: convert the file to UTF-8 (or Big5) and import it again',
  'declared as x-mac-chinesetrad, an encoding we cannot decode: convert the file to UTF-8 (or Big5)',
  'not valid UTF-8, and no Chinese encoding decodes it as text (gb18030: private-use characters)',
  '12,000,000 bytes, larger than the 10,485,760-byte limit per file',
  'excerpt only: an excerpt, not the article (https://example.com/a)',
  'skipped: a link to /etc/passwd, outside the chosen folder',
  'looks like a PNG image, not text',
  'looks like a Windows executable, not text',
  'feed.xml is not valid JSON: Unexpected token',
  'truncated or malformed feed: an <item> never closes',
  'Atom feed with no items',
  'CSV without a URL column; only Pocket/Instapaper link exports are recognised',
  'JSON without article fields (no title/content/html/body/text)',
  '"a.txt" is damaged: invalid local file header',
  'archive expands beyond the 2147483648-byte total limit',
  'not read: the import was cancelled',
  'empty: no article text in this record',
  'a Web Annotation file with no annotations in it'
]
const ANNOTATIONS = [
  'no article in the library matches this title or quote',
  'no article in the library contains its quote',
  'quote not found in the article its target names',
  'it annotates a whole resource, not a passage of text; target: http://example.com/page1',
  'its RangeSelector does not select text (no selector); target: http://example.com/a',
  'an annotation without a quote',
  'article 12 does not exist',
  'Kindle note without a highlight in "平安华龙"',
  'joined the highlight already on this range',
  'already highlighted with this note'
]
const WARNINGS = [
  'imported as plain text: 250,000 HTML elements, more than the 200,000 we lay out',
  'only 120 of 4,000 visible characters survived sanitising (the rest was inside form controls, SVG or MathML)'
]

const ENGLISH_LEFT = /\b(the|not|no|an?|of|is|cannot|file|article)\b|\bE[A-Z]{3,}\b/

describe('import reasons in plain words', () => {
  for (const language of ['zh-Hans', 'zh-Hant'] as const) {
    it(`${language}: ${FAILURES.length + ANNOTATIONS.length + WARNINGS.length} reasons, none left in English or as a system code`, () => {
      const w = { t: makeTranslate(language), formatBytes: (n: number) => `${(n / 1048576).toFixed(1)} MB` }
      const said = [...FAILURES.map((r) => explainFailure(r, w)), ...ANNOTATIONS.map((reason) => explainAnnotation({ reason }, w)), ...WARNINGS.map((m) => explainWarning(m, w))]
      // URLs, paths, encoding and format names stay as written; the sentence around them is translated.
      const english = said.filter((s) => ENGLISH_LEFT.test(s.replace(/https?:\S+|\/\S+|x-mac-\S+|EUC-TW|CNS|UTF-8|Big5|JSON|XML|CSV|Pocket|Instapaper|PNG|Kindle/g, '')))
      console.log(`[import-reasons] ${language}: ${said.length - english.length} of ${said.length} in the UI language; e.g. ${said[1]} / ${said[3]}`)
      expect(english).toEqual([])
    })
  }

  it('a system code becomes what it means, in English as well', () => {
    const w = { t: makeTranslate('en'), formatBytes: (n: number) => `${n} B` }
    expect(explainFailure('cannot read: ENOENT', w)).toBe('Cannot be read: the file does not exist, or was moved or deleted.')
    expect(explainFailure('unexpected error: EACCES: permission denied', w)).toBe('Unexpected error: there is no permission to read it: permission denied')
    expect(explainFailure('12,000,000 bytes, larger than the 10,485,760-byte limit per file', w)).toBe('Too large (12000000 B); each file may be at most 10485760 B.')
    expect(explainAnnotation({ reason: 'it annotates a whole resource, not a passage of text; target: http://example.com/page1' }, w)).toBe(
      'It annotates a whole page, not a passage of text. (target: http://example.com/page1)'
    )
  })
})

// Every failure code (with the params its sites write) has a message in each UI language: the report is
// translated by code, the sentence rules above serve only reports stored before codes.
const CODED: Record<ImportFailureCode, ImportFailureParams[]> = {
  'not-found': [{ op: 'read', errno: 'ENOENT' }, { op: 'list', errno: 'ENOENT' }],
  permission: [{ op: 'read', errno: 'EACCES' }],
  io: [{ op: 'read', errno: 'EIO' }, { op: 'list', errno: 'EMFILE' }],
  'not-stored': [{ errno: 'ENAMETOOLONG' }],
  'not-a-file': [{}],
  'unsafe-path': [{ target: '/etc/passwd' }, {}],
  empty: [{ what: 'file' }, { what: 'record' }, { what: 'archive' }, { what: 'feed' }, { what: 'records' }],
  'no-article': [{}],
  unsupported: [{ what: 'csv' }, { what: 'json' }, { what: 'iptc' }, { what: 'no-url' }, {}],
  'links-only': [{}],
  'excerpt-only': [{ url: 'https://example.com/a' }],
  binary: [{}, { what: 'program' }],
  undecodable: [{}, { line: 2 }, { encoding: 'EUC-TW (CNS 11643)' }, { encoding: 'x-mac-chinesetrad' }],
  'too-large': [{ sizeBytes: 300_000_000, limitBytes: 268_435_456 }, { limitBytes: 268_435_456 }, { chars: 20_000_000, limitChars: 16_777_216 }, {}],
  'too-deep': [{}, { what: 'archive', levels: 3 }],
  'zip-bomb': [{}],
  corrupt: [{}],
  'parse-error': [{ format: 'json' }, { format: 'xml' }, { format: 'yaml' }, { format: 'feed' }, {}],
  'no-annotations': [{ format: 'w3c' }, { format: 'kindle' }],
  cancelled: [{}],
  'record-not-saved': [{}],
  internal: [{ detail: 'SQLITE_FULL' }]
}

describe('failure codes', () => {
  const cases = IMPORT_FAILURE_CODES.flatMap((code) => CODED[code].map((params) => ({ code, params })))
  for (const language of ['en', 'zh-Hans', 'zh-Hant'] as const) {
    it(`${language}: all ${IMPORT_FAILURE_CODES.length} codes (${cases.length} cases) have a message, placeholders filled, no system code`, () => {
      const w = { t: makeTranslate(language), formatBytes: (n: number) => `${(n / 1048576).toFixed(1)} MB` }
      const said = cases.map((c) => explainFailure({ ...c, reason: 'SENTENCE NOT USED' }, w))
      console.log(`[failure codes] ${language}: ${IMPORT_FAILURE_CODES.length} codes, ${new Set(said).size} distinct messages; e.g. ${said[0]} / ${said[cases.length - 9]}`)
      for (const [i, text] of said.entries()) {
        const c = cases[i]!
        expect(text, `${c.code} ${JSON.stringify(c.params)}`).not.toMatch(/SENTENCE|\{\w+\}|\bE[A-Z]{3,}\b|undefined|NaN/)
        if (language !== 'en') expect(text, `${c.code} ${JSON.stringify(c.params)}`).toMatch(/\p{Script=Han}/u)
      }
      // Each case says something of its own, apart from codes that deliberately share a message.
      expect(new Set(said).size).toBeGreaterThanOrEqual(cases.length - 6)
    })
  }

  it('a stored report without codes is still explained by its sentence', () => {
    const w = { t: makeTranslate('en'), formatBytes: (n: number) => `${n} B` }
    expect(explainFailure({ file: 'a.txt', reason: 'cannot read: ENOENT' } as never, w)).toBe('Cannot be read: the file does not exist, or was moved or deleted.')
  })
})
