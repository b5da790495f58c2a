// The list shows each article's open proofreading findings once it has been proofread (issue 14), from the
// cache only: a list page never proofreads, so an article not yet opened in the panel shows no count.
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { listArticles } from '../../../../src/main/services/library/list'
import { decideFindings, getArticleProofread } from '../../../../src/main/services/proofread/desk'
import { createTestDb, SAMPLES, type TestDb } from '../../../helpers/test-db'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
  await importPaths(t.db, [join(SAMPLES, 'hualong-article.txt')], { worker: false })
}, 60_000)
afterAll(() => t?.cleanup())

const page = (search?: string) =>
  listArticles(t.db, { sort: 'imported', order: 'desc', limit: 50, offset: 0, ...(search ? { search } : {}) } as Parameters<typeof listArticles>[1])

it('counts open findings on list and search pages after proofreading, and follows decisions', async () => {
  const [before] = page().items
  if (!before) throw new Error('the seed was imported')
  expect(before.proofreadFindings).toBeNull()

  const proof = await getArticleProofread(t.db, before.id)
  expect(page().items[0]?.proofreadFindings).toBe(proof.open)
  expect(page('华龙').items[0]?.proofreadFindings).toBe(proof.open)

  await decideFindings(t.db, before.id, { kind: 'punctuation' }, 'accepted')
  const after = page().items[0]?.proofreadFindings ?? 0
  console.log(`list count: ${proof.open} open, ${after} after accepting all punctuation`)
  expect(after).toBeLessThan(proof.open)
  expect(after).toBeGreaterThan(0)
})
