// Boilerplate rules on top of Readability's article HTML, for Chinese news pages: editor/source footers,
// related-story lists, QR-code and app promotions, disclaimers, share bars and "back to home" links.
// Each rule looks at one short block at a time, so article paragraphs (long, few links) are never touched.
import { isHidden } from './visible'

const BLOCKS = 'p, div, section, li, ul, ol, h2, h3, h4, h5, h6, blockquote, table, figcaption, span, strong, b, a'

// Headings of other lists a page prints under or beside the article.
const MORE_LISTS = '相关链接|相關鏈接|相关文章|相關文章|热门文章|熱門文章|点击排行|點擊排行|热点新闻|熱點新聞|最新文章|最新新闻|最新新聞'
// A short block that is one of these is page furniture, wherever it sits in the article.
const FURNITURE: RegExp[] = [
  /^[[【（(]?\s*(?:责任编辑|責任編輯|责编|責編|(?:本文|文字|网络|網絡|值班|执行|執行)?(?:编辑|編輯)|审核|審核|校对|校對|监制|監製)\s*[:：|丨｜/]/u,
  // "编辑 李四": the label and a name alone on the line.
  /^[[【（(]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s+[\p{Script=Han}A-Za-z·]{2,12}[）)】\]]?$/u,
  // A credit line standing alone ("采写：南都见习记者 林子沛", "文/王小明", "【作者】王小明"): the byline, read before cleanup.
  /^[[【（(]?\s*(?:作者|撰文|撰稿|文字|文|采写|採寫|编译|編譯|摄影|攝影|通讯员|通訊員)\s*[:：|丨｜/】\]]\s*[^。！？!?]{1,30}$/u,
  /^[[【（(]?\s*(?:本文|文章|新闻|新聞)?(?:来源|來源|出处|出處)(?:于|於)?\s*[:：]/u,
  /^[[【（(]?\s*(?:特别声明|特別聲明|免责声明|免責聲明|声明|聲明|版权声明|版權聲明)\s*[:：]/u,
  /(?:未经|未經)(?:授权|授權|许可|許可).{0,20}(?:不得|禁止|严禁|嚴禁)(?:转载|轉載|使用|复制|複製)/u,
  /(?:独家所有|獨家所有|版权所有|版權所有|保留所有权利)/u,
  /(?:扫描|掃描|长按|長按|识别|識別).{0,12}(?:二维码|二維碼|小程序)|(?:二维码|二維碼).{0,12}(?:关注|關注|下载|下載|分享)/u,
  /(?:关注|關注).{0,12}(?:公众号|公眾號|微信号|微信號|订阅号)|(?:回复|回覆)\s*[【「[“"]/u,
  /(?:下载|下載|打开|打開).{0,10}(?:客户端|客戶端|APP)|(?:客户端|客戶端)(?:下载|下載)/iu,
  new RegExp(`^[[【（(]?\\s*(?:延伸阅读|延伸閱讀|相关阅读|相關閱讀|相关新闻|相關新聞|推荐阅读|推薦閱讀|精彩推荐|精彩推薦|热门推荐|熱門推薦|猜你喜欢|猜你喜歡|更多精彩|往期回顾|往期回顧|精彩视频推荐|相关推荐|相關推薦|此前报道|此前報道|${MORE_LISTS})`, 'u'),
  /^[[【（(]?\s*(?:纠错|糾錯|打印本页|打印本頁|关闭窗口|關閉窗口|我要反馈|我要反饋|我要评论|我要評論|分享到|返回顶部|返回頂部|知道了)/u,
  /返回.{0,8}(?:首页|首頁)/u,
  /^[-—–_=\s]*(?:THE\s*END|END|完|结束)[-—–_=\s]*$/iu,
  /(?:报料|報料)(?:热线|熱線|邮箱|郵箱)?\s*[:：]/u,
  // Previous/next links, the font-size switch, print/close buttons.
  /^[[【]?\s*(?:上一篇|下一篇|上一条|下一条|上一條|下一條|上一页|下一页|上一頁|下一頁)\s*[:：】\]]/u,
  /(?:字体|字體|字号|字號)\s*[:：]?\s*[[【]?\s*大\s*[】\]]?\s*[[【]?\s*中\s*[】\]]?\s*[[【]?\s*小/u,
  /^[[【]?\s*(?:打印|列印)(?:本页|本頁|此页|此頁|文章|本文)?\s*[】\]]?\s*[|｜/]?\s*[[【]?\s*(?:关闭|關閉)/u,
  // Comment boxes, share and tip buttons, links to the original (WeChat's 阅读原文/赞赏/在看).
  /^[[【]?\s*(?:网友评论|網友評論|发表评论|發表評論|我来说两句|我來說兩句|全部评论|全部評論|我要纠错|我要糾錯|阅读原文|閱讀原文|原文链接|原文鏈接)/u,
  /^(?:赞赏|讚賞|点赞|點讚|點贊|在看|分享|收藏|转发|轉發)(?:\s*(?:赞赏|讚賞|点赞|點讚|點贊|在看|分享|收藏|转发|轉發))*$/u,
  /^(?:微信)?(?:扫一扫|掃一掃)/u,
  // Copyright and contribution notes of reposted copy.
  /(?:版权归|版權歸).{0,12}(?:所有|作者)|(?:如有侵权|如有侵權|若有侵权|若有侵權).{0,16}(?:删除|刪除|联系|聯繫|告知)/u,
  /(?:转载请注明|轉載請註明|转载须注明|轉載須註明)/u,
  /^(?:欢迎投稿|歡迎投稿|投稿邮箱|投稿郵箱|投稿方式)/u
]
const SHORT = 120

function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim()
}

/** Share of the block's text inside links. */
function linkDensity(el: Element, len: number): number {
  let linked = 0
  for (const a of Array.from(el.querySelectorAll('a'))) linked += textOf(a).length
  if (el.tagName === 'A') linked = len
  return len === 0 ? 0 : linked / len
}

// A link that asks for a click ("【点击投票】", "点击进入专题", "点此下载"): the short block around it is a
// promotion, however little of its text the link covers.
const CALL_TO_ACTION = /^[[【(（]?\s*(?:点击|點擊|点此|點此|戳这里|戳這裡)/u

function hasCallToAction(el: Element): boolean {
  const links = el.tagName === 'A' ? [el] : Array.from(el.querySelectorAll('a'))
  return links.some((a) => CALL_TO_ACTION.test(textOf(a)))
}

// A heading that opens a list of other stories: it and everything after it in its parent go.
const RELATED_HEAD = new RegExp(
  `^[[【（(]?\\s*(?:延伸阅读|延伸閱讀|相关阅读|相關閱讀|相关新闻|相關新聞|推荐阅读|推薦閱讀|相关推荐|相關推薦|精彩推荐|精彩推薦|猜你喜欢|往期回顾|往期回顧|更多精彩|精彩视频推荐|${MORE_LISTS})\\s*[:：】\\])）]?\\s*$`,
  'u'
)

/**
 * A block of <br>-separated lines (WeChat copy pasted as one paragraph) ending in a credits footer:
 * from the first furniture line in its second half, when only short lines follow, the rest goes.
 */
function cutFooterLines(block: Element, drop: (el: Element) => void): void {
  const lines: ChildNode[][] = [[]]
  for (const node of Array.from(block.childNodes)) {
    if (node.nodeName === 'BR') lines.push([])
    ;(lines[lines.length - 1] as ChildNode[]).push(node)
  }
  if (lines.length < 4) return
  const texts = lines.map((nodes) => nodes.map((n) => n.textContent ?? '').join('').replace(/[\s\u00a0\u3000]+/g, ' ').trim())
  const from = texts.findIndex((t, i) => i >= lines.length / 2 && t.length <= SHORT && FURNITURE.some((re) => re.test(t)))
  if (from < 0 || texts.slice(from).some((t) => t.length > SHORT)) return
  const footer = block.ownerDocument.createElement('div')
  for (const nodes of lines.slice(from)) for (const n of nodes) footer.appendChild(n)
  drop(footer)
}

export interface BodyCleanup {
  html: string
  removed: string[]
}

export function cleanNewsBody(doc: Document, html: string): BodyCleanup {
  const root = doc.createElement('div')
  root.innerHTML = html
  const removed: string[] = []
  const drop = (el: Element): void => {
    const t = textOf(el)
    if (t) removed.push(t.length > 80 ? `${t.slice(0, 80)}…` : t)
    el.remove()
  }
  for (const el of Array.from(root.querySelectorAll('*'))) if (root.contains(el) && isHidden(el)) el.remove()
  for (const el of Array.from(root.querySelectorAll('br'))) {
    const parent = el.parentElement
    if (parent && root.contains(parent)) cutFooterLines(parent, drop)
  }

  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    // The root is detached, so isConnected is always false: ask the root instead.
    if (!root.contains(el)) continue
    const t = textOf(el)
    if (!t) continue
    if (RELATED_HEAD.test(t)) {
      // Everything after the heading in its block is the list it introduces.
      let next = el.nextElementSibling
      while (next) {
        const after = next.nextElementSibling
        drop(next)
        next = after
      }
      drop(el)
      continue
    }
    if (t.length > SHORT) continue
    // Containers holding real paragraphs are judged by their children, not as a whole.
    if (el.querySelector('p, div, section, li') && t.length > 40) continue
    if (FURNITURE.some((re) => re.test(t)) || hasCallToAction(el)) {
      drop(el)
      continue
    }
    // Link-dense short lists and boxes are navigation, share bars and related stories. Not a <p>:
    // a paragraph of links is something the author wrote.
    if (!['A', 'P'].includes(el.tagName) && t.length >= 4 && linkDensity(el, t.length) > 0.6) drop(el)
  }
  return { html: root.innerHTML, removed }
}
