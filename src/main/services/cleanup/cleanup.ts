// Content-farm cleanup for Chinese news text: site suffix in titles, editor/byline/tag lines,
// related-headline lists, image placeholders and glued pinyin. Pure and re-runnable on stored raw text.
import { removePinyinGlosses } from './pinyin-gloss'
import { emptyRemoved, type RemovedContent } from './removed'

export interface CleanOptions {
  /** a title already known (file name, <title>, feed item); enables "原标题：<title>" removal */
  title?: string | null
  /** treat the first line as the title: true, false, or 'auto' (default: a short unpunctuated line followed by more text) */
  firstLineIsTitle?: boolean | 'auto'
  /** a site name already known (og:site_name…), used to recognise the title suffix */
  knownSource?: string | null
}

export interface CleanResult {
  text: string
  title: string | null
  source: string | null
  author: string | null
  editor: string | null
  tags: string[]
  removed: RemovedContent
}

// Endings of Chinese site / channel names as they appear after "_" or "|" in page titles.
const SITE_ENDING =
  /(网|網|报|報|快报|快報|新闻|新聞|日报|日報|晚报|晚報|时报|時報|周刊|週刊|头条|頭條|在线|在線|资讯|資訊|频道|頻道|订阅|訂閱|客户端|客戶端|电视台|電視台|新闻社|通讯社|通訊社|日報社|中文站|官方网站|官方網站|(?<=[\u4e00-\u9fff]{2})社)$/
const DOMAIN = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i
// "_ | ｜ -- ::" anywhere, a dash or @ only between spaces ("COVID-19" and emails stay whole).
const TITLE_SEPARATOR = /\s*(?:_|\||｜|--|::|\s[-–—@]\s)\s*/

export function isSiteName(seg: string, knownSource: string | null | undefined): boolean {
  const s = seg.trim()
  if (!s || s.length > 24) return false
  if (knownSource && s === knownSource.trim()) return true
  if (DOMAIN.test(s)) return true
  // "澎湃新闻-The Paper": judge the CJK part before a Latin alias.
  const cjkPart = s.split(/[-–—]/)[0]?.trim() ?? s
  return SITE_ENDING.test(cjkPart)
}

/**
 * Splits "headline_section_site" titles. Conservative: only strips when the last segment looks like a
 * site name; then short section names before it (≤ 6 chars) go too. Returns the pieces for `removed`.
 */
export function splitTitle(
  raw: string,
  knownSource?: string | null
): { title: string; source: string | null; stripped: string[] } {
  const full = raw.replace(/\s+/g, ' ').trim()
  const segs = full.split(TITLE_SEPARATOR).filter((s) => s.length > 0)
  const last = segs[segs.length - 1]
  if (segs.length < 2 || last === undefined || !isSiteName(last, knownSource)) {
    // "标题-新华网": a dash without spaces, accepted only before a short site name.
    const dash = /^(.{2,}?)\s*[-–—]\s*([^-–—\s]{2,12})$/u.exec(full)
    if (dash?.[1] && dash[2] && isSiteName(dash[2], knownSource) && /\p{Script=Han}/u.test(dash[2])) {
      return { title: dash[1].trim(), source: dash[2], stripped: [dash[2]] }
    }
    return { title: full, source: null, stripped: [] }
  }
  const stripped = [last]
  segs.pop()
  while (segs.length > 1) {
    const s = segs[segs.length - 1] ?? ''
    if (s.length <= 6 || isSiteName(s, knownSource)) stripped.unshift(segs.pop() ?? '')
    else break
  }
  // Rebuild from the original string so separators inside the kept headline survive.
  const keptCount = segs.length
  let title = full
  let idx = 0
  const re = new RegExp(TITLE_SEPARATOR.source, 'g')
  let m: RegExpExecArray | null
  while ((m = re.exec(full)) !== null) {
    idx++
    if (idx === keptCount) {
      title = full.slice(0, m.index)
      break
    }
  }
  title = title.trim()
  if (title.length < 2) return { title: full, source: null, stripped: [] }
  return { title, source: last.trim(), stripped }
}

const PLACEHOLDER =
  /【(?:資料圖|资料图|資料圖片|资料图片|圖片|图片|組圖|组图|視頻|视频|配圖|配图|圖|图|視頻截圖|视频截图)(?:[：:][^】]{0,30})?】|\[(?:圖片|图片|視頻|视频)\]/g
const EDITOR_LINE =
  /^[（(]?\s*(?:責任編輯|责任编辑|責編|责编)\s*[:：]\s*([^\s（）()【】[\]:：]{1,20}?)\s*[）)]?\s*(?:(?:標簽|标签|關鍵詞|关键词|標籤)\s*[:：]\s*(.*))?$/
const EDITOR_TAIL = /\s*[（(]\s*(?:責任編輯|责任编辑|責編|责编)\s*[:：]\s*([^\s（）()]{1,20})\s*[）)]\s*$/
const TAG_LINE = /^(?:標簽|标签|關鍵詞|关键词|標籤)\s*[:：]\s*(.*)$/
const HEADLINE_BULLET = /^\s*[-•·*▪●◆]\s+(.+)$/
const NAME = '[\\p{Script=Han}·]{2,4}'
const BYLINE_CORE = `(?:全媒體|全媒体|融媒體|融媒体|本報|本报|本台|特約|特约|見習|见习|首席)?(?:記者|记者)\\s*${NAME}(?:\\s+${NAME})*(?:\\s*(?:通訊員|通讯员)\\s*${NAME}(?:\\s+${NAME})*)?`
const BYLINE_TAIL = new RegExp(`(?<=[。！？!?”」』）)\\s])\\s*(${BYLINE_CORE})\\s*$`, 'u')
// A paragraph that is nothing but a byline may name the outlet first ("澎湃新闻记者 段彦超 廖艳").
const BYLINE_LINE = new RegExp(`^[（(]?\\s*(\\p{Script=Han}{0,8}?${BYLINE_CORE})\\s*[）)]?$`, 'u')
const SOURCE_TAIL = /(?:^|(?<=[。！？!?”」』）)\s]))\s*(?:文章)?(?:來源|来源)\s*[:：]\s*([^\s，。,:：]{2,20})\s*$/u
const SENTENCE_END = /[。！？!?；;，,：:…」』”]$/

function splitTags(s: string): string[] {
  return s
    .split(/[,，、;；\s]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
}

function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0]+$/g, ''))
    .filter((l) => l.length > 0)
}

/** Paragraphs separated by one '\n', no empty ones, trimmed. */
export function normalizeParagraphs(text: string): string {
  return paragraphs(text).join('\n')
}

export function cleanArticleText(rawBody: string, opts: CleanOptions = {}): CleanResult {
  const removed = emptyRemoved()
  const glossed = removePinyinGlosses(rawBody)
  removed.pinyinGlosses = glossed.count
  let lines = paragraphs(glossed.text)

  let title: string | null = null
  if (opts.title) {
    const t = removePinyinGlosses(opts.title)
    title = t.text.trim()
    removed.pinyinGlosses += t.count
  }
  let source: string | null = null
  let author: string | null = null
  let editor: string | null = null
  const tags: string[] = []

  // Title from the first line: short, no sentence punctuation, and more text after it.
  const first = lines[0]
  const firstMode = opts.firstLineIsTitle ?? 'auto'
  const wantFirst =
    firstMode === true ||
    (firstMode === 'auto' && first !== undefined && lines.length > 1 && first.length <= 100 && !SENTENCE_END.test(first))
  if (wantFirst && first !== undefined) {
    // The first line wins over a fallback title; its glosses were already counted with the body.
    if (opts.title) removed.pinyinGlosses -= removePinyinGlosses(opts.title).count
    title = first
    lines = lines.slice(1)
  }
  if (title) {
    const split = splitTitle(title, opts.knownSource)
    title = split.title
    source = split.source
    if (split.stripped.length > 1) removed.titleSegments = split.stripped
  }

  // Trailing related-headline list (bulleted lines at the very end).
  const headlines: string[] = []
  while (lines.length > 0) {
    const m = HEADLINE_BULLET.exec(lines[lines.length - 1] ?? '')
    if (!m?.[1]) break
    headlines.unshift(m[1].trim())
    lines.pop()
  }
  if (headlines.length >= 2) removed.relatedHeadlines = headlines
  else lines.push(...headlines.map((h) => `- ${h}`))

  // Editor / tags / byline lines at the end (a few lines at most, so body text is never touched).
  for (let guard = 0; guard < 6 && lines.length > 1; guard++) {
    const last = lines[lines.length - 1] ?? ''
    const ed = EDITOR_LINE.exec(last)
    if (ed?.[1]) {
      editor = ed[1]
      if (ed[2] !== undefined) tags.push(...splitTags(ed[2]))
      lines.pop()
      continue
    }
    const tg = TAG_LINE.exec(last)
    if (tg) {
      tags.push(...splitTags(tg[1] ?? ''))
      lines.pop()
      continue
    }
    const by = BYLINE_LINE.exec(last)
    if (by?.[1] && !author) {
      author = by[1].replace(/\s+/g, ' ').trim()
      lines.pop()
      continue
    }
    break
  }
  if (lines.length > 0) {
    let last = lines[lines.length - 1] ?? ''
    const edTail = EDITOR_TAIL.exec(last)
    if (edTail?.[1] && !editor) {
      editor = edTail[1]
      last = last.slice(0, edTail.index)
    }
    const srcTail = SOURCE_TAIL.exec(last)
    if (srcTail?.[1]) {
      removed.sourceLine = srcTail[0].trim()
      source ??= srcTail[1]
      last = last.slice(0, srcTail.index)
    }
    const byTail = BYLINE_TAIL.exec(last)
    if (byTail?.[1] && !author) {
      author = byTail[1].replace(/\s+/g, ' ').trim()
      last = last.slice(0, byTail.index)
    }
    lines[lines.length - 1] = last.trim()
  }

  // A byline paragraph opening the body.
  if (!author && lines.length > 1) {
    const by = BYLINE_LINE.exec(lines[0] ?? '')
    if (by?.[1]) {
      author = by[1].replace(/\s+/g, ' ').trim()
      lines.shift()
    }
  }

  // "原标题：<title>" opening the body duplicates the title (common on Sina copies).
  if (title && lines[0] !== undefined) {
    const m = /^(?:原标题|原標題)\s*[:：]\s*/.exec(lines[0])
    if (m) {
      const rest = lines[0].slice(m[0].length)
      // The known title may carry more than the original one (a file name with a prefix): accept the
      // longest tail of the title, at least 6 characters, that the line repeats.
      let k = Math.min(title.length, rest.length)
      while (k >= 6 && !title.endsWith(rest.slice(0, k))) k--
      if (k >= 6) {
        removed.originalTitle = lines[0].slice(0, m[0].length + k)
        lines[0] = rest.slice(k)
        if (k < title.length) title = rest.slice(0, k)
      }
    }
  }

  // Image placeholders like 【資料圖】.
  lines = lines.map((l) =>
    l.replace(PLACEHOLDER, (ph) => {
      removed.placeholders.push(ph)
      return ''
    })
  )

  return {
    text: normalizeParagraphs(lines.join('\n')),
    title,
    source,
    author,
    editor,
    tags: [...new Set(tags)],
    removed
  }
}
