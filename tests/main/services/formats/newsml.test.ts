// IPTC NewsML-G2 items, NITF (inside inlineXML), and G2 packages (links-only).
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { fixture, thrown } from '../../../helpers/import'

const ITEM = 'newsml/iptc__LISTING_1_A_NewsML-G2_News_Item.xml'
const NITF = 'newsml/iptc__LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml'
const PACKAGE = 'newsml/iptc__LISTING_6_Simple_NewsML-G2_Package.xml'

describe('NITF inside inlineXML', () => {
  it('headline, byline, abstract + body', () => {
    const [a] = parseFile(NITF, fixture(NITF))
    expect(a).toMatchObject({
      title: 'Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m.',
      author: 'Sports Network',
      rawFormat: 'nitf'
    })
    const paras = a!.text.split('\n')
    expect(paras).toHaveLength(2)
    expect(paras[0]).toMatch(/^A pair of teams coming off big weekend sweeps will square off Tonight at Citizens Bank Park/)
    expect(paras[1]).toMatch(/^\(Sports Network\) - With the Philadelphia Phillies picking up momentum/)
    expect(a!.rawText).toBe(fixture(NITF).toString('utf8'))
  })
})

describe('NewsML-G2 newsItem', () => {
  it('the IPTC example item has an empty inlineXML → empty, naming the headline', () => {
    expect(thrown(() => parseFile(ITEM, fixture(ITEM)))).toMatchObject({
      code: 'empty',
      message: expect.stringContaining('Fed to halt QE to avert "bubble"')
    })
  })

  it('with NITF content in inlineXML: headline, byline, dateline, subjects → tags, body', () => {
    // The real item with the real NITF listing placed into its empty inlineXML.
    const nitf = /<nitf[\s\S]*<\/nitf>/.exec(fixture(NITF).toString('utf8'))![0]
    const xml = fixture(ITEM).toString('utf8').replace(/(<inlineXML[^>]*>)[\s\S]*?(<\/inlineXML>)/, `$1${nitf}$2`)
    const [a] = parseFile('item.xml', Buffer.from(xml))
    expect(a).toMatchObject({
      title: 'Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m.',
      author: 'Sports Network',
      source: 'Example Enews LLP',
      publishedAt: '2016-10-18T11:12:00-05:00',
      rawFormat: 'newsml'
    })
    expect(a!.tags).toEqual(['economy, business and finance', 'labour market'])
    expect(a!.removed.dateline).toBe('Berlin')
    expect(a!.text).toContain('Citizen Bank Park')
    expect(a!.rawText).toBe(xml.slice(xml.indexOf('<newsItem')).trimEnd())
  })

  it('with XHTML content and the G2 headline', () => {
    const xml = fixture(ITEM)
      .toString('utf8')
      .replace(/(<inlineXML)[^>]*>[\s\S]*?(<\/inlineXML>)/, '$1 contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>The Fed said on Tuesday.</p><p>Markets rose.</p></body></html>$2')
    const [a] = parseFile('item.xml', Buffer.from(xml))
    expect(a).toMatchObject({ title: 'Fed to halt QE to avert "bubble"', author: 'Meredith Jameson', text: 'The Fed said on Tuesday.\nMarkets rose.' })
  })
})

describe('NewsML-G2 packageItem', () => {
  it('references items without content → links-only with the count', () => {
    expect(thrown(() => parseFile(PACKAGE, fixture(PACKAGE)))).toMatchObject({
      code: 'links-only',
      message: 'NewsML-G2 package that references 2 items by id and contains no article content'
    })
  })
})
