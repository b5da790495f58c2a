// Issue 11: `cli import --json` names every record: imported, duplicates, failed, links only (with the
// links, kept in the stored report) and one entry per incoming annotation; exit 1 when any was not placed.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/test-db'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

it('reports links only and per-annotation entries in --json, and exits 1 for unplaced highlights', async () => {
  const db = join(tmp.dir, 'lib.sqlite')
  const opml = join(tmp.dir, 'feeds.opml')
  copyFileSync(join(FIXTURES, 'import/feeds/liferea__feedlist.opml'), opml)
  const clippings = join(tmp.dir, 'My Clippings.txt')
  copyFileSync(join(FIXTURES, 'annotations/kindle-my-clippings.txt'), clippings)
  const r = await cli(['--db', db, 'import', '--json', join(SAMPLES, 'hualong-article.txt'), opml, clippings])
  const report = JSON.parse(r.stdout)
  console.log(`--json keys: ${Object.keys(report).join(', ')}; ${report.linksOnly[0]?.links} links, ${report.annotations.length} annotation entries, exit ${r.code}`)
  expect(Object.keys(report)).toEqual(['imported', 'duplicates', 'failed', 'linksOnly', 'annotations', 'warnings'])
  expect(report.imported).toHaveLength(1)
  expect(report.failed).toEqual([])
  expect(report.linksOnly).toEqual([{ file: opml, links: 10, items: expect.any(Array) }])
  expect(report.linksOnly[0].items[0]).toMatchObject({ item: `${opml}#1`, title: 'Gnomefiles', url: 'http://www.gnomefiles.org/files/gnomefiles.rdf' })
  const id = report.imported[0].id
  expect(report.annotations.map((a: { status: string; articleId: number | null }) => [a.status, a.articleId])).toEqual([
    ['attached', id],
    ['attached', id],
    ['attached', id],
    ['skipped', null],
    ['unmatched', null]
  ])
  for (const a of report.annotations) expect(Object.keys(a).sort()).toEqual(['articleId', 'file', 'quote', 'reason', 'status'])
  // The 三體 highlight has no article in this library: an input not done.
  expect(r.code).toBe(1)
})
