// Issue 16: an import's memory does not grow with the archive. The report kept every imported article's
// name, id and title (about 160 bytes a record, 160 MB at 1,000,000), and `cli import --json` then built the
// whole document as one string. With `listImported: false` the report counts them, and writeReportJson
// reads them back from the library a page at a time, writing the same text as JSON.stringify did.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, expect, it } from 'vitest'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { writeReportJson } from '../../../../src/main/services/import-pipeline/history'
import { createTestDb, FIXTURES, tempDir, type TestDb } from '../../../helpers/test-db'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const tmp = tempDir()
const dbs: TestDb[] = []
afterAll(() => {
  for (const t of dbs) t.cleanup()
  tmp.cleanup()
})

const CHARS = Array.from('城市公园里孩子们在草地上奔跑老人们在树下下棋聊天傍晚的街道灯火通明人们散步购物享受平静的生活图书馆和博物馆也延长了开放时间')

/** `count` distinct records of about 220 characters (long enough to be keyed on the text alone). */
function jsonLines(file: string, count: number, from = 0): string {
  const lines: string[] = []
  for (let i = from; i < from + count; i++) {
    let body = `第${i}号稿件。`
    for (let k = 0; body.length < 220; k++) body += CHARS[(i * 7 + k * 13) % CHARS.length]
    lines.push(JSON.stringify({ title: `生成稿件${i}`, content: body }))
  }
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

function heapMb(): number {
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

it('writeReportJson writes the text JSON.stringify wrote, the imported list read back from the library', async () => {
  const inputs = [
    jsonLines(join(tmp.dir, 'small.jsonl'), 30),
    join(FIXTURES, 'annotations/kindle-my-clippings.txt'),
    join(FIXTURES, 'import/readlater/wallabag__pocket.csv')
  ]
  writeFileSync(join(tmp.dir, 'again.jsonl'), jsonLines(join(tmp.dir, 'again-src.jsonl'), 3) && '{"title":"坏"\n')
  const texts: string[] = []
  for (const listImported of [true, false]) {
    const t = await createTestDb()
    dbs.push(t)
    const report = await importPaths(t.db, [...inputs, inputs[0] as string, join(tmp.dir, 'again.jsonl')], { worker: false, listImported })
    let text = ''
    writeReportJson(t.db, report, (s) => (text += s))
    if (listImported) {
      const { imported, duplicates, failed, linksOnly, annotations, warnings } = report
      expect(text).toBe(JSON.stringify({ imported, duplicates, failed, linksOnly, annotations, warnings }, null, 2))
    } else {
      expect(report.imported).toEqual([])
      expect(report.importedCount).toBe(30)
    }
    texts.push(text)
  }
  const [listed, counted] = texts.map((x) => JSON.parse(x as string))
  console.log(`listed and counted reports: ${listed.imported.length} / ${counted.imported.length} imported, ${counted.duplicates.length} duplicates, ${counted.failed.length} failed, ${counted.annotations.length} annotation entries`)
  expect(counted).toEqual(listed)
  expect(counted.imported).toHaveLength(30)
  expect(counted.duplicates).toHaveLength(30)
})

it('memory per record stays flat: heap kept by the report and used to print it, 10,000 vs 40,000 records', async () => {
  const figures: { n: number; keptMb: number; printMb: number; bytes: number; perSecond: number }[] = []
  // A first import loads the parsers and fills the statement cache: that memory is not per record.
  const warm = await createTestDb()
  dbs.push(warm)
  await importPaths(warm.db, [jsonLines(join(tmp.dir, 'warm.jsonl'), 500)], { worker: false, listImported: false })
  for (const n of [10_000, 40_000]) {
    const t = await createTestDb()
    dbs.push(t)
    const file = jsonLines(join(tmp.dir, `${n}.jsonl`), n)
    const before = heapMb()
    const t0 = performance.now()
    const report = await importPaths(t.db, [file], { worker: false, listImported: false })
    const perSecond = n / ((performance.now() - t0) / 1000)
    const kept = heapMb() - before
    // Live heap at each piece written (collected first, so garbage is not counted): what printing holds.
    let peak = 0
    let bytes = 0
    const base = heapMb()
    writeReportJson(t.db, report, (s) => {
      bytes += s.length
      peak = Math.max(peak, heapMb() - base)
    })
    expect(report.importedCount).toBe(n)
    figures.push({ n, keptMb: kept, printMb: peak, bytes, perSecond })
  }
  console.log(figures.map((f) => `${f.n} records: report keeps ${f.keptMb.toFixed(2)} MB (${((f.keptMb * 2 ** 20) / f.n).toFixed(1)} bytes/record), printing ${(f.bytes / 1e6).toFixed(1)} M chars of JSON holds at most ${f.printMb.toFixed(2)} MB of live heap, ${f.perSecond.toFixed(0)} records/s`).join('; '))
  // The same 10,000 records with the list kept, as every import did before (and the app still does).
  const t = await createTestDb()
  dbs.push(t)
  const before = heapMb()
  const listed = await importPaths(t.db, [join(tmp.dir, '10000.jsonl')], { worker: false })
  const listedBytes = ((heapMb() - before) * 2 ** 20) / listed.imported.length
  const whole = JSON.stringify({ imported: listed.imported }, null, 2)
  console.log(`with the list kept: ${listedBytes.toFixed(0)} bytes/record (${((listedBytes * 1e6) / 2 ** 20).toFixed(0)} MB at 1,000,000), and the printed document one string of ${(whole.length / 1e6).toFixed(1)} M chars`)
  expect(listed.imported).toHaveLength(10_000)
  const [small, large] = figures as [(typeof figures)[number], (typeof figures)[number]]
  expect(large.bytes).toBeGreaterThan(3.5 * small.bytes)
  // Listing them costs ~160 bytes a record (6 MB at 40,000); counting them costs nothing per record.
  expect((large.keptMb * 2 ** 20) / large.n).toBeLessThan(20)
  // The printed document is 4x longer (about 10 MB as one string at 40,000); printing holds one page.
  expect(large.printMb).toBeLessThan(2)
}, 600_000)
