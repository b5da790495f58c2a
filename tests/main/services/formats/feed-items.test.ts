// Issue 11, feeds: every item of every real feed ends as an article, a link-only record or a failure, by
// name (`file#n`), counted here independently of the parser; escaped HTML bodies are read, not dropped.
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { itemReportOf, LinksOnlyDocument, type ItemOutcome } from '../../../../src/main/services/formats/items'
import { fixture, FIXTURES } from '../../../helpers/import'

/** Outcomes of a file, whether it returned articles or threw links-only. */
function outcomes(file: string): { items: ItemOutcome[]; articles: number } {
  try {
    const arts = parseFile(file, fixture(file))
    const report = itemReportOf(arts)
    expect(report, `${file} returns no per-item report`).not.toBeNull()
    return { items: report?.items ?? [], articles: arts.length }
  } catch (e) {
    if (e instanceof LinksOnlyDocument) return { items: e.items, articles: 0 }
    throw e
  }
}

const feeds = ['feeds', 'encodings']
  .flatMap((dir) => readdirSync(`${FIXTURES}/${dir}`).map((f) => `${dir}/${f}`))
  // The EUC-TW copies are refused before parsing (reading/encoding-refused.test.ts).
  .filter((f) => /<(?:rss|feed|rdf:RDF)[\s>]/.test(fixture(f).toString('latin1').slice(0, 4096)) && !f.endsWith('.opml') && !f.includes('EUC-TW'))

describe('every feed item is accounted for by name', () => {
  it.each(feeds)('%s', (file) => {
    const raw = fixture(file).toString('latin1')
    // Counted by the item element itself, not by the parser.
    const expected = (raw.match(/<(?:item|entry)[\s>]/g) ?? []).length
    const { items, articles } = outcomes(file)
    const byStatus = items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.status]: (m[i.status] ?? 0) + 1 }), {})
    console.log(`${file}: ${expected} items → ${JSON.stringify(byStatus)}`)
    expect(items.map((i) => i.item)).toEqual(Array.from({ length: expected }, (_, k) => `${file}#${k + 1}`))
    expect(byStatus.article ?? 0).toBe(articles)
  })

  it('OPML: links only, each feed a link with its title', () => {
    const file = 'feeds/liferea__feedlist.opml'
    const expected = (fixture(file).toString('utf8').match(/xmlUrl\s*=\s*"https?:/g) ?? []).length
    let err: unknown
    try {
      parseFile(file, fixture(file))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(LinksOnlyDocument)
    const links = (err as LinksOnlyDocument).links
    console.log(`${file}: ${expected} feed outlines → ${links.length} links`)
    expect(links).toHaveLength(expected)
    expect(links.every((l) => /^https?:/.test(l.url) && l.title)).toBe(true)
  })
})

describe('escaped HTML bodies (Atom type="html", RSS description)', () => {
  // The heise feed's own entries with their CDATA bodies re-escaped the way Reddit and most Atom feeds
  // write them: 15 entries of several hundred `&lt;` each used to exceed the parser's entity budget.
  const heise = fixture('feeds/rss-parser__heise.atom').toString('utf8')
  const escaped = heise.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, html: string) =>
    (html + '<p>' + 'Absatz mit &amp;#32;Text. '.repeat(5) + '</p>').repeat(40).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  )

  it('every escaped entry is read as HTML and sanitised', () => {
    const expected = (heise.match(/<entry>/g) ?? []).length
    const arts = parseFile('escaped.atom', Buffer.from(escaped))
    const entities = (escaped.match(/&lt;/g) ?? []).length
    console.log(`${expected} entries with ${entities} escaped tags → ${arts.length} articles`)
    expect(arts).toHaveLength(expected)
    expect(arts[0]!.text).toContain('Enterprise-Java-Servers')
    expect(arts[0]!.text).not.toMatch(/<p>|&lt;|&amp;/)
    expect(arts[0]!.html).toContain('<p>')
  })

  it('an item without text is a link-only record, an item without text or link a failure', () => {
    const xml = `<?xml version="1.0"?><rss><channel><title>t</title>
      <item><title>正文</title><link>https://e.org/1</link><description>&lt;p&gt;第一段正文。&lt;/p&gt;</description></item>
      <item><title>只有链接</title><link>https://e.org/2</link></item>
      <item><title>什么都没有</title></item></channel></rss>`
    const arts = parseFile('mixed.rss', Buffer.from(xml))
    const items = itemReportOf(arts)?.items ?? []
    console.log(`3 items → ${items.map((i) => `${i.item}=${i.status}`).join(', ')}`)
    expect(arts.map((a) => a.text)).toEqual(['第一段正文。'])
    expect(items.map((i) => [i.item, i.status])).toEqual([
      ['mixed.rss#1', 'article'],
      ['mixed.rss#2', 'link-only'],
      ['mixed.rss#3', 'failed']
    ])
  })

  it('Atom type="text" is text: "a < b" is not markup', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>x</title><link href="https://e.org/x"/><content type="text">if a &lt; b and c &gt; d then &lt;b&gt; stays</content></entry></feed>`
    expect(parseFile('t.atom', Buffer.from(xml))[0]!.text).toBe('if a < b and c > d then <b> stays')
  })
})
