// Bookmark and read-later exports in HTML: the Netscape bookmark file (Delicious, Pinboard, Shaarli,
// Chrome/Firefox/Safari "export bookmarks") and Pocket's ril_export.html. They list links, not articles:
// every <a> becomes a link record (title, URL, tags, note from the following <DD>, date), reported as
// links-only. Must be tried before the generic HTML page format, which would read the list as one page.
import { extOf, toIsoDate } from './common'
import { ItemCollector } from './items'
import type { FormatModule } from './types'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

function decode(s: string): string {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(\w+));/gi, (m, d: string | undefined, h: string | undefined, n: string | undefined) => {
      if (d || h) {
        const cp = d ? Number(d) : parseInt(h ?? '', 16)
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m
      }
      return ENTITIES[(n ?? '').toLowerCase()] ?? m
    })
    .replace(/\s+/g, ' ')
    .trim()
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs)
  return m ? decode(m[1] ?? m[2] ?? m[3] ?? '') : null
}

export function isBookmarkExport(head: string): boolean {
  return /<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(head) || /<title>\s*Pocket Export\s*<\/title>/i.test(head) || /<a\s[^>]*\btime_added\s*=/i.test(head)
}

export const bookmarksFormat: FormatModule = {
  id: 'bookmarks',
  label: 'Bookmarks (Netscape HTML, Delicious, Pocket)',
  extensions: ['html', 'htm'],
  detect(name, head) {
    return ['html', 'htm', ''].includes(extOf(name)) && isBookmarkExport(head)
  },
  parse(name, text) {
    const pocket = /Pocket Export/i.test(text.slice(0, 4096)) || /\btime_added\s*=/i.test(text.slice(0, 4096))
    const items = new ItemCollector(name)
    const anchors = [...text.matchAll(/<a\s([^>]*)>([\s\S]*?)<\/a\s*>/gi)]
    anchors.forEach((m, i) => {
      const attrs = m[1] ?? ''
      const url = attr(attrs, 'href')
      const title = decode(m[2] ?? '') || null
      if (!url || !/^[a-z][\w+.-]*:/i.test(url) || /^(?:javascript|place):/i.test(url)) {
        items.failed(i + 1, title, url ? `"${url.slice(0, 80)}" is not a link we can keep` : 'a bookmark without a URL', 'unsupported', { what: 'no-url' })
        return
      }
      // The note is the <DD> between this bookmark and the next one.
      const after = text.slice((m.index ?? 0) + m[0].length, anchors[i + 1]?.index ?? text.length)
      const dd = /^\s*(?:<\/dt>\s*)?<dd>([\s\S]*?)(?=<dt>|<\/dl>|<dl>|$)/i.exec(after)
      const date = attr(attrs, 'add_date') ?? attr(attrs, 'time_added')
      items.link(i + 1, {
        title,
        url,
        // Netscape files and Pocket both separate tags with commas.
        tags: (attr(attrs, 'tags') ?? '').split(',').map((t) => t.trim()).filter((t) => t && t !== 'toread'),
        note: dd ? decode(dd[1] ?? '') || null : null,
        savedAt: toIsoDate(date)
      })
    })
    return items.result(pocket ? 'Pocket HTML export' : 'bookmark file')
  }
}
