// The editor's desk on the seed article: decisions survive a reload and a re-proofreading, "accept all of
// this kind" leaves ignored findings alone, the corrected text is the cleaned text with the accepted fixes,
// the open count is cached and dropped when the cleaned text changes, and the report exports as md and csv.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase, type Db } from '../../../../src/main/db/connection'
import { getArticleDetail } from '../../../../src/main/services/articles/detail'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { correctedText, decideFindings, getArticleProofread, openFindingCounts } from '../../../../src/main/services/proofread/desk'
import { proofreadReport } from '../../../../src/main/services/proofread/report'
import { createTestDb, SAMPLES, type TestDb } from '../../../helpers/test-db'

describe('proofreading desk', () => {
  let t: TestDb
  let id = 0
  beforeAll(async () => {
    t = await createTestDb()
    await importPaths(t.db, [join(SAMPLES, 'hualong-article.txt')], { worker: false })
    id = Number(t.db.sqlite.prepare('SELECT id FROM articles').pluck().get())
  }, 60_000)
  afterAll(() => t?.cleanup())

  it('keeps decisions across a reload and a re-proofreading; accepting all of a kind skips ignored ones', async () => {
    const first = await getArticleProofread(t.db, id)
    expect(first.open).toBe(first.items.length)
    const commas = first.items.filter((i) => i.code === 'punctuation.half-width' && i.text === ',')
    const [a, b] = commas
    if (!a || !b) throw new Error('the seed has half-width commas')
    await decideFindings(t.db, id, { items: [a] }, 'accepted')
    await decideFindings(t.db, id, { items: [b] }, 'ignored')

    // A reload through a second connection, and again with the cache dropped (a fresh proofreading).
    const other: Db = openDatabase(t.file)
    try {
      const again = await getArticleProofread(other, id)
      t.db.sqlite.prepare('DELETE FROM proofread_cache').run()
      const fresh = await getArticleProofread(other, id)
      for (const p of [again, fresh]) {
        expect(p.items.find((i) => i.start === a.start && i.code === a.code)?.decision).toBe('accepted')
        expect(p.items.find((i) => i.start === b.start && i.code === b.code)?.decision).toBe('ignored')
        expect(p.open).toBe(first.items.length - 2)
      }
    } finally {
      closeDatabase(other)
    }

    const all = await decideFindings(t.db, id, { kind: 'punctuation' }, 'accepted')
    const punct = all.items.filter((i) => i.kind === 'punctuation')
    console.log(`accept all punctuation: ${punct.filter((i) => i.decision === 'accepted').length} accepted, ${punct.filter((i) => i.decision === 'ignored').length} left ignored, ${all.open} open of ${all.items.length}`)
    expect(punct.filter((i) => i.decision === 'ignored').map((i) => i.start)).toEqual([b.start])
    expect(punct.every((i) => i.decision !== null)).toBe(true)

    // A finding named with a key that is not a current finding changes nothing.
    const before = await getArticleProofread(t.db, id)
    const after = await decideFindings(t.db, id, { items: [{ code: 'conversion.one-to-many', start: 0, end: 1, text: '假' }] }, 'ignored')
    expect(after.items.map((i) => i.decision)).toEqual(before.items.map((i) => i.decision))
  }, 60_000)

  it('derives the corrected text from the cleaned text and the accepted fixes; the original is untouched', async () => {
    const { text, rawText } = getArticleDetail(t.db, id)
    const p = await getArticleProofread(t.db, id)
    const corrected = await correctedText(t.db, id)
    const accepted = p.items.filter((i) => i.decision === 'accepted')
    expect(accepted.length).toBeGreaterThan(100)
    // Every accepted half-width comma is gone, the ignored one stays, and nothing else moved.
    const halfWidthLeft = [...corrected.matchAll(/(?<=\p{Script=Han}),(?=\p{Script=Han})/gu)].length
    console.log(`corrected text: ${text.length} → ${corrected.length} characters, ${halfWidthLeft} half-width comma left between Han characters (the ignored one)`)
    expect(halfWidthLeft).toBe(1)
    expect(getArticleDetail(t.db, id).text).toBe(text)
    expect(getArticleDetail(t.db, id).rawText).toBe(rawText)
  })

  it('caches the open count and drops it when the cleaned text changes', async () => {
    const open = (await getArticleProofread(t.db, id)).open
    expect((await openFindingCounts(t.db, [id])).get(id)).toBe(open)
    t.db.sqlite.prepare("UPDATE articles SET body_text = body_text || '\n新段落,加上' WHERE id = ?").run(id)
    expect(t.db.sqlite.prepare('SELECT count(*) FROM proofread_cache').pluck().get()).toBe(0)
    const recount = (await openFindingCounts(t.db, [id])).get(id)
    console.log(`open findings: ${open} before the text changed, ${String(recount)} after (one new half-width comma)`)
    expect(recount).toBe(open + 1)
  }, 60_000)

  it('exports the report as Markdown and as OWASP-safe CSV with every decision', async () => {
    const p = await getArticleProofread(t.db, id)
    const md = await proofreadReport(t.db, id, 'md')
    const csv = await proofreadReport(t.db, id, 'csv')
    const mdRows = md.content.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Kind') && !l.startsWith('| ---'))
    const csvRows = csv.content.replace(/^\ufeff/, '').trimEnd().split('\r\n')
    console.log(`report: ${p.items.length} findings → ${mdRows.length} Markdown rows, ${csvRows.length - 1} CSV rows`)
    expect(mdRows.length).toBe(p.items.length)
    expect(csvRows[0]).toBe('Kind,Code,Start,End,Text,Suggestion,Message,Decision')
    expect(csvRows.length - 1).toBe(p.items.length)
    expect(csv.content.startsWith('\ufeff')).toBe(true)
    expect(md.content).toMatch(/\| punctuation \| punctuation\.half-width \| \d+ \| \d+ \| `,` \| `，` \| .+ \| ignored \|/)
    expect(csv.fileName).toMatch(/proofreading\.csv$/)
  })
})
