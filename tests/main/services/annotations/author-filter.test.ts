// The library-wide notes view filters by author once colleagues' layers exist (team archive): null is the
// member's own highlights, a name is that colleague's; the page lists the colleagues present. Real text: the
// seed article imported into a real SQLite library; the colleague's highlight is stored as a pull stores it.
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { insertAnnotation } from '../../../../src/main/db/repositories/annotation.repository'
import { createAnnotation } from '../../../../src/main/services/annotations/service'
import { searchAnnotations } from '../../../../src/main/services/annotations/search'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { createTestDb, SAMPLES, type TestDb } from '../../../helpers/test-db'

let t: TestDb
let articleId = 0
beforeAll(async () => {
  t = await createTestDb()
  const report = await importPaths(t.db, [join(SAMPLES, 'hualong-article.txt')], { worker: false })
  articleId = report.imported[0]!.id
}, 60_000)
afterAll(() => t?.cleanup())

it('filters by author (own = null, a colleague by name) and lists the colleagues present', () => {
  const page = (author?: string | null) => searchAnnotations(t.db, { offset: 0, limit: 50, ...(author !== undefined ? { author } : {}) })
  expect(page().authors).toEqual([])

  const mine = createAnnotation(t.db, { articleId, textKind: 'clean', start: 0, end: 2, color: 'yellow' })
  const now = new Date().toISOString()
  const theirs = insertAnnotation(t.db, {
    article_id: articleId, color: 'blue', note: '同事的批注', start_offset: 3, end_offset: 6, exact: 'x', prefix: '', suffix: '',
    text_kind: 'clean', created_at: now, updated_at: now, author: '李记者'
  })

  const all = page()
  console.log(`author filter: everyone ${all.total}, mine ${page(null).total}, 李记者 ${page('李记者').total}; authors ${all.authors?.join(',')}`)
  expect(all.total).toBe(2)
  expect(all.authors).toEqual(['李记者'])
  expect(page(null).items.map((i) => i.id)).toEqual([mine.id])
  expect(page('李记者').items.map((i) => [i.id, i.author])).toEqual([[theirs, '李记者']])
  expect(page('王编辑').total).toBe(0)
})
