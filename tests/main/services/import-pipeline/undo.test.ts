// Undo of an import reverses all it did (issue 11): the metadata it filled in on a stored article (a
// duplicate that was the richer copy) goes back to what it was, unless the user changed it since, and the
// unattached notes it attached to its new articles wait on the unattached list again.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importReport, undoImport } from '../../../../src/main/services/import-pipeline/history'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { listUnattached } from '../../../../src/main/services/annotation-import/unattached'
import { searchArticles } from '../../../../src/main/services/search'
import { createTestDb, FIXTURES, type TestDb } from '../../../helpers/test-db'
import { HUALONG } from '../../../helpers/annotations'

let t: TestDb | undefined
afterEach(() => t?.cleanup())

const WALLABAG = join(FIXTURES, 'import/readlater/wallabag__wallabag-v2-read.json')
const KINDLE = join(FIXTURES, 'annotations', 'kindle-my-clippings.txt')

const article = (id: number): Record<string, unknown> =>
  (t as TestDb).db.sqlite.prepare('SELECT title, url, author, published_at FROM articles WHERE id = ?').get(id) as Record<string, unknown>

describe('undo of an import', () => {
  it('gives the articles a Wallabag export enriched their previous metadata back, keeping a later edit', async () => {
    t = await createTestDb()
    // The same entries saved earlier without title or URL (the bodies only): stored under their file name.
    const entries = JSON.parse(readFileSync(WALLABAG, 'utf8')) as Record<string, unknown>[]
    const bare = join(t.dir, 'bare.json')
    writeFileSync(bare, JSON.stringify(entries.map(({ content }) => ({ content }))))
    const first = await importPaths(t.db, [bare], { worker: false })
    const ids = first.imported.map((a) => a.id)
    const before = ids.map(article)

    const rich = await importPaths(t.db, [WALLABAG], { worker: false })
    const enriched = rich.duplicates.filter((d) => d.enriched)
    expect(enriched.map((d) => d.duplicateOf)).toEqual(ids)
    expect(enriched.every((d) => d.enriched?.includes('title') && d.enriched.includes('url'))).toBe(true)
    const [a, b] = ids as [number, number]
    const gainedTitle = article(a).title as string
    expect(gainedTitle).not.toBe(before[0]?.title)
    // The user corrects the second article's URL after the import: undo must not take that back.
    t.db.sqlite.prepare('UPDATE articles SET url = ? WHERE id = ?').run('https://example.org/corrected', b)

    expect(undoImport(t.db, rich.importId)).toEqual({ removed: 0 })
    const after = ids.map(article)
    const restored = enriched.reduce((n, d) => n + (d.enriched?.length ?? 0), 0) - 1
    console.log(
      `undo of a Wallabag re-import: ${enriched.length} enriched articles, ${restored} fields restored, 1 edited field kept; ` +
        `titles ${JSON.stringify(after.map((r) => r.title))}, urls ${JSON.stringify(after.map((r) => r.url))}`
    )
    expect(after[0]).toEqual(before[0])
    expect(after[1]).toEqual({ ...before[1], url: 'https://example.org/corrected' })
    // The restored title is what search finds again, not the one the import wrote.
    expect(searchArticles(t.db, gainedTitle.split(' ').slice(0, 3).join(' ')).hits.map((h) => h.id)).not.toContain(a)
    expect(importReport(t.db, rich.importId).status).toBe('undone')
  })

  it('returns the unattached notes it attached to the unattached list', async () => {
    t = await createTestDb()
    await importPaths(t.db, [KINDLE], { worker: false })
    const waiting = listUnattached(t.db).map((n) => n.quote)
    const withArticle = await importPaths(t.db, [HUALONG], { worker: false })
    const attached = withArticle.annotations.filter((a) => a.status === 'attached').length
    const leftAfterImport = listUnattached(t.db).length

    expect(undoImport(t.db, withArticle.importId)).toEqual({ removed: 1 })
    const back = listUnattached(t.db)
    const annotations = t.db.sqlite.prepare('SELECT count(*) FROM annotations').pluck().get()
    console.log(`undo of the import that attached ${attached} waiting notes: ${leftAfterImport} listed after the import, ${back.length} after undo (of ${waiting.length}), ${annotations} annotations left`)
    expect(attached).toBe(2)
    expect(leftAfterImport).toBe(1)
    expect(back.map((n) => n.quote).sort()).toEqual([...waiting].sort())
    expect(back.find((n) => n.quote.startsWith('平靜安逸'))).toMatchObject({ note: '治安是基礎', file: KINDLE })
    expect(annotations).toBe(0)
    // Imported again, the article takes them once more.
    const again = await importPaths(t.db, [HUALONG], { worker: false })
    expect(again.annotations.filter((a) => a.status === 'attached')).toHaveLength(2)
  })
})
