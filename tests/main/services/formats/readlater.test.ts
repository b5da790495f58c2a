// Issue 11, read-later and bookmark exports: every record is read with its title, URL, tags (split as its
// format splits them), note and date, and ends as an article, a link-only record, an excerpt kept as its
// link, or a failure, by name; records are counted here independently of the parsers.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { bookmarksFormat } from '../../../../src/main/services/formats/bookmarks'
import { itemReportOf, LinksOnlyDocument, type ItemOutcome, type LinkRecord } from '../../../../src/main/services/formats/items'
import { collect, fixture, tempDir, thrown } from '../../../helpers/import'

function outcome(run: () => unknown): { items: ItemOutcome[]; links: LinkRecord[]; articles: number } {
  try {
    const arts = run() as Parameters<typeof itemReportOf>[0]
    const r = itemReportOf(arts)
    return { items: r?.items ?? [], links: r?.links ?? [], articles: arts.length }
  } catch (e) {
    if (e instanceof LinksOnlyDocument) return { items: e.items, links: e.links, articles: 0 }
    throw e
  }
}

function accounted(file: string, expected: number, o: { items: ItemOutcome[] }): void {
  const byStatus = o.items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.status]: (m[i.status] ?? 0) + 1 }), {})
  console.log(`${file}: ${expected} records → ${JSON.stringify(byStatus)}`)
  expect(o.items.map((i) => i.item)).toEqual(Array.from({ length: expected }, (_, k) => `${file}#${k + 1}`))
}

describe('real read-later exports: every record accounted for', () => {
  it('Pocket CSV: title, URL, date; quoted titles with newlines', () => {
    const f = 'readlater/wallabag__pocket.csv'
    const expected = (fixture(f).toString('utf8').match(/,https?:\/\/[^,\s]*,\d{9,10},/g) ?? []).length
    const o = outcome(() => parseFile(f, fixture(f)))
    accounted(f, expected, o)
    expect(o.links[0]).toEqual({ item: `${f}#1`, title: 'You Might Not Need jQuery', url: 'http://youmightnotneedjquery.com/', tags: [], note: null, savedAt: '2020-09-17T06:06:28.000Z' })
  })

  it('Instapaper CSV: a custom folder is a tag, Unread/Archive/Starred are not', () => {
    const f = 'readlater/wallabag__instapaper-export.csv'
    const expected = fixture(f).toString('utf8').split('\n').filter((l) => /^https?:\/\//.test(l)).length
    const o = outcome(() => parseFile(f, fixture(f)))
    accounted(f, expected, o)
    expect(o.links.map((l) => l.tags)).toEqual([[], [], [], ['test_tag']])
    expect(o.links[3]!.title).toBe("Dis donc Donald Trump, c'est quoi exactement «covfefe»?")
  })

  it('Firefox bookmarks JSON: every place with its title and tags', () => {
    const f = 'readlater/wallabag__firefox-bookmarks.json'
    const expected = (fixture(f).toString('utf8').match(/"uri"\s*:\s*"https?:/g) ?? []).length
    const o = outcome(() => parseFile(f, fixture(f)))
    accounted(f, expected, o)
    expect(o.links[0]).toMatchObject({ title: expect.stringContaining('Tarn'), tags: ['test', 'tag'], savedAt: expect.stringMatching(/^2013-12-27/) })
  })

  it('Shaarli (Netscape bookmark file): links with tags and the <DD> note', () => {
    const f = 'readlater/wallabag__shaarli-bookmarks.html'
    const head = fixture(f).toString('utf8')
    const expected = (head.match(/<DT><A\s/gi) ?? []).length
    expect(bookmarksFormat.detect(f, head.slice(0, 4096))).toBe(true)
    const o = outcome(() => bookmarksFormat.parse(f, head, 'utf-8'))
    accounted(f, expected, o)
    expect(o.links[0]).toMatchObject({ tags: ['firefoxos'], note: expect.stringContaining('B2G source code'), savedAt: '2023-06-15T07:18:38.000Z' })
    expect(o.links[1]!.note).toBeNull()
  })

  it('Wallabag v2: every entry an article; an empty export is reported as empty', () => {
    const f = 'readlater/wallabag__wallabag-v2-read.json'
    const expected = (fixture(f).toString('utf8').match(/"is_archived"/g) ?? []).length
    const o = outcome(() => parseFile(f, fixture(f)))
    accounted(f, expected, o)
    expect(o.articles).toBe(expected)
    expect(thrown(() => parseFile('readlater/wallabag__wallabag-v2-empty.json', fixture('readlater/wallabag__wallabag-v2-empty.json')))).toMatchObject({ code: 'empty' })
  })
})

describe('documented export shapes', () => {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v))

  it('Pinboard JSON: description is the title, extended the note, tags space-separated', () => {
    const o = outcome(() =>
      parseFile('pinboard.json', json([
        { href: 'https://example.org/a', description: '标题一', extended: '我的笔记', meta: 'x', hash: 'h', time: '2020-01-02T03:04:05Z', shared: 'no', toread: 'yes', tags: '政治 香港 2020' },
        { href: 'https://example.org/b', description: 'Second', extended: '', meta: 'y', hash: 'i', time: '2021-01-02T03:04:05Z', shared: 'yes', toread: 'no', tags: '' }
      ]))
    )
    accounted('pinboard.json', 2, o)
    expect(o.links[0]).toEqual({ item: 'pinboard.json#1', title: '标题一', url: 'https://example.org/a', tags: ['政治', '香港', '2020'], note: '我的笔记', savedAt: '2020-01-02T03:04:05Z' })
  })

  it('Readability and Chrome bookmarks JSON are links only with their count, not "JSON without article fields"', () => {
    const r = outcome(() => parseFile('readability.json', json({ bookmarks: [{ article__title: 'A', article__url: 'https://e.org/a', date_added: '2015-01-01T00:00:00Z' }, { article__title: 'B', article__url: 'https://e.org/b' }] })))
    accounted('readability.json', 2, r)
    const chrome = { checksum: 'c', version: 1, roots: { bookmark_bar: { type: 'folder', name: 'Bar', children: [{ type: 'url', name: '新闻', url: 'https://news.example/', date_added: '13244112000000000' }, { type: 'folder', name: '读书', children: [{ type: 'url', name: 'Book', url: 'https://book.example/' }] }] }, other: { type: 'folder', name: 'Other', children: [] } } }
    const c = outcome(() => parseFile('Bookmarks.json', json(chrome)))
    accounted('Bookmarks.json', 2, c)
    expect(c.links[1]).toMatchObject({ title: 'Book', tags: ['读书'] })
  })

  it('Omnivore: labels are tags; a one-paragraph excerpt is kept as a link unless marked as an excerpt', () => {
    const o = outcome(() =>
      parseFile('omnivore.json', json([
        { id: '1', slug: 'a', title: '摘要', description: '只有一段的摘要。', author: '某人', url: 'https://e.org/a', state: 'Active', labels: ['读后', '政治'], savedAt: '2023-05-01T00:00:00.000Z' },
        { id: '2', slug: 'b', title: '标明摘录', description: '这是用户标明的摘录。', url: 'https://e.org/b', labels: [], excerpt: true, savedAt: '2023-05-02T00:00:00.000Z' }
      ]))
    )
    accounted('omnivore.json', 2, o)
    expect(o.items.map((i) => i.status)).toEqual(['excerpt', 'article'])
    expect(o.links[0]).toMatchObject({ title: '摘要', tags: ['读后', '政治'], note: '只有一段的摘要。' })
  })

  it('Wallabag v1: content becomes the article, tags read', () => {
    const arts = parseFile('wallabag-v1.json', json([{ id: 1, title: 'v1 标题', url: 'https://e.org/v1', is_read: '0', is_fav: '1', content: '<p>第一段正文内容。</p>', tags: 'a,b' }]))
    expect(arts[0]).toMatchObject({ title: 'v1 标题', rawFormat: 'wallabag', tags: ['a', 'b'], text: '第一段正文内容。' })
  })

  it('Delicious and Pocket HTML exports: every bookmark a link, never one page titled "Pocket Export"', () => {
    const delicious = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>
<DL><p><DT><A HREF="https://a.example/" ADD_DATE="1300000000" PRIVATE="0" TAGS="news,china">A &amp; B</A>
<DD>note for a
<DT><A HREF="https://b.example/" ADD_DATE="1300000001" PRIVATE="1" TAGS="">B</A>
<DT><A HREF="https://c.example/" ADD_DATE="1300000002" TAGS="toread">C</A>
</DL><p>`
    const d = outcome(() => bookmarksFormat.parse('delicious.html', delicious, 'utf-8'))
    accounted('delicious.html', (delicious.match(/<DT><A /g) ?? []).length, d)
    expect(d.links[0]).toMatchObject({ title: 'A & B', tags: ['news', 'china'], note: 'note for a', savedAt: '2011-03-13T07:06:40.000Z' })
    const pocket = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>Pocket Export</title></head><body>
<h1>Unread</h1><ul><li><a href="https://x.example/1" time_added="1600000000" tags="tech,读书">一</a></li><li><a href="https://x.example/2" time_added="1600000001" tags="">Two</a></li></ul>
<h1>Read Archive</h1><ul><li><a href="https://x.example/3" time_added="1600000002" tags="">Three</a></li></ul></body></html>`
    expect(bookmarksFormat.detect('ril_export.html', pocket)).toBe(true)
    const p = outcome(() => bookmarksFormat.parse('ril_export.html', pocket, 'utf-8'))
    accounted('ril_export.html', 3, p)
    expect(p.links[0]).toMatchObject({ title: '一', tags: ['tech', '读书'] })
  })

  it('a JSON list: records without text or link fail by name instead of vanishing', () => {
    const o = outcome(() => parseFile('mixed.json', json([{ title: 'A', text: '正文' }, { title: '空的', text: '' }, { width: 3 }, { url: 'https://e.org/x' }])))
    accounted('mixed.json', 4, o)
    expect(o.items.map((i) => i.status)).toEqual(['article', 'failed', 'failed', 'link-only'])
  })
})

describe('JSON Lines read as a stream', () => {
  it('every line ends as an article or a failure named file#L<n>, none silently dropped', async () => {
    const t = tempDir()
    try {
      const lines = [
        { title: '一', text: '第一篇正文。' },
        { title: '空正文', text: '' },
        { title: '二', text: '第二篇正文。' },
        { note: 'not an article' },
        { title: '只有链接', url: 'https://e.org/l' },
        { title: '三', text: '第一篇正文。' }
      ]
      const file = join(t.dir, 'records.jsonl')
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
      const events = (await collect([file])).filter((e) => e.kind !== 'progress')
      const articles = events.flatMap((e) => (e.kind === 'file' ? e.articles.map((a) => a.title) : []))
      const failed = events.flatMap((e) => (e.kind === 'failed' ? [`${e.file.replace(t.dir, '~')}:${e.code}`] : []))
      // A link without article text is kept as a link (the report's linksOnly), not a failure.
      const links = events.flatMap((e) => (e.kind === 'file' ? (e.items?.links ?? []).map((l) => `${l.item.replace(t.dir, '~')}:${l.url}`) : []))
      console.log(`${lines.length} lines → ${articles.length} articles, ${failed.length} failures: ${failed.join(', ')}; ${links.length} links`)
      expect(articles).toEqual(['一', '二', '三'])
      expect(failed).toEqual(['~/records.jsonl#L2:empty', '~/records.jsonl#L4:unsupported'])
      expect(links).toEqual(['~/records.jsonl#L5:https://e.org/l'])
    } finally {
      t.cleanup()
    }
  })
})
