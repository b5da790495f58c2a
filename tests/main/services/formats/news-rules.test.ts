// The site-independent news rules (formats/news) on small hand-made pages: each page shows one pattern
// that the labelled pages have in common, written without any real site's markup or names.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'

const PARA = '这是一段足够长的正文内容，讲述了一个地方的故事，足以让可读性算法把它当作文章的主体来对待。'
const page = (head: string, body: string): Buffer =>
  Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`, 'utf8')
const article = (inner: string): string => `<article>${inner}<p>${PARA}</p><p>${PARA}第二段。</p><p>${PARA}最后一段。</p>`
const parse = (head: string, body: string) => parseFile('page.html', page(head, body))[0]!

describe('news page metadata', () => {
  it('reads the date, 来源 and byline printed under the headline when no meta gives them', () => {
    const a = parse('<title>示例标题_示例网</title>', `<h1>示例标题</h1><div>2019年10月23日 10:20 来源：某某日报</div><div>作者：王小明</div>${article('')}</article>`)
    console.log('printed header fields:', a.publishedAt, a.source, a.author)
    expect(a).toMatchObject({ title: '示例标题', publishedAt: '2019-10-23T10:20:00', source: '某某日报', author: '王小明' })
  })

  it('prefers an <h1> agreeing with a truncated og:title, and never a section name in an <h1>', () => {
    const a = parse('<meta property="og:title" content="他说"><title>他说"不"的那一天 - 示例频道</title>', `<h1>新闻中心</h1><h1>他说"不"的那一天</h1>${article('')}</article>`)
    console.log('title:', a.title)
    expect(a.title).toBe('他说"不"的那一天')
  })

  it('cuts whatever follows " @ " or "::" when the page prints the headline alone', () => {
    const a = parse('<title>我的旅行笔记第一天 @ 某人的家 :: 某博客 ::</title>', `<div>我的旅行笔记第一天</div>${article('')}</article>`)
    console.log('title:', a.title)
    expect(a.title).toBe('我的旅行笔记第一天')
  })

  it('takes no author from a hidden popup, an email or a site-name meta', () => {
    const a = parse(
      '<title>标题甲乙丙</title><meta name="author" content="name, someone@gmail.com">',
      `<div style="display:none">作者：我已授权</div><h1>标题甲乙丙</h1><div>2020-01-02</div>${article('')}</article>`
    )
    console.log('author:', a.author)
    expect(a.author).toBeNull()
    expect(a.publishedAt).toBe('2020-01-02')
  })

  it('reads the editor from a 责任编辑 line, strips its staff code and drops the line from the body', () => {
    const a = parse('<title>标题一二三</title>', `<h1>标题一二三</h1>${article('')}<p>责任编辑：李四_NB12556</p></article>`)
    console.log('editor:', a.editor)
    expect(a.editor).toBe('李四')
    expect(a.text).not.toContain('责任编辑')
  })

  it('reads a labelled two-digit-year date, even glued to its time', () => {
    const a = parse('<title>标题七八九</title>', `<h1>标题七八九</h1><div>某账号</div><div>发布时间：18-03-0823:16</div>${article('')}</article>`)
    console.log('two-digit-year date:', a.publishedAt)
    expect(a.publishedAt).toBe('2018-03-08T23:16:00')
  })

  it('prefers a writer credited at the end of the text to the account that posted it (原创 account), and keeps the credit out of the body', () => {
    const a = parse(
      '<title>标题十一</title>',
      `<h1>标题十一</h1><div>原创 某某都市报 2019-09-09 16:01:46</div>${article('')}<p>采写：某某报见习记者 王小明</p></article>`
    )
    console.log('credited writer / source:', a.author, a.source)
    expect(a.author).toBe('王小明')
    expect(a.source).not.toBe('某某都市报')
    expect(a.text).not.toContain('采写')
  })

  it('reads the WeChat byline "原创： writer编译 account", and a printed meta author beside the date as the source', () => {
    const a = parse(
      '<title>标题十二</title><meta property="article:author" content="某财经-自媒体综合">',
      `<h1>标题十二</h1><div>2019年09月09日 20:52 某财经-自媒体综合</div>${article('<p>原创： 张三丰编译 某某研究</p>')}</article>`
    )
    console.log('WeChat byline / source slot:', a.author, a.source)
    expect(a).toMatchObject({ author: '张三丰', source: '某财经-自媒体综合' })
  })

  it('takes a news agency named alone above the date as the source, and a 来源 glued to the date', () => {
    const agency = parse('<title>标题十三</title>', `<h1>标题十三</h1><div>某某社</div><div>2020-01-03 18:13</div>${article('')}</article>`)
    const glued = parse('<title>标题十四</title>', `<h1>标题十四</h1><p>2019-08-13 14:07<span>来源：某某新闻·某某号</span></p>${article('')}</article>`)
    console.log('agency / glued 来源:', agency.source, agency.author, glued.source)
    expect(agency).toMatchObject({ source: '某某社', author: null })
    expect(glued.source).toBe('某某新闻·某某号')
  })
})

describe('news page credits (issue 11, round 3)', () => {
  const header = (i: number, line: string, inner = ''): ReturnType<typeof parse> =>
    parse(`<title>署名测试${i}</title>`, `<h1>署名测试${i}</h1>${line}${article(inner)}</article>`)

  it('reads the writer from the common credit shapes: Latin names, full-width bars, bracket labels, glued fields, pen names', () => {
    const cases: Array<[string, string, string]> = [
      ['<div>2019-10-23 作者：John Smith</div>', '', 'John Smith'],
      ['<div>2019-10-23 作者：Shawn</div>', '', 'Shawn'],
      ['<div>By John Smith | 2019-10-23</div>', '', 'John Smith'],
      ['<div>2019-10-23</div>', '<p>文｜王小明</p>', '王小明'],
      ['<div>【作者】王小明</div><div>2019-10-23</div>', '', '王小明'],
      ['<div>2019-10-23 撰稿：王小明</div>', '', '王小明'],
      ['<div>作者：王小明发布时间：2019-10-23</div>', '', '王小明'],
      ['<div>作者：爱吃鱼的小猫咪 2019-10-23</div>', '', '爱吃鱼的小猫咪'],
      ['<div>2019-10-23</div>', '<p>本报讯（记者 王小明 通讯员 李四）</p>', '王小明']
    ]
    const got = cases.map(([line, inner], i) => header(i, line, inner).author)
    const right = got.filter((a, i) => a === cases[i]![2]).length
    console.log(`credit shapes read right: ${right} of ${cases.length}`, got)
    expect(got).toEqual(cases.map((c) => c[2]))
  })

  it('never reads prose opening with 记者 ("记者了解到，") as a credit', () => {
    const a = header(20, '<div>2019-10-23</div>', '<p>记者了解到，这项工作已经持续了很长一段时间，各方面的反映都很好，群众也很满意。</p>')
    console.log('author from "记者了解到，":', a.author)
    expect(a.author).toBeNull()
  })

  it('reads 本文编辑, "编辑 name", full-width bars, and prefers a 责任编辑 line to a later 编辑 line; all leave the body', () => {
    const ed = (i: number, tail: string): ReturnType<typeof parse> =>
      parse(`<title>编辑测试${i}</title>`, `<h1>编辑测试${i}</h1><div>2019-10-23</div>${article('')}${tail}</article>`)
    const pages = [ed(1, '<p>本文编辑：李四</p>'), ed(2, '<p>编辑 李四</p>'), ed(3, '<p>编辑｜李四</p>'), ed(4, '<p>责任编辑：李四</p><p>编辑：王五 校对：赵六</p>')]
    const editors = pages.map((a) => a.editor)
    console.log('editors read:', editors)
    expect(editors).toEqual(['李四', '李四', '李四', '李四'])
    for (const a of pages) expect(a.text).not.toMatch(/编辑/)
  })

  it('takes an outlet printed before the date as the posting account, and as the source once a person is credited', () => {
    const account = header(30, '<div>某某网 2019-11-25 10:37:31</div>')
    const withCredit = parse('<title>署名测试32</title><meta property="og:site_name" content="门户网">', `<h1>署名测试32</h1><div>某某中文站2016年10月14日07:17</div>${article('')}<p>（编译/林小东）</p></article>`)
    console.log('byline-slot outlet, no credit / credited:', account.author, account.source, '/', withCredit.author, withCredit.source)
    expect(account).toMatchObject({ author: '某某网' })
    expect(withCredit).toMatchObject({ author: '林小东', source: '某某中文站' })
  })
})

describe('news page body', () => {
  it('drops related lists, QR promotions, disclaimers and back-to-home links, and keeps the article', () => {
    const a = parse(
      '<title>标题四五六</title>',
      `<h1>标题四五六</h1>${article('')}<p>扫描下方二维码关注我们的公众号</p><p>免责声明：本文仅代表作者观点。</p>` +
        `<p><a href="https://example.com/">返回示例网首页&gt;&gt;</a></p><h3>延伸阅读</h3><ul><li><a href="https://example.com/1">另一篇文章的标题</a></li></ul></article>`
    )
    const furniture = a.removed['boilerplate'] as string[]
    console.log('furniture blocks removed:', furniture.length)
    expect(a.text).toContain('最后一段。')
    expect(a.text).not.toMatch(/二维码|免责声明|返回示例网首页|延伸阅读|另一篇文章/)
    expect(a.rawText).toContain('二维码') // the verbatim original is untouched
  })

  it('drops a short block around a call-to-action link ("【点击投票】") however little of it the link covers', () => {
    const a = parse(
      '<title>标题十六</title>',
      `<h1>标题十六</h1>${article('<p>“一张榜单尽显年度大事与大势”，年度人物评选火热进行中！【<a href="https://example.com/vote">点击投票</a>】选出你心目中的人物</p>')}</article>`
    )
    const link = 2 / '“一张榜单尽显年度大事与大势”，年度人物评选火热进行中！【点击投票】选出你心目中的人物'.length
    console.log(`promotion dropped with ${(link * 100).toFixed(0)}% of its text linked:`, !a.text.includes('年度人物评选'))
    expect(a.text).not.toContain('年度人物评选')
    expect(a.text).toContain('最后一段。')
  })

  it("skips what the page's own <style> hides (popups), but not rules under @media or for :hover", () => {
    const a = parse(
      '<title>标题十七</title><style>/* popups */ .pop, #tip { color: red; display: none }\n@media (max-width: 600px) { .wide { display:none } } .b:hover { display:none }</style>',
      `<h1>标题十七</h1><div class="wide">2019-10-23</div><div class="pop">作者：我已授权</div><div id="tip">编辑：某某某</div>${article('')}</article>`
    )
    console.log('css-hidden author / editor, @media date:', a.author, a.editor, a.publishedAt)
    expect(a).toMatchObject({ author: null, editor: null, publishedAt: '2019-10-23' })
  })

  it('cuts a credits footer at the end of a <br>-separated block, and keeps the lines above it', () => {
    const lines = ['第一行文字', '第二行文字', '第三行文字', '最后一行正文！', '编辑|甲乙丙', '责编|丁戊', '扫描下方二维码解锁更多技能', '1、回复【福利】查看政策']
    const a = parse('<title>标题十五</title>', `<h1>标题十五</h1>${article(`<p>${lines.join('<br>')}</p>`)}</article>`)
    console.log('footer lines cut:', (a.removed['boilerplate'] as string[]).length)
    expect(a.text).toContain('最后一行正文！')
    expect(a.text).not.toMatch(/编辑\||责编|二维码|回复【/)
  })
})

describe('news page conventions (issue 11, round 4)', () => {
  let n = 0
  // A page whose headline is printed in an <h1>, with `line` under it and `inner` at the top of the article.
  const at = (line: string, inner = '', head = '', tail = ''): ReturnType<typeof parse> => {
    n++
    return parse(`<title>约定测试${n}号</title>${head}`, `<h1>约定测试${n}号</h1>${line}${article(inner)}</article>${tail}`)
  }
  const printedBelow = '<footer><div>关于作者</div><div>王小明 李四</div></footer>'

  it('reads the author schema.org microdata, rel=author and hCard name, but not comment authors, hidden or email ones', () => {
    const cases: Array<[ReturnType<typeof parse>, string | null]> = [
      [at('<div>2019-10-23</div>', '', '', '<div class="info"><span itemprop="author" itemscope itemtype="https://schema.org/Person">撰稿 <span itemprop="name">王小明</span></span></div>'), '王小明'],
      [at('<div>2019-10-23</div>', '', '', '<p>本文由 <a rel="author" href="/u/7">John Smith</a> 提供</p>'), 'John Smith'],
      [at('<div><span class="vcard"><span class="fn">王小明</span></span> · 本地频道</div><div>2019-10-23</div>'), '王小明'],
      [at('<div>2019-10-23</div>', '', '', '<div id="comments"><div itemprop="comment"><span itemprop="author">路过的网友</span></div></div>'), null],
      [at('<div>2019-10-23</div>', '', '', '<span style="display:none" itemprop="author">王小明</span>'), null],
      [at('<div>2019-10-23</div>', '', '', '<span itemprop="author">someone@example.com</span>'), null],
      [at('<div>2019-10-23</div>', '', '<meta property="og:site_name" content="晨光">', '<span itemprop="author">晨光</span>'), null]
    ]
    const got = cases.map(([a]) => a.author)
    console.log(`markup authors right: ${got.filter((g, i) => g === cases[i]![1]).length} of ${cases.length}`, got)
    expect(got).toEqual(cases.map((c) => c[1]))
  })

  it('takes a declared author (JSON-LD string, array, @graph reference; byline/dc.creator/sailthru/parsely metas) when the page prints it', () => {
    const ld = (author: string): string => `<script type="application/ld+json">${author}</script>`
    const cases: Array<[string, string | null]> = [
      [ld('{"@type":"NewsArticle","author":"王小明"}'), '王小明'],
      [ld('{"@type":"NewsArticle","author":[{"@type":"Person","name":"王小明"},{"@type":"Person","name":"李四"}]}'), '王小明、李四'],
      [ld('{"@graph":[{"@type":"NewsArticle","author":{"@id":"#w"}},{"@type":"Person","@id":"#w","name":"王小明"}]}'), '王小明'],
      ['<meta name="byline" content="王小明">', '王小明'],
      ['<meta name="dc.creator" content="王小明">', '王小明'],
      ['<meta name="sailthru.author" content="王小明">', '王小明'],
      ['<meta name="parsely-author" content="王小明">', '王小明'],
      [ld('{"@type":"NewsArticle","author":{"@type":"Organization","name":"王小明"}}'), null]
    ]
    const got = cases.map(([head]) => at('<div>2019-10-23</div>', '', head, printedBelow).author)
    // Not printed anywhere, or printed only inside longer words (a site's name in its menus): no author.
    const unprinted = at('<div>2019-10-23</div>', '', '<meta name="byline" content="王小明">').author
    const siteWord = parse('<title>约定测试站名</title><meta name="author" content="晨光">', `<ul><li>晨光首页</li><li>晨光新闻</li></ul><h1>约定测试站名</h1><div>2019-10-23</div>${article('')}</article><p>晨光网友评论</p>`).author
    console.log(`declared authors right: ${got.filter((g, i) => g === cases[i]![1]).length} of ${cases.length}`, got, 'unprinted / site word:', unprinted, siteWord)
    expect(got).toEqual(cases.map((c) => c[1]))
    expect([unprinted, siteWord]).toEqual([null, null])
  })

  it('reads the printed credit forms of Chinese papers and splits them from the fields on the same line', () => {
    const cases: Array<[string, string, string | null]> = [
      ['<div>本报记者王小明</div><div>2019-10-23</div>', '', '王小明'],
      ['<div>■本报记者 王小明</div><div>2019-10-23</div>', '', '王小明'],
      ['<div>文/图 王小明</div><div>2019-10-23</div>', '', '王小明'],
      ['<div>文/图：王小明</div><div>2019-10-23</div>', '', '王小明'],
      ['<div>发布者：王小明 发布时间：2019-10-23</div>', '', '王小明'],
      ['<div>作者： 王小明 ， 李四</div><div>2019-10-23</div>', '', '王小明、李四'],
      ['<div>By Jane Doe and John Smith</div><div>2019-10-23</div>', '', 'Jane Doe、John Smith'],
      ['<div>来源：某某日报作者：王小明</div><div>2019-10-23</div>', '', '王小明'],
      ['<div>2019-10-23</div>', '<p>本报讯 记者王小明 通讯员李四 报道 昨天，这里发生了一件事，很多人都看到了，大家议论纷纷。</p>', '王小明'],
      ['<div>通讯员 王小明</div><div>2019-10-23</div>', '', '王小明'],
      ['<div>Author: Jane Doe</div><div>2019-10-23</div>', '', 'Jane Doe'],
      ['<div>Posted by Jane Doe on Oct. 23, 2019</div>', '', 'Jane Doe'],
      ['<div>发布者：admin 2019-10-23</div>', '', null]
    ]
    const got = cases.map(([line, inner]) => at(line, inner).author)
    console.log(`printed credits right: ${got.filter((g, i) => g === cases[i]![2]).length} of ${cases.length}`, got)
    expect(got).toEqual(cases.map((c) => c[2]))
  })

  it('reads 来源 after a bar or as 稿件来源, up to the next label or a glued date, digits in the name kept', () => {
    const cases: Array<[string, string]> = [
      ['<div>2019-10-23 来源 | 晨光日报</div>', '晨光日报'],
      ['<div>稿件来源：晨光日报 | 作者：王小明 | 2019-10-23</div>', '晨光日报'],
      ['<div>来源：晨光日报作者：王小明</div><div>2019-10-23</div>', '晨光日报'],
      ['<div>来源：晨光日报2019-10-23 10:20</div>', '晨光日报'],
      ['<div>2019-10-23 来源：21世纪经济报道</div>', '21世纪经济报道']
    ]
    const got = cases.map(([line]) => at(line).source)
    console.log(`sources right: ${got.filter((g, i) => g === cases[i]![1]).length} of ${cases.length}`, got)
    expect(got).toEqual(cases.map((c) => c[1]))
  })

  it('prints the headline without badges, <br> wraps or a site name from JSON-LD publisher, application-name or an "_" suffix', () => {
    const T = '小城里的一场春雨过后'
    const body = `${article('')}</article>`
    const cases: Array<[string, string]> = [
      [`<title>${T}_晨光网</title>`, `<h1>${T}<span>原创</span></h1><div>2019-10-23</div>${body}`],
      ['<title>上半句标题文字下半句标题文字_晨光网</title>', `<h1>上半句标题文字<br>下半句标题文字</h1><div>2019-10-23</div>${body}`],
      [`<title>${T} — 晨光</title><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"晨光"}}</script>`, body],
      [`<title>${T} · 晨光</title><meta name="application-name" content="晨光">`, body],
      [`<title>${T}_晨光</title>`, body],
      [`<title>${T} - 晨光</title>`, `<div>晨光</div><div>首页</div>${body}`]
    ]
    const want = [T, '上半句标题文字下半句标题文字', T, T, T, T]
    const got = cases.map(([head, b]) => parse(head, b).title)
    console.log(`titles right: ${got.filter((g, i) => g === want[i]).length} of ${cases.length}`, got)
    expect(got).toEqual(want)
  })

  it('reads dates printed in English under the headline, month or day first, 12- or 24-hour', () => {
    const lines = ['Posted by Jane Doe on Oct. 23, 2019 10:20 PM', 'October 23, 2019', '23 October 2019 at 09:05', 'Written by John Smith | 12 Mar 2020']
    const got = lines.map((l) => at(`<div>${l}</div>`).publishedAt)
    console.log('English dates:', got)
    expect(got).toEqual(['2019-10-23T22:20:00', '2019-10-23', '2019-10-23T09:05:00', '2020-03-12'])
  })

  it('reads itemprop=datePublished on any element, and a date with a time printed just above the headline', () => {
    const micro = at('<div><span itemprop="datePublished" content="2019-10-23T10:20:00+08:00">昨天</span></div>')
    const above = parse('<title>日期在上</title>', `<div>2019-10-23 10:20</div><h1>日期在上</h1>${article('')}</article>`)
    // A date without a time above the headline is the header's "today", not the article's.
    const today = parse('<title>今天日期</title>', `<div>2019年10月23日 星期三</div><h1>今天日期</h1>${article('')}</article>`)
    console.log('microdata / above the headline / header today:', micro.publishedAt, above.publishedAt, today.publishedAt)
    expect([micro.publishedAt, above.publishedAt, today.publishedAt]).toEqual(['2019-10-23T10:20:00+08:00', '2019-10-23T10:20:00', null])
  })

  it('reads a field label printed as a block of its own with the value on the next line, and a credit the cleanup removed above the furniture', () => {
    const dl = at('<dl><dt>来源：</dt><dd>某某日报</dd><dt>作者：</dt><dd>王小明</dd><dt>发布时间：</dt><dd>2019-10-23 10:20</dd></dl>')
    const credit = parse(
      '<title>尾部署名</title>',
      // Twelve paragraphs: the credit is far from the headline, and more than three lines from the end.
      `<h1>尾部署名</h1><div>2019-10-23</div><article>${Array.from({ length: 12 }, (_, i) => `<p>${PARA}第${i}段。</p>`).join('')}<p>文/王小明</p><p>扫描下方二维码关注我们</p><p>免责声明：本文仅代表作者观点。</p><p>转载请注明出处</p><p>欢迎投稿</p></article>`
    )
    console.log('label blocks (source / author / date), credit above furniture:', dl.source, dl.author, dl.publishedAt, credit.author)
    expect(dl).toMatchObject({ source: '某某日报', author: '王小明', publishedAt: '2019-10-23T10:20:00' })
    expect(credit.author).toBe('王小明')
    expect(credit.text).not.toContain('文/王小明')
  })

  it('drops previous/next links, font and print switches, comment and share boxes, list headings and repost notices', () => {
    const furniture = ['上一篇：某某文章的标题', '下一篇：另一篇文章的标题', '【字体：大 中 小】', '【打印】【关闭】', '微信扫一扫', '网友评论', '发表评论',
      '阅读原文', '原文链接：http://example.com/a', '赞赏', '点赞 在看', '【我要纠错】', '本文系转载，版权归原作者所有', '如有侵权请联系删除', '转载请注明出处', '投稿邮箱：tips@example.com']
    const kept = '市民用手机扫一扫门口的二维码，就能查到这栋楼的历史。'
    const b = parse('<title>家具测试</title>', `<h1>家具测试</h1><div>2019-10-23</div>${article(`<p>${kept}</p>`)}${furniture.map((f) => `<p>${f}</p>`).join('')}<h3>相关文章</h3><p>另一篇文章的标题在这里</p></article>`)
    const leaked = furniture.filter((f) => b.text.includes(f.slice(0, 5)))
    console.log(`furniture lines leaked: ${leaked.length} of ${furniture.length}`, leaked)
    expect(leaked).toEqual([])
    expect(b.text).not.toContain('另一篇文章的标题在这里')
    expect(b.text).toContain(kept)
    expect(b.text).toContain('最后一段。')
  })

  it('keeps a WeChat layout as displayed: a 1,730-character <br> block becomes paragraphs, no line opens with 。', () => {
    const sentence = (i: number): string => `这是第${String(i).padStart(3, '0')}句话，讲的是一件发生在小城里的事情，街坊邻居都在议论这件事。`
    const paras = Array.from({ length: 12 }, (_, i) => [0, 1, 2, 3].map((k) => sentence(i * 4 + k)).join(''))
    paras[11] += '完了'
    const block = paras.join('<br>')
    const split = paras.map((p) => `<section><span>${p.slice(0, 30)}</span><u>${p.slice(30, -1)}</u>\n<span>。</span></section>`).join('')
    const a = parse('<title>公众号文章一</title>', `<h1>公众号文章一</h1><div id="js_content"><section><p>${block}</p></section></div>`)
    const b = parse('<title>公众号文章二</title>', `<h1>公众号文章二</h1><div id="js_content">${split}</div>`)
    const lines = a.text.split('\n').filter((l) => l.trim())
    console.log(`one ${paras.join('').length}-character block -> ${lines.length} paragraphs; lines opening with 。: ${b.text.split('\n').filter((l) => /^[。，、]/u.test(l)).length}`)
    expect(paras.join('').length).toBe(1730)
    expect(lines).toEqual(paras)
    expect(b.text.split('\n').filter((l) => /^[。，、]/u.test(l))).toEqual([])
  })
})
