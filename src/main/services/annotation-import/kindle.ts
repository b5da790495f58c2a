// Kindle "My Clippings.txt" parser (pure): entries separated by "==========", each a title line
// "Title (Author)", a meta line "- Your Highlight on page 12 | Location 180-182 | Added on …" (or the
// Chinese Kindle form "- 您在位置 #180-182的标注 | 添加于 2019年3月4日星期一 下午10:22:11", or "- 您在第 20 页（位置
// #152）的笔记 | …"), a blank line and the text. Every block that holds anything is returned, numbered, so the
// import can name each one (a block without a meta line comes back as kind 'unknown').

export interface KindleClipping {
  /** its place among the file's clippings, from 1 */
  n: number
  title: string
  author: string | null
  kind: 'highlight' | 'note' | 'bookmark' | 'unknown'
  page: number | null
  location: { start: number; end: number } | null
  /** where it is, in the words the Kindle wrote ("Location 14", "位置 #152", "page 5") */
  place: string | null
  /** ISO 8601; Kindle writes local time without a zone, kept as if it were UTC. */
  addedAt: string | null
  content: string
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const t = Date.UTC(y, mo, d, h, mi, s)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

export function parseKindleDate(text: string): string | null {
  const zh = /(\d{4})年(\d{1,2})月(\d{1,2})日.*?(上午|下午)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text)
  if (zh) {
    let h = Number(zh[5])
    if (zh[4] === '下午' && h < 12) h += 12
    if (zh[4] === '上午' && h === 12) h = 0
    return iso(Number(zh[1]), Number(zh[2]) - 1, Number(zh[3]), h, Number(zh[6]), Number(zh[7] ?? 0))
  }
  const en = /([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?/i.exec(text)
  if (en) {
    const month = MONTHS.indexOf((en[1] as string).toLowerCase())
    if (month < 0) return null
    let h = Number(en[4])
    const ampm = en[7]?.toUpperCase()
    if (ampm === 'PM' && h < 12) h += 12
    if (ampm === 'AM' && h === 12) h = 0
    return iso(Number(en[3]), month, Number(en[2]), h, Number(en[5]), Number(en[6] ?? 0))
  }
  // "Added on Monday, 4 March 2019 22:22:11" (UK format)
  const uk = /(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text)
  if (uk) {
    const month = MONTHS.indexOf((uk[2] as string).toLowerCase())
    if (month >= 0) return iso(Number(uk[3]), month, Number(uk[1]), Number(uk[4]), Number(uk[5]), Number(uk[6] ?? 0))
  }
  return null
}

function splitTitle(line: string): { title: string; author: string | null } {
  const m = /^(.*\S)\s*[(（]([^()（）]+)[)）]\s*$/.exec(line)
  return m ? { title: (m[1] as string).trim(), author: (m[2] as string).trim() } : { title: line.trim(), author: null }
}

export function parseKindleClippings(text: string): KindleClipping[] {
  const out: KindleClipping[] = []
  for (const block of text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split(/^==========\s*$/m)) {
    if (block.trim() === '') continue
    const lines = block.replace(/^\n+/, '').split('\n')
    const { title, author } = splitTitle(lines[0]?.replace(/^\ufeff/, '').trim() ?? '')
    const meta = lines[1]?.trim() ?? ''
    const n = out.length + 1
    if (!title || !meta.startsWith('-')) {
      out.push({ n, title, author, kind: 'unknown', page: null, location: null, place: null, addedAt: null, content: lines.slice(1).join('\n').trim() })
      continue
    }
    const kind = /Highlight|标注|標註|标记|劃線|划线/i.test(meta)
      ? 'highlight'
      : /\bNote\b|笔记|筆記/i.test(meta)
        ? 'note'
        : /Bookmark|书签|書籤/i.test(meta)
          ? 'bookmark'
          : 'unknown'
    const loc = /(?:Location|Loc\.|位置)\s*#?\s*(\d+)(?:\s*-\s*(\d+))?/i.exec(meta)
    const page = /(?:page\s*(\d+)|第\s*(\d+)(?:\s*-\s*\d+)?\s*[页頁])/i.exec(meta)
    const added = /(?:Added on|添加于|添加於)\s*(.*)$/i.exec(meta)
    out.push({
      n,
      title,
      author,
      kind,
      page: page ? Number(page[1] ?? page[2]) : null,
      location: loc ? { start: Number(loc[1]), end: Number(loc[2] ?? loc[1]) } : null,
      place: (loc ?? page)?.[0].trim() ?? null,
      addedAt: added ? parseKindleDate(added[1] as string) : null,
      content: lines.slice(2).join('\n').trim()
    })
  }
  return out
}
