// Saved Chinese news pages through Readability + sanitising, compared with Readability's own expected
// output for the qq page (less its furniture); lying charset declarations; Netscape bookmark exports.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { htmlToText } from '../../../../src/main/services/cleanup/sanitize'
import { fixture } from '../../../helpers/import'

describe('readability qq page', () => {
  const [a] = parseFile('news_html/readability__qq__source.html', fixture('news_html/readability__qq__source.html'))
  const expectedMeta = JSON.parse(fixture('news_html/readability__qq__expected-metadata.json').toString('utf8')) as { title: string; excerpt: string }

  it('extracts Readability\'s expected body text minus the page furniture it keeps', () => {
    const expected = htmlToText(fixture('news_html/readability__qq__expected.html').toString('utf8')).split('\n')
    const furniture = ['精彩视频推荐', '【美国The Next Web作品的中文相关权益归腾讯公司独家所有。未经授权，不得转载、摘编等。】', '[责任编辑：alonliu]']
    const ours = a!.text.split('\n')
    expect(ours.filter((l) => !expected.includes(l))).toEqual([])
    expect(expected.filter((l) => !ours.includes(l))).toEqual(furniture)
    expect(a!.editor).toBe('alonliu')
    expect(a!.author).toBe('林靖东') // "（编译/林靖东）" closing the last paragraph
  })

  it('splits the "_科技_腾讯网" suffix from the expected title; the source is the one printed by the date', () => {
    expect(expectedMeta.title).toBe(`${a!.title}_科技_腾讯网`)
    expect(a!.title).toBe(expectedMeta.excerpt)
    expect(a!.source).toBe('TNW中文站')
    expect(a!.publishedAt).toBe('2016-10-14T07:17:00')
  })

  it('decodes as UTF-8 although the page declares gb2312', () => {
    expect(fixture('news_html/readability__qq__source.html').toString('latin1')).toMatch(/charset=gb2312/i)
    expect(a!.encoding).toBe('utf-8')
    expect(a!.text).toContain('人工智能')
  })

  it('stores sanitised HTML without scripts, handlers or remote images', () => {
    expect(a!.html).toContain('<p>')
    expect(a!.html).not.toMatch(/<script|onmouseover|<img|target=/i)
    expect(a!.html).toContain('rel="noopener noreferrer nofollow"')
    expect(a!.removed.images).toBe(1) // the other one was in the video box that is furniture
  })
})

describe('GeneralNewsExtractor pages', () => {
  it.each([
    ['gne__163__9.html', '5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！', '无锡交警', '江阴大桥'],
    ['gne__people__1.html', '女儿出嫁，郑板桥画了几笔兰花当嫁妆', '人民网-文化频道', '冬夜读书示子聿'],
    ['gne__sina__5.html', '陈同佳刑满出狱 向潘晓颖家人鞠躬致歉', '环球网', '陈同佳今日（23日）近9时'],
    ['gne__ifeng__1.html', '女童眼睛被塞几十片纸，“无法用科学解释”', '澎湃新闻网', '禹州市教体局'],
    ['gne__thepaper__1.html', '共享充电宝涨价告别1元时代：是“收割韭菜”还是回归理性', '中国青年报', '共享充电宝'],
    ['gne__xinhuanet__1.html', '法国全国大罢工再次严重影响交通', '新华网', '新华社巴黎12月9日电'],
    ['gne__zsnews__1.html', '顺德区大良街道党工委委员潘卓辉一行到众创金融街开展调研工作', '东区办事处', '众创金融街'],
    ['gne__baijiahao__1.html', '英国美女在殡仪馆工作太痛苦，转行当美人鱼！每小时收入近千元', null, '殡仪馆'],
    ['gne__toutiao__2.html', '最不愁吃肉的国家：顿顿有肉吃，却要靠中国运输蔬菜水果', null, '蒙古国']
  ])('%s', (file, title, source, bodyWord) => {
    const [a] = parseFile(`news_html/${file}`, fixture(`news_html/${file}`))
    expect(a!.title).toBe(title)
    expect(a!.source).toBe(source)
    expect(a!.text).toContain(bodyWord)
    expect(a!.rawFormat).toBe('html')
    expect(a!.encoding).toBe('utf-8')
    // Page chrome is gone and the text is normalised.
    expect(a!.text).not.toMatch(/\n\n|^\s|\s$/)
    expect(a!.html).not.toMatch(/<(script|style|iframe|form|img)\b/i)
    expect(a!.rawText).toBe(fixture(`news_html/${file}`).toString('utf8'))
  })

  it('reads metadata: published time, editor, byline, canonical URL', () => {
    const [sina] = parseFile('news_html/gne__sina__5.html', fixture('news_html/gne__sina__5.html'))
    // As printed under the headline; article:published_time says 09:10:42, five minutes later.
    expect(sina!.publishedAt).toBe('2019-10-23T09:05:00')
    expect(sina!.url).toBe('https://news.sina.com.cn/c/2019-10-23/doc-iicezuev4202091.shtml')
    expect(sina!.editor).toBe('吴金明')
    const [people] = parseFile('news_html/gne__people__1.html', fixture('news_html/gne__people__1.html'))
    expect(people!.publishedAt).toBe('2019-06-15T08:18:00')
    expect(people!.author).toBeNull() // author="104363" is an id, not a name
    expect(people!.editor).toBe('汤诗瑶、丁涛')
    const [ifeng] = parseFile('news_html/gne__ifeng__1.html', fixture('news_html/gne__ifeng__1.html'))
    expect(ifeng!.publishedAt).toBe('2019-11-25T16:04:30')
    expect(ifeng!.author).toBe('段彦超 廖艳')
    expect(ifeng!.text.startsWith('7岁小花')).toBe(true)
  })
})

describe('Netscape bookmark HTML', () => {
  it('is a links-only export with its link count', () => {
    expect(() => parseFile('readlater/wallabag__shaarli-bookmarks.html', fixture('readlater/wallabag__shaarli-bookmarks.html'))).toThrow(
      expect.objectContaining({ code: 'links-only', message: expect.stringContaining('2 links') })
    )
  })
})
