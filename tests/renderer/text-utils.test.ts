// Pure renderer logic: search snippet marks, paragraph offsets and position lookup, import batching and
// report merging, script → lang mapping.
import { describe, expect, it } from 'vitest'
import type { ImportReport } from '@shared/types'
import { mergeReports } from '@renderer/features/import-export/use-import'
import { batchFiles, MAX_FILES_PER_CALL } from '@renderer/features/import-export/read-files'
import { parseSnippet } from '@renderer/features/library/snippet'
import { paragraphIndexAt, splitParagraphs } from '@renderer/features/reader/paragraphs'
import { langForScript } from '@renderer/app/script-loader'

describe('parseSnippet', () => {
  it('splits marked runs', () => {
    expect(parseSnippet('…法国\uE000罢工\uE001再次\uE000罢工\uE001')).toEqual([
      { text: '…法国', mark: false },
      { text: '罢工', mark: true },
      { text: '再次', mark: false },
      { text: '罢工', mark: true }
    ])
  })
  it('handles no marks, empty marks and stray markers', () => {
    expect(parseSnippet('plain')).toEqual([{ text: 'plain', mark: false }])
    expect(parseSnippet('a\uE000\uE001b')).toEqual([{ text: 'ab', mark: false }])
    expect(parseSnippet('a\uE001b\uE000c')).toEqual([
      { text: 'ab', mark: false },
      { text: 'c', mark: true }
    ])
    expect(parseSnippet('')).toEqual([])
  })
  it('keeps astral characters whole', () => {
    expect(parseSnippet('\uE000𠮷\uE001')).toEqual([{ text: '𠮷', mark: true }])
  })
})

describe('paragraphs', () => {
  const text = '第一段\n\n第二段很长\r\n第三段\n'
  it('records exact offsets and skips blank lines', () => {
    const ps = splitParagraphs(text)
    expect(ps.map((p) => p.text)).toEqual(['第一段', '第二段很长', '第三段'])
    for (const p of ps) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text)
  })
  it('keeps blank lines for the original view', () => {
    expect(splitParagraphs(text, true).map((p) => p.text)).toEqual(['第一段', '', '第二段很长', '第三段', ''])
  })
  it('maps a character offset to its paragraph', () => {
    const ps = splitParagraphs(text)
    expect(paragraphIndexAt(ps, 0)).toBe(0)
    expect(paragraphIndexAt(ps, 4)).toBe(0)
    expect(paragraphIndexAt(ps, 5)).toBe(1)
    expect(paragraphIndexAt(ps, 7)).toBe(1)
    expect(paragraphIndexAt(ps, 12)).toBe(2)
    expect(paragraphIndexAt(ps, 10_000)).toBe(2)
    expect(paragraphIndexAt([], 3)).toBe(0)
  })
})

describe('import helpers', () => {
  it('batches files under the per-call caps', () => {
    const files = Array.from({ length: MAX_FILES_PER_CALL + 5 }, (_, i) => ({ name: `${i}.txt`, base64: 'QQ==', size: 1 }))
    const batches = batchFiles(files)
    expect(batches.map((b) => b.length)).toEqual([MAX_FILES_PER_CALL, 5])
    expect(batchFiles([])).toEqual([])
  })

  it('merges reports of one batch', () => {
    const base: ImportReport = { importId: 1, status: 'done', startedAt: 'a', finishedAt: 'b', imported: [], duplicates: [], failed: [], linksOnly: [], annotations: [], warnings: [] }
    const merged = mergeReports([
      { ...base, imported: [{ file: 'a.txt', id: 1, title: 'A' }] },
      { ...base, importId: 2, status: 'cancelled', failed: [{ file: 'b.txt', code: 'parse-error', reason: 'bad' }], finishedAt: 'c' }
    ])
    expect(merged?.status).toBe('cancelled')
    expect(merged?.imported).toHaveLength(1)
    expect(merged?.failed).toEqual([{ file: 'b.txt', code: 'parse-error', reason: 'bad' }])
    expect(merged?.finishedAt).toBe('c')
    expect(mergeReports([])).toBeNull()
  })
})

describe('langForScript', () => {
  it('tags the shown script, falling back to the source script for "original"', () => {
    expect(langForScript('cn', 't')).toBe('zh-CN')
    expect(langForScript('twp', null)).toBe('zh-TW')
    expect(langForScript('hk', 'cn')).toBe('zh-HK')
    expect(langForScript('jp', 'cn')).toBe('ja')
    expect(langForScript('original', 'tw')).toBe('zh-TW')
    expect(langForScript('original', null)).toBeUndefined()
  })
})
