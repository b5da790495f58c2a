// The extraction benchmark's quick form: the hand labels are well-formed and match their pages, the
// scorer scores a hand-made example as expected, and the current figures are printed (not asserted:
// the goals are what `npm run bench` reports against).
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodePage, labelProblems, loadLabels, pageText, PAGES_DIR, readPage, TUNE_FILES, type PageLabel } from '../../../../bench/extraction/pages'
import { runExtraction } from '../../../../bench/extraction/run'
import { dateParts, sameDate, scorePage, summarize, type Extraction } from '../../../../bench/extraction/score'

describe('news page labels', () => {
  const labels = loadLabels()

  it('label every page once, with the tune/measure split', () => {
    const pages = readdirSync(PAGES_DIR).filter((f) => f.endsWith('.html') && !f.includes('expected'))
    expect(labels.map((l) => l.file).sort()).toEqual(pages.sort())
    expect(labels.filter((l) => l.split === 'tune').map((l) => l.file).sort()).toEqual([...TUNE_FILES].sort())
    expect(labels.filter((l) => l.split === 'measure')).toHaveLength(15)
  })

  it('take every field and snippet verbatim from its page', () => {
    const problems = labels.flatMap((l) => labelProblems(l, pageText(decodePage(readPage(l.file)))).map((p) => `${l.file}: ${p}`))
    expect(problems).toEqual([])
  })
})

describe('extraction scoring', () => {
  const label: PageLabel = {
    file: 'example.html',
    split: 'measure',
    title: '标题　一',
    publishedAt: '2019-09-07T09:59:22',
    author: null,
    editor: '杜硕',
    source: '新京报',
    mustContain: ['第一段的开头文字', '最后一段的结尾文字'],
    mustNotContain: ['责任编辑：杜硕', '相关新闻列表标题']
  }
  const right: Extraction = {
    title: '标题 一',
    publishedAt: '2019-09-07T01:59:00Z',
    author: null,
    editor: '杜硕',
    source: '新京报',
    body: '第一段的开头文字，\n中间。\n最后一段的结尾 文字。'
  }

  it('count an extraction that matches the label as fully right', () => {
    const s = scorePage(label, right)
    expect(s).toMatchObject({ recall: 1, precision: 1, fullyRight: true, missing: [], leaked: [] })
  })

  it('score each field, recall and precision separately', () => {
    const s = scorePage(label, { ...right, title: '标题一_网易新闻', author: '网易', body: '第一段的开头文字。责任编辑：杜硕' })
    expect(s.fields).toEqual({ title: false, publishedAt: true, author: false, editor: true, source: true })
    expect(s).toMatchObject({ recall: 0.5, precision: 0.5, fullyRight: false, missing: ['最后一段的结尾文字'], leaked: ['责任编辑：杜硕'] })
    const sum = summarize([scorePage(label, right), s])
    expect(sum).toMatchObject({ pages: 2, datedPages: 2, recall: 0.75, precision: 0.75, fullyRight: 0.5 })
    expect(sum.accuracy.title).toBe(0.5)
  })

  it('compare dates by calendar day, and by time when both give one', () => {
    expect(dateParts('2019年09月09日 18:13:22')).toEqual({ day: '2019-09-09', time: '18:13' })
    expect(sameDate('2019-09-07T09:59:22', '2019-09-07')).toBe(true)
    expect(sameDate('2019-09-07T09:59:22', '2019-09-07T10:30:00+08:00')).toBe(false)
    expect(sameDate('2019-09-07', '2019-09-06T17:00:00Z')).toBe(true)
    expect(sameDate(null, null)).toBe(true)
    expect(sameDate(null, '2019-09-07')).toBe(false)
    expect(sameDate('2019-09-07', null)).toBe(false)
  })
})

describe('extraction figures', () => {
  it('score both extractors on every page', { timeout: 180_000 }, () => {
    const { scores, summary } = runExtraction()
    expect(scores.ours).toHaveLength(46)
    expect(scores.readability).toHaveLength(46)
    const pct = (v: number): string => `${(v * 100).toFixed(0)}%`
    for (const [id, bySplit] of Object.entries(summary)) {
      for (const [split, s] of Object.entries(bySplit)) {
        const a = s.accuracy
        console.log(
          `${id} ${split}: title ${pct(a.title)} date ${pct(a.publishedAt)} author ${pct(a.author)} editor ${pct(a.editor)} ` +
            `source ${pct(a.source)} recall ${s.recall.toFixed(2)} precision ${s.precision.toFixed(2)} fully right ${pct(s.fullyRight)}`
        )
      }
    }
  })
})
