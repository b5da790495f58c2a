// Kindle "My Clippings.txt" (issue 11): every clipping is accounted for once, by name (file#n), and a Kindle
// note is kept: with the highlight it belongs to (Kindle writes the note as its own clipping at the location
// where that highlight ends), or, when it has none, on the unattached-notes list with its text and place.
//
// CLIPPINGS follows the real file byte for byte in form: UTF-8 with a BOM, "==========" lines between
// clippings, a title line "Title (Author)", a meta line, a blank line, the text. The meta lines are the
// ones Kindles write, as collected in public parsers' tests (e.g. "- Your Note on page 1 | Location 14 |
// Added on Monday, March 4, 2019 10:23:05 PM"; Chinese Kindle "- 您在位置 #802 的笔记 | 添加于 2017年6月16日星期五
// 下午9:02:31", "- 您在第 20 页（位置 #152）的笔记 | …", "- 您在位置 #425-426的标注 | …"), and the tests/fixtures
// file of the same format. The quotes are from resources/samples/hualong-article.txt.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { listAnnotations } from '../../../../src/main/services/annotations'
import { listUnattached } from '../../../../src/main/services/annotation-import/unattached'
import type { ImportReport } from '../../../../src/shared/types'
import { createTestDb, FIXTURES, tempDir, type TestDb } from '../../../helpers/test-db'
import { importHualong } from '../../../helpers/annotations'

const HUALONG_EN = '華龍區扎實推進市域社會治理現代化工作側記 (張洪中)'
const HUALONG_ZH = '华龙区扎实推进市域社会治理现代化工作侧记 (张洪中)'
const CLIPPINGS =
  '\ufeff' +
  [
    // 1, 2: an English highlight and its note at the location where the highlight ends
    `${HUALONG_EN}\n- Your Highlight on page 1 | Location 12-14 | Added on Monday, March 4, 2019 10:22:11 PM\n\n平靜安逸的生活環境,折射出群眾對社會治安環境的放心和滿意\n`,
    `${HUALONG_EN}\n- Your Note on page 1 | Location 14 | Added on Monday, March 4, 2019 10:23:05 PM\n\n治安是基礎\n`,
    // 3, 4: a Chinese-Kindle highlight and a note inside its range
    `${HUALONG_ZH}\n- 您在位置 #40-41的标注 | 添加于 2019年3月5日星期二 上午8:01:09\n\n切实打通了市域社会治理“最后一米”\n`,
    `${HUALONG_ZH}\n- 您在位置 #40 的笔记 | 添加于 2019年3月5日星期二 上午8:02:10\n\n最后一米\n`,
    // 5: a Chinese-Kindle note with no highlight of its own (page and location)
    `${HUALONG_ZH}\n- 您在第 3 页（位置 #55）的笔记 | 添加于 2019年3月5日星期二 上午8:05:00\n\n这一段值得再读\n`,
    // 6: an English note with no highlight, in a book that is not in the library
    `三體 (劉慈欣)\n- Your Note on Location 900 | Added on Tuesday, March 5, 2019 9:05:00 AM\n\n黑暗森林\n`,
    // 7, 8: a highlight of that book, and its note
    `三體 (劉慈欣)\n- Your Highlight on page 5 | Location 77-78 | Added on Tuesday, March 5, 2019 9:00:00 AM\n\n給歲月以文明，而不是給文明以歲月。\n`,
    `三體 (劉慈欣)\n- Your Note on page 5 | Location 78 | Added on Tuesday, March 5, 2019 9:01:00 AM\n\n名句\n`,
    // 9, 10: a highlight of the article whose text is not in it, and its note
    `${HUALONG_EN}\n- Your Highlight on page 2 | Location 60-61 | Added on Tuesday, March 5, 2019 9:10:00 AM\n\n這句話不在文章裡\n`,
    `${HUALONG_EN}\n- Your Note on page 2 | Location 61 | Added on Tuesday, March 5, 2019 9:11:00 AM\n\n找不到\n`,
    // 11: a bookmark (a place, no text)
    `${HUALONG_EN}\n- Your Bookmark on page 2 | Location 20 | Added on Monday, March 4, 2019 10:30:00 PM\n\n\n`,
    // 12: a highlight Kindle wrote without its text (the empty clipping)
    `${HUALONG_ZH}\n- 您在位置 #70-71的标注 | 添加于 2019年3月5日星期二 上午9:20:00\n\n\n`,
    // 13: a block that is not a clipping (the meta line is missing)
    `這一行不是書名\n只是一段文字\n`,
    // 14: a Chinese-Kindle bookmark (page and location)
    `${HUALONG_ZH}\n- 您在第 2 页（位置 #20）的书签 | 添加于 2019年3月4日星期一 下午10:30:00\n\n\n`
  ].join('==========\n') +
  '==========\n'

/** The clippings of the file, read here without the importer: place in the file, kind, text. */
function clippingsOf(text: string): { n: number; kind: string; text: string }[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/^==========$/m)
    .filter((b) => b.trim() !== '')
    .map((b, i) => {
      const lines = b.replace(/^\n+/, '').split('\n')
      const meta = lines[1] ?? ''
      const kind = !meta.startsWith('- ') ? 'other' : /Highlight|的标注/.test(meta) ? 'highlight' : /Note|的笔记/.test(meta) ? 'note' : 'bookmark'
      return { n: i + 1, kind, text: lines.slice(2).join('\n').trim() }
    })
}

function statusByName(report: ImportReport, file: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const a of report.annotations.filter((x) => x.file.startsWith(`${file}#`))) out.set(a.file, [...(out.get(a.file) ?? []), a.status])
  for (const f of report.failed.filter((x) => x.file.startsWith(`${file}#`))) out.set(f.file, [...(out.get(f.file) ?? []), 'failed'])
  return out
}

describe('Kindle clippings: every clipping accounted for, notes kept', () => {
  const dbs: TestDb[] = []
  const tmp = tempDir()
  afterEach(() => {
    for (const t of dbs.splice(0)) t.cleanup()
  })

  it('English and Chinese Kindle: notes join their highlight or wait on the unattached list, each clipping named once', async () => {
    const t = await createTestDb()
    dbs.push(t)
    const art = await importHualong(t.db)
    const file = join(tmp.dir, 'My Clippings.txt')
    writeFileSync(file, CLIPPINGS)
    const clips = clippingsOf(CLIPPINGS)
    const report = await importPaths(t.db, [file], { worker: false })
    const byName = statusByName(report, file)

    // Every clipping has exactly one outcome; the bookmarks (a place with no text: no annotation) are
    // skipped, which is not "unplaced".
    const expected: Record<number, string> = { 1: 'attached', 2: 'attached', 3: 'attached', 4: 'attached', 5: 'unmatched', 6: 'unmatched', 7: 'unmatched', 8: 'unmatched', 9: 'orphaned', 10: 'orphaned', 11: 'skipped', 12: 'unmatched', 13: 'unmatched', 14: 'skipped' }
    const tally: Record<string, number> = {}
    for (const c of clips) {
      const got = byName.get(`${file}#${c.n}`) ?? []
      const status = got.join('+') || 'MISSING'
      tally[status] = (tally[status] ?? 0) + 1
      expect(got, `#${c.n} (${c.kind})`).toEqual([expected[c.n]])
    }
    expect(clips.filter((c) => c.kind === 'bookmark').map((c) => c.n)).toEqual([11, 14])
    expect(byName.size).toBe(clips.length)
    expect(report.annotations).toHaveLength(clips.length)
    console.log(`${clips.length} clippings (counted here), ${report.annotations.length} outcomes: ${Object.entries(tally).map(([s, n]) => `${n} ${s}`).join(', ')}`)

    // Notes that belong to a highlight became that highlight's note, and the report says so.
    const stored = listAnnotations(t.db, art.id).items.map((a) => [a.quote, a.note])
    expect(stored).toEqual([
      ['平靜安逸的生活環境,折射出群眾對社會治安環境的放心和滿意', '治安是基礎'],
      ['切實打通了市域社會治理“最后一米”', '最后一米']
    ])
    const reason = (n: number): string | undefined => report.annotations.find((a) => a.file === `${file}#${n}`)?.reason
    expect(reason(2)).toBe('Kindle note attached with its highlight at location 12-14')
    expect(reason(4)).toBe('Kindle note attached with its highlight at location 40-41')
    expect(reason(5)).toBe('Kindle note without a highlight in "华龙区扎实推进市域社会治理现代化工作侧记"')
    expect(reason(10)).toBe(reason(9))
    expect([reason(11), reason(14)]).toEqual(['bookmark: a place without text', 'bookmark: a place without text'])

    // Notes without a highlight are kept with their text and place; the 三體 note waits with its highlight.
    const kept = listUnattached(t.db).map((n) => ({ quote: n.quote, note: n.note, title: n.title, source: n.source }))
    console.log(`unattached after the import: ${kept.map((n) => `${n.title} 「${n.quote}」 ${n.note} ${n.source ?? ''}`).join(' | ')}`)
    expect(kept).toEqual([
      { quote: '給歲月以文明，而不是給文明以歲月。', note: '名句', title: '三體', source: null },
      { quote: '', note: '这一段值得再读', title: '华龙区扎实推进市域社会治理现代化工作侧记', source: '位置 #55' },
      { quote: '', note: '黑暗森林', title: '三體', source: 'Location 900' }
    ])

    // The same file again: nothing stored twice; the placed clippings and their notes are duplicates.
    const again = await importPaths(t.db, [file], { worker: false })
    const second = statusByName(again, file)
    expect([1, 2, 3, 4].map((n) => second.get(`${file}#${n}`))).toEqual([['duplicate'], ['duplicate'], ['duplicate'], ['duplicate']])
    expect([11, 14].map((n) => second.get(`${file}#${n}`))).toEqual([['skipped'], ['skipped']])
    expect(listUnattached(t.db)).toHaveLength(3)
    expect(listAnnotations(t.db, art.id).items).toHaveLength(2)
  })

  it('the tests/fixtures clippings file: its note joins its highlight and every clipping is named, the bookmark as skipped', async () => {
    const t = await createTestDb()
    dbs.push(t)
    await importHualong(t.db)
    const file = join(FIXTURES, 'annotations', 'kindle-my-clippings.txt')
    const report = await importPaths(t.db, [file], { worker: false })
    const named = report.annotations.map((a) => `${a.file.slice(file.length)}=${a.status}`)
    console.log(`fixture: ${named.join(', ')}`)
    expect(named).toEqual(['#1=attached', '#2=attached', '#3=attached', '#4=skipped', '#5=unmatched'])
  })
})
