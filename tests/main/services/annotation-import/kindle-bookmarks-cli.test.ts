// Issue 11: Kindle bookmarks (a place without text, English and Chinese Kindle) are named in `cli import
// --json` as `skipped`, one outcome per clipping, and they do not make the import exit 1 as unplaced
// highlights do. The clippings are counted here from the file, independently of the importer.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { ANNOTATION_STATUSES, UNPLACED_ANNOTATION_STATUSES, type ImportAnnotationEntry } from '../../../../src/shared/types'
import { cli } from '../../../helpers/cli'
import { SAMPLES, tempDir } from '../../../helpers/test-db'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const EN = '華龍區扎實推進市域社會治理現代化工作側記 (張洪中)'
const ZH = '华龙区扎实推进市域社会治理现代化工作侧记 (张洪中)'
const CLIPPINGS =
  '\ufeff' +
  [
    `${EN}\n- Your Highlight on page 1 | Location 12-14 | Added on Monday, March 4, 2019 10:22:11 PM\n\n平靜安逸的生活環境,折射出群眾對社會治安環境的放心和滿意\n`,
    `${EN}\n- Your Bookmark on page 2 | Location 20 | Added on Monday, March 4, 2019 10:30:00 PM\n\n\n`,
    `${ZH}\n- 您在第 3 页（位置 #31）的书签 | 添加于 2019年3月5日星期二 上午8:00:00\n\n\n`,
    `${ZH}\n- 您在位置 #40-41的标注 | 添加于 2019年3月5日星期二 上午8:01:09\n\n切实打通了市域社会治理“最后一米”\n`,
    `${ZH}\n- 您在位置 #44 的书签 | 添加于 2019年3月5日星期二 上午8:03:00\n\n\n`
  ].join('==========\n') +
  '==========\n'

it('cli import --json: every clipping one outcome, bookmarks skipped (not unplaced), exit 0', async () => {
  const file = join(tmp.dir, 'My Clippings.txt')
  writeFileSync(file, CLIPPINGS)
  const blocks = CLIPPINGS.split(/^==========$/m).filter((b) => b.trim() !== '')
  const bookmarks = blocks.filter((b) => /Your Bookmark|的书签/.test(b)).length
  const r = await cli(['--db', join(tmp.dir, 'lib.sqlite'), 'import', '--json', join(SAMPLES, 'hualong-article.txt'), file])
  const report = JSON.parse(r.stdout) as { annotations: ImportAnnotationEntry[]; failed: unknown[] }
  const statuses = report.annotations.map((a) => `${a.file.slice(file.length)}=${a.status}`)
  console.log(`${blocks.length} clippings (${bookmarks} bookmarks) counted in the file; --json: ${statuses.join(', ')}; exit ${r.code}`)
  expect(bookmarks).toBe(3)
  expect(statuses).toEqual(['#1=attached', '#2=skipped', '#3=skipped', '#4=attached', '#5=skipped'])
  expect(new Set(report.annotations.map((a) => a.file)).size).toBe(blocks.length)
  for (const a of report.annotations.filter((x) => x.status === 'skipped')) {
    expect(a).toEqual({ file: a.file, quote: '', articleId: null, status: 'skipped', reason: 'bookmark: a place without text' })
  }
  expect(ANNOTATION_STATUSES).toContain('skipped')
  expect(UNPLACED_ANNOTATION_STATUSES).not.toContain('skipped')
  expect(report.failed).toEqual([])
  expect(r.code).toBe(0)
})

it('a file of bookmarks only: each bookmark named as skipped, the file not failed', async () => {
  const file = join(tmp.dir, 'Bookmarks Clippings.txt')
  const parts = CLIPPINGS.split('==========\n')
  writeFileSync(file, [parts[1], parts[2]].join('==========\n') + '==========\n')
  const r = await cli(['--db', join(tmp.dir, 'lib2.sqlite'), 'import', '--json', file])
  const report = JSON.parse(r.stdout) as { annotations: ImportAnnotationEntry[]; failed: unknown[] }
  console.log(`bookmarks only: ${report.annotations.map((a) => `${a.file.slice(file.length)}=${a.status}`).join(', ')}; ${report.failed.length} failed; exit ${r.code}`)
  expect(report.annotations.map((a) => a.status)).toEqual(['skipped', 'skipped'])
  expect(report.failed).toEqual([])
  expect(r.code).toBe(0)
})
