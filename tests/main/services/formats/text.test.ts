// Plain-text articles and the content-farm cleanup, against the real hualong and Sina .txt files.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { cleanArticleText } from '../../../../src/main/services/cleanup/cleanup'
import { fixture } from '../../../helpers/import'

describe('hualong-article.txt (content-farm copy, Traditional, broken pinyin)', () => {
  const bytes = fixture('hualong-article.txt')
  const [a] = parseFile('hualong-article.txt', bytes)

  it('parses one article with title and source split from the "_天天快報" suffix', () => {
    expect(a).toBeDefined()
    expect(a!.title).toBe('華龍區扎實推進市域社會治理現代化工作側記')
    expect(a!.source).toBe('天天快報')
    expect(a!.rawFormat).toBe('text')
    expect(a!.encoding).toBe('utf-8')
    expect(a!.html).toBeNull()
  })

  it('extracts editor, byline and the (empty) tag list from the trailing lines', () => {
    expect(a!.editor).toBe('劉循源')
    expect(a!.author).toBe('全媒體記者 張洪中 通訊員 劉麗萍')
    expect(a!.tags).toEqual([])
    expect(a!.text).not.toContain('責任編輯')
    expect(a!.text).not.toContain('標簽')
    expect(a!.text).not.toContain('張洪中')
  })

  it('moves the related-headline list and the 【資料圖】 placeholder into removed', () => {
    expect(a!.removed.relatedHeadlines).toHaveLength(30)
    expect(a!.removed.relatedHeadlines[0]).toBe('華龍區扎實推進市域社會治理現代化')
    expect(a!.removed.relatedHeadlines.at(-1)).toBe('【天天快播報】沙特阿美下調亞洲地')
    expect(a!.removed.placeholders).toEqual(['【資料圖】'])
    expect(a!.text).not.toContain('【資料圖】')
    expect(a!.text).not.toContain('沙特阿美')
  })

  it('removes all 105 pinyin glosses and nothing else', () => {
    expect(a!.removed.pinyinGlosses).toBe(105)
    expect(a!.text).not.toMatch(/\p{Script=Han}[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/u)
    // The deliberate "(區)" of "縣(區)" is real text and stays.
    expect(a!.text).toContain('先進縣(區)')
    // Removing only the glosses from the body lines gives exactly the cleaned text.
    const raw = bytes.toString('utf8')
    const bodyLines = raw.split('\n').slice(2, 8)
    const expected = bodyLines
      .map((l) => l.replace(/(\p{Script=Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/gu, '$1'))
      .join('\n')
      .replace(/全媒體記者 張洪中 通訊員 劉麗萍$/, '')
    expect(a!.text).toBe(expected)
    expect(a!.text.split('\n')).toHaveLength(6)
  })

  it('keeps the verbatim original as rawText', () => {
    expect(a!.rawText).toBe(bytes.toString('utf8'))
  })

  it('cleanup is re-runnable on the stored raw text', () => {
    const again = cleanArticleText(a!.rawText, { firstLineIsTitle: 'auto' })
    expect(again.text).toBe(a!.text)
    expect(again.title).toBe(a!.title)
    expect(again.editor).toBe(a!.editor)
  })
})

describe('news_txt (Sina dumps: title only in the file name, body on one line)', () => {
  const file = 'news_txt/patrick233__testEdu__备考托福听力 选择合适材料与方法.txt'
  const bytes = fixture(file)

  it('uses the file name minus .txt as the title and keeps the body as one paragraph', () => {
    const [a] = parseFile(file, bytes)
    // The body opens with "原标题：<title>", which repeats the tail of the file name: that line gives the
    // clean title and leaves the body.
    expect(a!.title).toBe('备考托福听力 选择合适材料与方法')
    expect(a!.text.startsWith('留学语言考试中')).toBe(true)
    expect(a!.text.split('\n')).toHaveLength(1)
    expect(a!.text).toContain('托福考试官方指南')
    expect(a!.rawText).toBe(bytes.toString('utf8'))
  })

  it('drops a leading "原标题：<title>" that repeats the real file name, and takes the trailing 文章来源 as source', () => {
    const [a] = parseFile('备考托福听力 选择合适材料与方法.txt', bytes)
    expect(a!.title).toBe('备考托福听力 选择合适材料与方法')
    expect(a!.text.startsWith('留学语言考试中')).toBe(true)
    expect(a!.removed.originalTitle).toBe('原标题：备考托福听力 选择合适材料与方法')
    expect(a!.source).toBe('中国教育报')
    expect(a!.text.endsWith('阶段性成果）')).toBe(true)
  })

  it('parses the other two files with their body text intact', () => {
    for (const f of [
      'news_txt/patrick233__testEdu__带中国处方药赴美小心触法 仅限三月内自用药量.txt',
      'news_txt/patrick233__testFashion__维密超模何穗说：西裤搭毛衣才最时髦.txt'
    ]) {
      const raw = fixture(f).toString('utf8')
      const [a] = parseFile(f, fixture(f))
      expect(a!.text).toBe(raw.trim())
    }
  })
})

// Issue 13 finding 9: a title made from a file name carries no bidi override or other control character.
describe('titles made from file names', () => {
  const body = Buffer.from('這篇文章沒有標題行，標題來自檔名。\n第二段正文。')
  const names = [
    'invoice\u202Etxt.exe.txt',
    'a.zip!folder/\u2067報告\u2069\u200F.txt',
    'beep\u0007\u001b[31mred\u009b0m.txt',
    'line\nbreak\ttab.txt'
  ]

  it('strips bidi controls and other controls, collapses whitespace', () => {
        const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
    const titles = names.map((n) => parseFile(n, body)[0]!.title)
    const clean = titles.filter((t) => !unsafe.test(t)).length
    console.log(`file-name titles: ${clean}/${names.length} free of bidi and control characters`)
    expect(titles).toEqual(['invoicetxt.exe', '報告', 'beep[31mred0m', 'line break tab'])
  })
})
