// RSS 2.0 with content:encoded, Atom, and OPML subscription lists.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { fixture, thrown } from '../../../helpers/import'

describe('RSS with content:encoded (Medium)', () => {
  const file = 'feeds/rss-parser__content-encoded.rss'
  const raw = fixture(file).toString('utf8')
  const arts = parseFile(file, fixture(file))

  it('one article per item with its full HTML body', () => {
    const items = raw.match(/<item>/g) ?? []
    expect(arts).toHaveLength(items.length)
    const a = arts[0]!
    expect(a).toMatchObject({
      title: 'THE CREATIVE FORAGER',
      source: 'Food in Invironment on Medium',
      author: 'Jeremy Puma',
      publishedAt: '2018-04-09T18:55:38.000Z',
      rawFormat: 'rss',
      tags: ['plants', 'environment', 'nature', 'foraging', 'food']
    })
    expect(a.url).toMatch(/^https:\/\/medium\.com\/invironment\/the-creative-forager/)
    expect(a.text).toContain('GO OUTSIDE AND EAT SOME WILD FOODS')
    expect(a.text.length).toBeGreaterThan(2000)
    expect(a.html).toContain('<p>')
    expect(a.html).not.toMatch(/<img|medium\.com\/_\/stat/)
  })

  it('rawText is the item\'s own verbatim <item> XML', () => {
    for (const a of arts) {
      expect(a.rawText.startsWith('<item>')).toBe(true)
      expect(a.rawText.endsWith('</item>')).toBe(true)
      expect(raw).toContain(a.rawText)
    }
  })
})

describe('Atom (heise)', () => {
  it('one article per entry with link, date and content', () => {
    const file = 'feeds/rss-parser__heise.atom'
    const arts = parseFile(file, fixture(file))
    expect(arts.length).toBe((fixture(file).toString('utf8').match(/<entry>/g) ?? []).length)
    expect(arts[0]).toMatchObject({
      title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei',
      source: 'heise developer neueste Meldungen',
      publishedAt: '2016-02-01T17:22:00+01:00',
      rawFormat: 'atom'
    })
    expect(arts[0]!.url).toMatch(/^http:\/\/www\.heise\.de\/developer\/meldung\/Java-Anwendungsserver/)
    expect(arts[0]!.text).toContain('Enterprise-Java-Servers')
  })

  it('Atom 0.3 with inline XHTML content (Big5 sinica feed)', () => {
    const file = 'encodings/chardet__Big5__sinica.edu.tw.xml'
    const arts = parseFile(file, fixture(file))
    expect(arts[0]).toMatchObject({ title: '新年快樂', author: '隨機客', source: '「隨機部落格」之「線上演算法」', publishedAt: '2005-02-02T03:45:25+08:00' })
    expect(arts[0]!.text).toContain('學期成績')
  })
})

describe('feeds without article text', () => {
  it('OPML subscription list → links-only with its feed count', () => {
    expect(thrown(() => parseFile('feeds/liferea__feedlist.opml', fixture('feeds/liferea__feedlist.opml')))).toMatchObject({
      code: 'links-only',
      message: expect.stringMatching(/subscription list \(OPML\), no articles: links only, \d+ links/)
    })
  })

  it('an RSS feed whose items have only titles and links → links-only', () => {
    const file = 'encodings/chardet__GB2312__w3cn.org.xml'
    expect(thrown(() => parseFile(file, fixture(file)))).toMatchObject({ code: 'links-only', message: 'RSS feed with 20 items: links only, 20 links without article text' })
  })

  it('a truncated feed → parse-error; a feed without items → empty', () => {
    const head = '<?xml version="1.0"?><rss><channel><title>t</title>'
    expect(thrown(() => parseFile('cut.rss', Buffer.from(`${head}<item><title>a</title><description>正文被截斷`)))).toMatchObject({
      code: 'parse-error',
      message: expect.stringContaining('never closes')
    })
    expect(thrown(() => parseFile('none.rss', Buffer.from(`${head}</channel></rss>`)))).toMatchObject({ code: 'empty' })
  })
})
