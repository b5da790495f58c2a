// Site-independent metadata of a news page: headline, published date, author, printed 来源 and editor,
// from JSON-LD, <meta>, <time> and the lines a reader sees around the headline (never hidden text).
import { isSiteName, splitTitle } from '../../cleanup/cleanup'
import { toIsoDate } from '../common'
import { isShown, visibleLines, type VisibleLine } from './visible'

export interface NewsMeta {
  title: string | null
  publishedAt: string | null
  /** A credited person (作者/记者/文/采写…) printed around the headline. */
  author: string | null
  /**
   * The account or outlet in the byline slot (a name beside the date, above a follow button, a printed
   * meta author): the author only when no person is credited anywhere, including the body's ends.
   */
  account: { name: string; /** printed in the source slot: the outlet when a person is credited */ outlet: boolean } | null
  /** A person named by the page's markup (schema.org itemprop=author, rel=author, an hCard or byline box). */
  markedAuthor: string | null
  /** A person declared in JSON-LD/meta and printed somewhere on the page, not by the headline. */
  declaredAuthor: string | null
  source: string | null
  /** the site's own name, for a page that prints no source */
  siteSource: string | null
  editor: string | null
  /** title pieces removed as site names */
  titleSegments: string[]
}

export function metaContent(doc: Document, ...names: string[]): string | null {
  const metas = Array.from(doc.querySelectorAll('meta'))
  for (const n of names) {
    const want = n.toLowerCase()
    for (const el of metas) {
      // Some sites write name="og:time " with a stray space, so compare trimmed.
      const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase()
      if (key === want) {
        const v = el.getAttribute('content')?.trim()
        if (v) return v
      }
    }
  }
  return null
}

type Json = Record<string, unknown>

/** JSON-LD values looked at per script: enough for any real page, bounded for a hostile one. */
const MAX_JSONLD_NODES = 10_000

/** Every object of every JSON-LD block (arrays and @graph included). */
function jsonLd(doc: Document): Json[] {
  const out: Json[] = []
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let v: unknown
    try {
      v = JSON.parse(s.textContent ?? '')
    } catch {
      continue
    }
    // Breadth-first over at most MAX_JSONLD_NODES values: a 300,000-element array must neither overflow
    // the stack (push(...x)) nor cost a shift() per element.
    const queue: unknown[] = [v]
    for (let i = 0; i < queue.length && out.length < 50; i++) {
      const x = queue[i]
      const children = Array.isArray(x) ? x : x && typeof x === 'object' ? (x as Json)['@graph'] : undefined
      if (!Array.isArray(x) && x && typeof x === 'object') out.push(x as Json)
      if (Array.isArray(children)) {
        for (const y of children) {
          if (queue.length >= MAX_JSONLD_NODES) break
          queue.push(y)
        }
      }
    }
  }
  return out
}

function ldName(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null
  if (Array.isArray(v)) return v.map(ldName).filter(Boolean).join(' ') || null
  if (v && typeof v === 'object') return ldName((v as Json)['name'])
  return null
}

/**
 * The people a JSON-LD `author` names: a string, a Person, an array of them, or {"@id"} references into
 * the page's @graph. An Organization is the outlet, never a person.
 */
function ldPeople(v: unknown, byId: Map<string, Json>, depth = 0): string[] {
  if (depth > 3) return []
  if (typeof v === 'string') return v.trim() ? [v.trim()] : []
  if (Array.isArray(v)) return v.slice(0, 10).flatMap((x) => ldPeople(x, byId, depth + 1))
  if (!v || typeof v !== 'object') return []
  const o = v as Json
  const ref = typeof o['@id'] === 'string' && !o['name'] ? byId.get(o['@id']) : undefined
  if (ref) return ldPeople(ref, byId, depth + 1)
  if (/Organization|WebSite|Corporation|NewsMedia/i.test(String(o['@type'] ?? ''))) return []
  const name = ldName(o['name'])
  return name ? [name] : []
}

const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '')

// ---- dates ----

const DATE = /(?<!\d)((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?(?!\d)/u
const DATE_LABEL = /(?:发布|發布|发表|發表|更新|出版)?(?:时间|時間|日期)\s*[:：]\s*$/u
// "发布时间：18-03-08 23:16" (a two-digit year, sometimes glued to the time): read only after a date label,
// where a three-part date cannot be a month-day ("10-08 12:00") or a score.
const SHORT_YEAR_DATE = /(?:发布|發布|发表|發表|更新)(?:时间|時間|日期)\s*[:：]\s*(\d{2})-(\d{2})-(\d{2})(?:\s*(\d{2})[:：](\d{2}))?(?!\d)/u

/** [match, year, month, day, hour?, minute?, second?] as DATE captures them. */
function isoOf(m: readonly (string | undefined)[]): string | null {
  const [, y, mo, d, h, mi, se] = m
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null
  const day = `${y}-${mo?.padStart(2, '0')}-${d?.padStart(2, '0')}`
  if (h === undefined || Number(h) > 23) return day
  return `${day}T${h.padStart(2, '0')}:${mi}:${se ?? '00'}`
}

/** schema.org microdata on any element: <span itemprop="datePublished" content="…">, <time itemprop datetime>. */
function microdataDate(doc: Document): string | null {
  const el = doc.querySelector('[itemprop~="datePublished"]:not(meta)')
  if (!el) return null
  return el.getAttribute('content') ?? el.getAttribute('datetime') ?? printedDate((el.textContent ?? '').trim())
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?'
const CLOCK = '(?:,?\\s+(?:at\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp])?\\.?[Mm]?\\.?)?'
// International pages: "Oct. 23, 2019 10:20 AM", "October 23, 2019", "23 October 2019 at 10:20".
const EN_MONTH_FIRST = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})${CLOCK}`, 'i')
const EN_DAY_FIRST = new RegExp(`\\b(\\d{1,2})\\s+${MONTH},?\\s+((?:19|20)\\d{2})${CLOCK}`, 'i')

/** A date printed in English, as DATE's captures give it, or null. */
function englishDate(line: string): string | null {
  const a = EN_MONTH_FIRST.exec(line)
  const b = a ? null : EN_DAY_FIRST.exec(line)
  const [mon, day, year, h, mi, se, ampm] = a ? a.slice(1) : b ? [b[2], b[1], ...b.slice(3)] : []
  const mo = MONTHS.indexOf((mon ?? '').slice(0, 3).toLowerCase()) + 1
  if (!mo || !day || !year) return null
  let hour = h === undefined ? undefined : Number(h)
  if (hour !== undefined && ampm) hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0)
  return isoOf(['', year, String(mo), day, hour === undefined ? undefined : String(hour), mi, se])
}

/** A printed date on a line that is metadata: short, labelled, or with a time (never "2019年2月27日下午，…" prose). */
function printedDate(line: string): string | null {
  const m = DATE.exec(line)
  if (!m) {
    const short = SHORT_YEAR_DATE.exec(line)
    if (!short) return line.length <= 80 ? englishDate(line) : null
    const [whole, y, ...rest] = short
    return isoOf([whole, `20${y}`, ...rest])
  }
  const labelled = DATE_LABEL.test(line.slice(0, m.index))
  if (line.length > 80 && !labelled && m[4] === undefined) return null
  return isoOf(m)
}

// ---- names ----

// A Chinese name (2-4 characters, "·" in transliterated ones) or a Latin one ("John Smith", "alonliu").
const HAN_NAME = '[\\p{Script=Han}·]{2,4}'
const LATIN_NAME = "[A-Za-z][A-Za-z'.-]{1,19}(?: [A-Z][A-Za-z'.-]{1,19}){0,2}"
// Words printed right after a name on a credit line, never part of it: the next credit or the next field.
const ROLE = '(?:通讯员|通訊員|实习生|實習生|见习|見習|摄影|攝影|摄|攝|报道|報道|编译|編譯|编辑|編輯|责编|責編|校对|校對|审核|審核|来源|來源|发布|發布|时间|時間|日期|出处|出處|阅读|閱讀|字号|字號|浏览|瀏覽|点击|點擊|访问|訪問|人气|人氣|供稿|发稿|發稿)'
const NAME = `(?!${ROLE})(?:${HAN_NAME}|${LATIN_NAME})`
// Names are listed with 、，, (spaced or not) or one space; two spaces end the field.
const NAMES = `${NAME}(?:(?:\\s*[、，,]\\s*| )${NAME})*`
// Where a name ends: the line's end, a delimiter, a digit (a date glued on) or the next field's label.
const AFTER_NAME = `(?=$|[\\s）)】\\]，,。|丨｜/\\d]|${ROLE})`
const SEP = '[:：/|丨｜]'
const CREDIT = '(?:作者|Author|撰文|撰稿人|撰稿|撰写|撰寫|文字|文|编译|編譯|采写|採寫|口述|整理|原创|原創|发布者|發布者|发布人|發布人)'
// "文/图 王小明": writer and photographer at once, the name after a space or a separator.
const WORDS_AND_PICTURES = '(?:文\\s*[/／、]\\s*[图圖]|[图圖]\\s*[/／、]\\s*文)'
const REPORTER = '\\p{Script=Han}{0,8}?(?:记者|記者)'
// The paper's own reporter ("本报记者王小明"): the name may be glued on when it ends the line.
const STAFF_REPORTER = '(?:本报|本報|本台|本刊|本网|本網|特约|特約|首席|驻\\p{Script=Han}{1,4}|駐\\p{Script=Han}{1,4})(?:记者|記者)'
// A correspondent credited alone ("通讯员 王小明"): leftmost wins, so a 记者 before it is read first.
const CORRESPONDENT = '(?:通讯员|通訊員)'
// What may open a credit: the line's start, a space, a bracket or a bullet ("■本报记者 王小明").
// "作者：" with a colon is a credit even glued to the field before it ("来源：某某日报作者：王小明").
const CREDIT_START = '(?:^|[\\s（(【\\[■□●◆▲★•]|(?=(?:作者|记者|記者)\\s*[:：]))'
// "作者：王小明", "【作者】王小明", "记者 王小明 李四", "文｜王小明", "（记者唐霁）", "采写：王小明".
// WeChat's own byline, also in republished copy: "原创： 路闻卓立编译 人民币交易与研究" (writer, then account).
// "记者" glued to a name counts only when the credit closes there ("（记者唐霁）", "记者唐霁报道"), so
// prose such as "记者了解到，" is never read as one.
const BYLINE = new RegExp(
  `${CREDIT_START}(?:${WORDS_AND_PICTURES}\\s*(?:${SEP}|[】\\]]|\\s)\\s*|${CREDIT}\\s*(?:${SEP}|[】\\]])\\s*(?:${REPORTER}\\s*)?|${STAFF_REPORTER}(?=${NAMES}$)|${CORRESPONDENT}(?:\\s*${SEP}\\s*|\\s+)|${REPORTER}(?:\\s*${SEP}\\s*|\\s+|(?=${NAMES}(?:[）)】\\]]|\\s*(?:报道|報道|摄|攝|通讯员|通訊員|实习生|實習生)))))(${NAMES})${AFTER_NAME}`,
  'u'
)
// A pen name under an explicit 作者 label ("作者：爱吃鱼的小猫咪"), as long as it runs to a space or the end.
const PEN_NAME = new RegExp(`(?:^|[\\s（(【\\[])作者\\s*(?:${SEP}|[】\\]])\\s*([\\p{Script=Han}A-Za-z0-9_·]{2,12})(?=$|\\s)`, 'u')
const BY_LINE = new RegExp(`^(?:(?:Written|Posted|Reported)\\s+by|By|BY|by)\\s+(${LATIN_NAME}(?:(?:,\\s*|,?\\s+and\\s+)${LATIN_NAME})*)(?=$|[\\s|丨｜,，/])`, 'u')

/** The credited writer on one line, if the line credits one. */
function bylineName(line: string): string | null {
  for (const re of [BYLINE, PEN_NAME, BY_LINE]) {
    const m = re.exec(line)
    const name = m?.[1] ? cleanName(m[1].replace(/,?\s+and\s+/g, '、')) : null
    if (name) return name
  }
  return null
}
// "石佳/中国青年报": a writer and the outlet (never a date) on a line of their own.
const NAME_SOURCE_LINE = new RegExp(`^((?!${ROLE})${HAN_NAME})\\s*[/|丨｜]\\s*([^\\s/|丨｜\\d]{2,20})$`, 'u')
// A digit may touch it: "2019-08-13 14:07<span>来源：…</span>" reads as one line with no space.
// The name runs to a delimiter, the next field's label or a date glued on ("来源：某某日报作者：…").
const SOURCE_STOP =
  '作者|记者|記者|编辑|編輯|责编|責編|通讯员|通訊員|(?:发布|發布|更新)?(?:时间|時間|日期)|浏览|瀏覽|点击|點擊|阅读|閱讀|字号|字號|(?:19|20)\\d{2}[-/年.]'
const SOURCE = new RegExp(
  `(?:^|[\\s【[（(]|(?<=\\d))(?:文章|本文|新闻|新聞|稿件|信息|消息|资讯|資訊)?(?:来源|來源|出处|出處)(?:于|於)?\\s*[:：|丨｜]\\s*` +
    `((?:(?!${SOURCE_STOP})[^\\s，。,:：|丨｜【】[\\]（）()]){2,24})`,
  'u'
)
// 责任编辑/责编 (rank 2) over a plain 编辑 credit (rank 1): a portal's own editor over the copy's.
const CHIEF_EDITOR = '(?:责任编辑|責任編輯|责编|責編)'
const IS_CHIEF = new RegExp(`^${CHIEF_EDITOR}$`, 'u')
const EDITOR_LABEL = `(?:${CHIEF_EDITOR}|(?<!\\p{Script=Han})(?:本文|文字|网络|網絡|值班|执行|執行)?(?:编辑|編輯))`
const EDITOR_NAME = `([\\p{Script=Han}A-Za-z·、，, ]{2,24}?)(?=$|[\\s）)\\]】|丨｜]|${ROLE}|[_-]?[A-Z]{0,4}\\d{2,})`
const EDITOR = new RegExp(`(${EDITOR_LABEL})\\s*${SEP}\\s*${EDITOR_NAME}`, 'gu')
// "编辑 李四": a space is a separator only when the label opens the line.
const EDITOR_SPACED = new RegExp(`^[（(【\\[]?\\s*(${EDITOR_LABEL})\\s+${EDITOR_NAME}`, 'u')

/** The editor credited on one line and how strong the credit is (2: 责任编辑/责编, 1: 编辑), if any. */
function editorOf(line: string): { name: string; rank: number } | null {
  let best: { name: string; rank: number } | null = null
  for (const m of [...line.matchAll(EDITOR), EDITOR_SPACED.exec(line)]) {
    const name = m?.[2] ? cleanName(m[2].replace(/[_-]?[A-Z]{0,4}\d{2,}$/, '')) : null
    const rank = m?.[1] && IS_CHIEF.test(m[1]) ? 2 : 1
    if (name && (!best || rank > best.rank)) best = { name, rank }
  }
  return best
}
// Words of page chrome that sit on the metadata lines but are never a name.
const CHROME = /^(?:关注|關注|分享|收藏|举报|舉報|评论|評論|字号|字號|打印|订阅|訂閱|阅读|閱讀|来源|來源|正文|首页|首頁|返回|微信|微博|手机|手機|已关注|\+关注|原创|原創|转载|轉載|点赞|點贊|专栏|專欄)/u

// The CMS account that posted the page, printed where a byline goes: never a writer.
const CMS_USER = /^(?:admin|administrator|root|webmaster|editor|管理员|管理員|超级管理员|超級管理員|系统管理员|系統管理員)$/iu

function cleanName(s: string): string | null {
  const t = s.replace(/\s*[，,、]\s*/g, '、').replace(/\s+/g, ' ').trim().replace(/[、 ]+$/, '')
  if (t.length < 2 || CHROME.test(t) || CMS_USER.test(t) || /@|https?:|\d{3,}|[{}$<>]/.test(t)) return null
  return t
}

/** Author meta values that are really ids, links, emails, placeholders or a site's own name. */
function plausibleMetaAuthor(s: string | null | undefined, siteNames: string[]): string | null {
  if (!s) return null
  const t = s.replace(/\s+/g, ' ').trim()
  if (!t || /^\d+$/.test(t) || /https?:|@|[:：,，{}$<>]/.test(t) || t.length > 40) return null
  if (siteNames.some((n) => n && (n.startsWith(t) || t.startsWith(n)))) return null
  if (isSiteName(t, null)) return null
  return t
}

// A name alone, or after "By"/"作者：": the text of an author element, a meta or JSON-LD value.
const BARE_NAMES = new RegExp(`^(?:(?:By|BY|by)\\s+|作者\\s*[:：]\\s*)?(${NAMES})$`, 'u')

/** A person's name (or several) from a value that names the author and nothing else. */
function personName(raw: string, siteNames: string[]): string | null {
  const t = raw.replace(/[\s\u00a0\u3000]+/g, ' ').trim()
  const m = BARE_NAMES.exec(t)
  const name = m?.[1] ? cleanName(m[1]) : bylineName(t)
  return name && plausibleMetaAuthor(name, siteNames) ? name : null
}

// Elements that mark the author (schema.org microdata, rel=author links, hCard) and the class names of
// byline boxes. The class names are weak: such a box counts only when printed by the headline.
const AUTHOR_MARKUP = '[itemprop~="author"], [itemprop~="creator"], a[rel~="author"], .vcard .fn, .h-card .p-name'
const BYLINE_BOX = '.byline, .author, .vcard'
// Comments carry their own authors in the same markup.
const COMMENTS = '[itemprop~="comment"], [itemtype*="Comment"], [id*="comment" i], [class*="comment" i]'

/** Whether some line prints the name as a word of its own, not inside a longer one. */
function printsAlone(lines: string[], name: string): boolean {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u')
  return lines.some((l) => l.includes(name) && re.test(l))
}

/** The author the page's markup names, or null. */
function markupAuthor(doc: Document, near: string[], siteNames: string[]): string | null {
  const nearText = squash(near.join(''))
  const read = (el: Element): string | null => {
    // A <meta itemprop> in the body is declared, not printed: it is read with the other metas.
    if (el.tagName === 'META' || !isShown(el) || el.closest(COMMENTS)) return null
    // itemprop=author holding a Person: its itemprop=name; an hCard: its fn.
    const inner = el.querySelector('[itemprop~="name"], .fn, .p-name')
    const v = (inner ?? el).textContent ?? ''
    return personName(v, siteNames)
  }
  for (const el of Array.from(doc.querySelectorAll(AUTHOR_MARKUP)).slice(0, 50)) {
    const name = read(el)
    if (name) return name
  }
  for (const el of Array.from(doc.querySelectorAll(BYLINE_BOX)).slice(0, 50)) {
    const name = read(el)
    if (name && nearText.includes(squash(name))) return name
  }
  return null
}

// ---- the headline and the lines around it ----

/** Strips site names at either end of a title, for every common separator. */
function titleCore(raw: string, names: string[]): { title: string; stripped: string[] } {
  let title = raw.replace(/\s+/g, ' ').trim()
  const stripped: string[] = []
  for (let guard = 0; guard < 4; guard++) {
    const split = splitTitle(title, names[0] ?? null)
    if (split.stripped.length > 0 && split.title !== title) {
      stripped.push(...split.stripped)
      title = split.title
      continue
    }
    // A name repeated from og:site_name or the printed 来源, after a space or at the start.
    const name = names.find((n) => n && n.length >= 2 && title.length > n.length + 4 && (title.endsWith(n) || title.startsWith(n)))
    if (!name) break
    stripped.push(name)
    title = (title.endsWith(name) ? title.slice(0, -name.length) : title.slice(name.length)).replace(/^[\s_|｜:：\-–—@·•]+|[\s_|｜:：\-–—@·•]+$/g, '')
  }
  return { title, stripped }
}

const BADGES = '(?:原创|原創|独家|獨家|置顶|置頂|推荐|推薦|精选|精選|热|熱|荐|薦|视频|視頻|组图|組圖|图|圖)'
const H1_BADGE = new RegExp(`^\\s*[[【（(]?${BADGES}[\\]】）)]?\\s*|\\s*[[【（(]?${BADGES}[\\]】）)]?\\s*$`, 'gu')

/**
 * A <title> whose headline the page does not print, with a site name no rule knows: "headline_site" (an
 * underscore is never in a Chinese headline, always the CMS's separator), or "headline - site" when the
 * page prints that site name as a line of its own (the logo, the footer).
 */
function unknownSiteCut(title: string, lines: string[]): string {
  const under = /^(.{4,}?)\s*_\s*\S.*$/u.exec(title)
  if (under?.[1]) return under[1].trim()
  const dash = /^(.{4,}?)\s+[-|｜—–·•]\s+([^-|｜—–·•]{2,16})$/u.exec(title)
  if (dash?.[1] && dash[2] && lines.includes(dash[2].trim())) return dash[1].trim()
  return title
}

// A field label printed as a block of its own ("<dt>来源：</dt><dd>某某日报</dd>"): its value is the next line.
const LABEL_ONLY = /(?:来源|來源|出处|出處|作者|记者|記者|责任编辑|責任編輯|责编|責編|编辑|編輯|(?:发布|發布|发表|發表|更新)?(?:时间|時間|日期))\s*[:：]$/u

function joinLabels(lines: VisibleLine[]): VisibleLine[] {
  const out: VisibleLine[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as VisibleLine
    const next = lines[i + 1]
    if (next && !next.h1 && l.text.length <= 40 && LABEL_ONLY.test(l.text)) {
      out.push({ text: `${l.text}${next.text}`, h1: l.h1 })
      i++
    } else out.push(l)
  }
  return out
}

function pickHeadline(lines: VisibleLine[], candidates: string[], raw: string[]): { title: string | null; index: number } {
  const wanted = candidates.map(squash).filter((c) => c.length >= 4)
  // An <h1> that agrees with og:title/<title> (equal, or one a prefix of the other: og:title cut
  // short by a stray quote, or <title> with a suffix), never a section name in an <h1>.
  const agrees = (t: string): boolean => wanted.some((c) => c === t || (t.length >= 6 && c.startsWith(t)) || (c.length >= 6 && t.startsWith(c) && t.length <= c.length * 2))
  let best = -1
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as VisibleLine
    if (l.h1 && agrees(squash(l.text))) {
      best = i
      break
    }
  }
  if (best >= 0) {
    // "headline原创": a badge printed inside the <h1> is not part of the headline.
    const text = (lines[best] as VisibleLine).text
    const bare = text.replace(H1_BADGE, '')
    return { title: bare !== text && wanted.includes(squash(bare)) ? bare : text, index: best }
  }
  // No such <h1>: the longest visible line that is the cleaned title, or <title>/og:title with
  // something cut from either end (a site or section name, whatever its separator); one followed by
  // a printed date wins a tie.
  const raws = raw.map(squash).filter((r) => r.length >= 6)
  let pick = -1
  let pickLen = 0
  let pickDated = false
  let pickExact = false
  for (let i = 0; i < lines.length; i++) {
    // A badge such as "原创" may be glued before the headline.
    const t = squash((lines[i] as VisibleLine).text)
    const exact = wanted.some((c) => t === c || (t.endsWith(c) && t.length - c.length <= 4))
    const cut = t.length >= 6 && raws.some((r) => r !== t && r.length - t.length <= 30 && (r.startsWith(t) || r.endsWith(t)))
    if (!exact && !cut) continue
    const len = exact ? Math.max(t.length, ...wanted.map((c) => c.length)) : t.length
    const dated = window(lines, i).some((l) => printedDate(l) !== null)
    if (len > pickLen || (len === pickLen && dated && !pickDated)) {
      pick = i
      pickLen = len
      pickDated = dated
      pickExact = exact
    }
  }
  return { title: pick >= 0 && !pickExact ? (lines[pick] as VisibleLine).text : null, index: pick }
}

/** The metadata lines after the headline: up to 12 lines or 500 characters. */
function window(lines: VisibleLine[], at: number): string[] {
  const out: string[] = []
  let chars = 0
  for (let i = at + 1; i < lines.length && out.length < 12 && chars < 500; i++) {
    const t = (lines[i] as VisibleLine).text
    out.push(t)
    chars += t.length
  }
  return out
}

export function readNewsMeta(doc: Document): NewsMeta {
  const nodes = jsonLd(doc)
  const byId = new Map(nodes.filter((o) => typeof o['@id'] === 'string').map((o) => [o['@id'] as string, o]))
  const ld = nodes.filter((o) => o['headline'] || o['datePublished'] || o['author'])
  const docTitle = doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  const ogTitle = metaContent(doc, 'og:title', 'twitter:title')
  const siteName = metaContent(doc, 'og:site_name', 'application-name')
  const lines = joinLabels(visibleLines(doc))
  const text = lines.map((l) => l.text)

  // The printed 来源 anywhere on the page names the site too, so it is known before titles are cut.
  const printedSource = firstMatch(text, SOURCE)
  const publisher = ldName(nodes.find((o) => o['publisher'])?.['publisher'])
  const names = [siteName, printedSource, publisher].filter((n): n is string => !!n)

  const fromOg = ogTitle && docTitle.startsWith(ogTitle) ? ogTitle : null
  const base = titleCore(fromOg ?? ogTitle ?? docTitle, names)
  const candidates = [base.title, ogTitle ?? '', docTitle, ldName(ld[0]?.['headline']) ?? ''].filter(Boolean)
  const head = pickHeadline(lines, candidates, [docTitle, ogTitle ?? ''])
  const title = head.title ? titleCore(head.title, names).title : unknownSiteCut(base.title, text)
  const near = head.index >= 0 ? window(lines, head.index) : []

  // Date: as printed near the headline, then JSON-LD and meta, then <time>, then a labelled line anywhere.
  let publishedAt: string | null = null
  for (const l of near) if ((publishedAt = printedDate(l))) break
  publishedAt ??= toIsoDate(
    ld.map((o) => o['datePublished']).find((v) => typeof v === 'string') ??
      metaContent(doc, 'article:published_time', 'og:release_date', 'og:time', 'pubdate', 'publishdate', 'publish_date', 'publication_date', 'datePublished', 'weibo: article:create_at', 'dc.date', 'dc.date.issued', 'date') ??
      microdataDate(doc) ??
      doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
      null
  )
  // Some templates print the date above the headline: one with a time, on the three lines before it (a
  // date alone there may be the header's "today").
  if (!publishedAt && head.index > 0) {
    for (const l of text.slice(Math.max(0, head.index - 3), head.index).reverse()) {
      const m = DATE.exec(l)
      if (m?.[4] !== undefined && (publishedAt = printedDate(l))) break
    }
  }
  if (!publishedAt) {
    for (const l of text) {
      const m = DATE.exec(l)
      if (m && DATE_LABEL.test(l.slice(0, m.index)) && (publishedAt = isoOf(m))) break
    }
  }
  if (!publishedAt) {
    const t = doc.querySelector('time')?.textContent
    if (t) publishedAt = printedDate(t)
  }

  // Author and source near the headline: bylines, "name/outlet" lines, and a name printed beside the date.
  let author: string | null = null
  let account: NewsMeta['account'] = null
  let source: string | null = firstMatch(near, SOURCE)
  for (const l of near) {
    const ns = NAME_SOURCE_LINE.exec(l)
    if (ns?.[1] && ns[2]) {
      author ??= cleanName(ns[1])
      source ??= ns[2]
    }
    author ??= bylineName(l)
  }
  for (let i = 0; i < near.length && !account; i++) {
    const l = near[i] as string
    // A name above an undated "发布时间：10-08 12:00" line.
    if (/^(?:发布|發布|发表|發表)(?:时间|時間|于|於)/u.test(l) && i > 0 && /^[\p{Script=Han}A-Za-z·]{2,12}$/u.test(near[i - 1] as string)) {
      const name = cleanName(near[i - 1] as string)
      if (name) account = { name, outlet: false }
      if (name) break
    }
    const m = DATE.exec(l)
    if (!m) continue
    // "2019-05-17 · name", "name 2019年10月14日07:17", "2019年10月23日 09:05 name".
    const rest = l.slice(m.index + m[0].length).replace(/^[\s·•|丨]+/, '').split(/\s+/)[0] ?? ''
    const lead = l.slice(0, m.index).replace(/(?:发布|發布|发表|發表)?(?:时间|時間|日期)?\s*[:：]?\s*$/u, '').trim().split(/\s+/)
    const before = lead.pop() ?? ''
    // "原创 南方都市报 2019-09-09": the account that posted it, even when it is an outlet's name.
    const posted = /^(?:原创|原創)$/u.test(lead.pop() ?? '')
    for (const cand of [rest, before, i > 0 ? (near[i - 1] as string) : '']) {
      const name = /^[\p{Script=Han}A-Za-z·]{2,12}$/u.test(cand) ? cleanName(cand) : null
      if (!name || squash(name) === squash(title)) continue
      // Before the date is the byline slot: the account that posted it, even when it is an outlet's name
      // (then the source, should a person be credited anywhere). After the date, an outlet is the source.
      if (cand === before) account = { name, outlet: !posted && (isSiteName(name, siteName) || /站$/.test(name)) }
      else if (isSiteName(name, siteName) || /站$/.test(name)) source ??= name
      else account = { name, outlet: false }
      break
    }
  }
  // "name" directly above a 关注 (follow) button: the account that wrote it.
  if (!author && !account) {
    const k = near.findIndex((l) => /^(?:\+?关注|\+?關注)$/u.test(l) || /^[\p{Script=Han}A-Za-z·]{2,12}\s+(?:\+?关注|關注)$/u.test(l))
    const l = k >= 0 ? (near[k] as string) : ''
    const name = l.includes(' ') ? l.split(' ')[0] : k > 0 ? near[k - 1] : null
    const clean = name && /^[\p{Script=Han}A-Za-z·]{2,12}$/u.test(name) ? cleanName(name) : null
    if (clean) account = { name: clean, outlet: false }
  }
  const ldAuthor = ld.map((o) => ldPeople(o['author'], byId).join('、')).find(Boolean) ?? null
  const metaNames = ['article:author', 'author', 'byl', 'byline', 'dc.creator', 'sailthru.author', 'parsely-author']
  const declared = plausibleMetaAuthor(ldAuthor ?? metaContent(doc, ...metaNames), names.concat(base.stripped))
  // A declared author counts only when the page prints it as a word of its own (meta tags carry
  // account names, ids, staff, and the site's name that its menus print inside longer words).
  const metaAuthor = declared && printsAlone(near, declared) ? declared : null
  if (!account && metaAuthor) account = { name: metaAuthor, outlet: !!near.find((l) => DATE.test(l) && l.includes(metaAuthor)) }
  // Printed elsewhere (an author box under the article), a declared person's name is a credit. Not a
  // site's name: none cut from <title> (base may come from an og:title that carries none), nor what
  // <title> adds to the headline, nor one printed only inside longer words ("网易首页").
  const titleRest = title && docTitle.startsWith(title) ? docTitle.slice(title.length).replace(/^[\s_|｜:：\-–—@]+/, '') : ''
  const siteNames = names.concat(base.stripped, titleCore(docTitle, names).stripped, titleRest ? [titleRest] : [])
  const declaredPerson = !metaAuthor && declared ? personName(declared, siteNames) : null
  const declaredAuthor = declaredPerson && declaredPerson.split('、').every((n) => printsAlone(text, n)) ? declaredPerson : null
  const markedAuthor = markupAuthor(doc, near, siteNames)
  // An outlet given as article:author ("环球网") is the source, not a person.
  const rawMetaAuthor = metaContent(doc, 'article:author', 'author')
  if (!source && rawMetaAuthor && isSiteName(rawMetaAuthor, null)) source = rawMetaAuthor.trim()
  source ??= printedSource
  // Nothing printed: the site's own name (og:site_name, else the one cut from the title), which yields to an
  // outlet in the byline slot (the caller knows whether a person is credited).
  const siteSource = siteName ?? base.stripped[base.stripped.length - 1] ?? null

  // Editor: the last 责任编辑/责编 line on the page (the article's own, after any in the header), else
  // the last 编辑 line.
  let editor: { name: string; rank: number } | null = null
  for (let i = text.length - 1; i >= 0 && editor?.rank !== 2; i--) {
    const e = editorOf(text[i] as string)
    if (e && (!editor || e.rank > editor.rank)) editor = e
  }

  return { title: title || null, publishedAt, author, account, markedAuthor, declaredAuthor, source: source?.replace(/\d+$/, '') || null, siteSource, editor: editor?.name ?? null, titleSegments: base.stripped }
}

/** Credit lines the body cleanup removed as furniture ("文/王小明" under the last paragraph, above a QR promotion). */
export function removedCredit(removed: string[]): string | null {
  for (const t of removed) {
    const name = t.length <= 40 ? bylineName(t) : null
    if (name) return name
  }
  return null
}

/** A byline at the start or the end of the article text ("（记者唐霁）", "（编译/林靖东）"). */
export function bodyByline(text: string): string | null {
  const lines = text.split('\n').filter((l) => l.trim())
  for (const l of [...lines.slice(0, 3), ...lines.slice(-3).reverse()]) {
    // Only the ends of a long paragraph: the byline opens or closes it.
    for (const part of l.length > 200 ? [l.slice(0, 120), l.slice(-60)] : [l]) {
      const name = bylineName(part)
      if (name) return name
    }
  }
  return null
}

function firstMatch(lines: string[], re: RegExp): string | null {
  for (const l of lines) {
    const m = re.exec(l)
    if (m?.[1]) return m[1]
  }
  return null
}
