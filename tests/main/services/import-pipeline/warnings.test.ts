// What an import had to tell the user about an article it still imported (a page read as plain text)
// reaches the report, and the stored report the history shows.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { importReport } from '../../../../src/main/services/import-pipeline/history'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

let t: TestDb | undefined
afterEach(() => t?.cleanup())

it('lists the plain-text fallback of an oversized page as a warning on that article', async () => {
  t = await createTestDb()
  const big = join(t.dir, 'big.html')
  writeFileSync(big, '<html><head><title>很多段落</title></head><body><article>' + '<p>一段正文，足够长的句子。</p>'.repeat(400) + '</article></body></html>')
  const small = join(t.dir, 'small.html')
  writeFileSync(small, '<html><head><title>短文</title></head><body><article><p>' + '正常的一段正文。'.repeat(30) + '</p></article></body></html>')
  const report = await importPaths(t.db, [big, small], { worker: false, limits: { maxHtmlElements: 200 } })
  expect(report.imported).toHaveLength(2)
  const bigId = report.imported.find((a) => a.file.endsWith('big.html'))?.id
  expect(report.warnings).toHaveLength(1)
  expect(report.warnings[0]).toMatchObject({ articleId: bigId })
  expect(report.warnings[0]?.file).toMatch(/big\.html$/)
  expect(report.warnings[0]?.message).toMatch(/200/)
  expect(importReport(t.db, report.importId).warnings).toEqual(report.warnings)
})
