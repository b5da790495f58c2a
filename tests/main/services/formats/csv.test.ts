// Pocket and Instapaper CSV exports hold links, not articles.
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { parseCsv } from '../../../../src/main/services/formats/csv'
import { fixture, thrown } from '../../../helpers/import'

describe('read-later CSV exports', () => {
  it('Pocket → links-only with 7 links (quoted titles with commas and newlines)', () => {
    expect(thrown(() => parseFile('readlater/wallabag__pocket.csv', fixture('readlater/wallabag__pocket.csv')))).toEqual({
      code: 'links-only',
      message: 'Pocket CSV export: links only, 7 links without article text'
    })
    const rows = parseCsv(fixture('readlater/wallabag__pocket.csv').toString('utf8'))
    expect(rows).toHaveLength(8)
    expect(rows[7]![0]).toContain('\n')
  })

  it('Instapaper → links-only with 4 links', () => {
    expect(thrown(() => parseFile('readlater/wallabag__instapaper-export.csv', fixture('readlater/wallabag__instapaper-export.csv')))).toEqual({
      code: 'links-only',
      message: 'Instapaper CSV export: links only, 4 links without article text'
    })
  })

  it('a CSV without a URL column is unsupported with the reason', () => {
    expect(thrown(() => parseFile('numbers.csv', Buffer.from('a,b\n1,2\n')))).toMatchObject({ code: 'unsupported', message: expect.stringContaining('URL column') })
  })
})

describe('unrecognised files', () => {
  it('are unsupported with the extension named', () => {
    expect(thrown(() => parseFile('encodings/chardet__UTF-16__bom-utf-16-le.srt', fixture('encodings/chardet__UTF-16__bom-utf-16-le.srt')))).toEqual({
      code: 'unsupported',
      message: '".srt" files are not an article format we can read'
    })
  })
})
