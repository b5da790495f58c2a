// EPUB: the whole book is one article (see index.ts); read through yauzl, both directly and from a zip.
import { describe, expect, it } from 'vitest'
import { parseFile, parseFileAsync } from '../../../../src/main/services/formats'
import { collect, fixture, fixturePath, nonProgress, thrown, thrownAsync } from '../../../helpers/import'
import { makeZip } from '../../../helpers/zip-writer'

const EPUB = 'epub/w3c__selectors-states.epub'

describe('EPUB', () => {
  it('one article for the whole book with OPF metadata and spine text in order', async () => {
    const arts = await parseFileAsync(EPUB, fixture(EPUB))
    expect(arts).toHaveLength(1)
    const a = arts[0]!
    expect(a).toMatchObject({ title: 'Selectors and States', source: 'World Wide Web Consortium', publishedAt: '2017-02-23T00:00:00Z', rawFormat: 'epub', encoding: 'utf-8' })
    expect(a.author).toContain('Ivan Herman, W3C')
    expect(a.removed.epubChapters).toEqual(['cover.xhtml', 'Overview.xhtml'])
    expect(a.text).toContain('W3C Working Group Note')
    expect(a.text.indexOf('W3C Working Group Note')).toBeLessThan(a.text.indexOf('Selectors'.concat(' and States'), 100))
    expect(a.html).not.toMatch(/<(script|img|style|link)\b/i)
    expect(a.rawText).toContain('<html')
  })

  it('parseFile (synchronous) refuses zip containers with a pointer to the async API', () => {
    expect(thrown(() => parseFile(EPUB, fixture(EPUB)))).toMatchObject({ code: 'unsupported', message: expect.stringContaining('parseFileAsync') })
  })

  it('readSources reads an EPUB on disk and an EPUB inside a zip', async () => {
    const zip = makeZip([{ name: 'books/selectors.epub', data: fixture(EPUB), method: 0 }])
    const { tempDir } = await import('../../../helpers/import')
    const t = tempDir()
    try {
      const { writeFileSync } = await import('node:fs')
      const zpath = `${t.dir}/books.zip`
      writeFileSync(zpath, zip)
      const events = nonProgress(await collect([fixturePath(EPUB), zpath]))
      expect(events.map((e) => [e.kind, e.file])).toEqual([
        ['file', fixturePath(EPUB)],
        ['file', `${zpath}!books/selectors.epub`]
      ])
      for (const e of events) if (e.kind === 'file') expect(e.articles[0]!.title).toBe('Selectors and States')
    } finally {
      t.cleanup()
    }
  })

  it('an EPUB without container.xml is corrupt', async () => {
    const bad = makeZip([{ name: 'mimetype', data: 'application/epub+zip', method: 0 }, { name: 'x.xhtml', data: '<html><body><p>a</p></body></html>' }])
    expect(await thrownAsync(() => parseFileAsync('bad.epub', bad))).toMatchObject({ code: 'corrupt', message: expect.stringContaining('container.xml') })
  })
})
