// WAL checkpoints during an import (issue 16): SQLite's default interval (1000 pages) checkpointed every
// few batches, each checkpoint two fsyncs and a copy of pages the next batches rewrite. An import widens
// the interval for its own duration only, and the connection gets its own interval back afterwards.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { generateArticles } from '../../../../bench/lib'
import { checkpointInterval, IMPORT_CHECKPOINT_PAGES } from '../../../../src/main/db/repositories/import.repository'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

/**
 * How many times the WAL has restarted from its first frame: each complete checkpoint lets the next writer
 * restart it, and the restart adds one to salt-1 of the wal-index header (big-endian at byte 32 of -shm).
 */
function walRestarts(file: string): number {
  return readFileSync(`${file}-shm`).readUInt32BE(32)
}

function writeJsonl(file: string, count: number, seed: number): void {
  writeFileSync(file, generateArticles(count, seed).map((a) => JSON.stringify({ title: a.title, content: a.content })).join('\n') + '\n')
}

describe('WAL checkpoints during an import', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  it('checkpoints rarely while the batches are written, and restores the interval after', async () => {
    t = await createTestDb()
    const before = checkpointInterval(t.db)
    const file = join(t.dir, 'archive.jsonl')
    writeJsonl(file, 2000, 16)
    const during: number[] = []
    const r0 = walRestarts(t.file)
    const t0 = performance.now()
    const report = await importPaths(t.db, [file], { worker: false, listImported: false, afterBatch: () => during.push(checkpointInterval(t.db)) })
    const ms = performance.now() - t0
    const restarts = walRestarts(t.file) - r0
    console.log(
      `2,000-article import: ${during.length} batches, WAL restarted ${restarts} times, checkpoint every ${during[0]} pages ` +
        `(the connection's ${before}: 5 restarts, measured before the change), ${((report.importedCount ?? 0) / ms * 1000).toFixed(0)} articles/s here`
    )
    expect(report.importedCount).toBe(2000)
    expect(during.every((pages) => pages === IMPORT_CHECKPOINT_PAGES)).toBe(true)
    expect(restarts).toBeLessThanOrEqual(1)
    expect(checkpointInterval(t.db)).toBe(before)
  })

  it('keeps the wider interval until the last of two overlapping imports ends, also when one fails', async () => {
    t = await createTestDb()
    const before = checkpointInterval(t.db)
    const a = join(t.dir, 'a.jsonl')
    const b = join(t.dir, 'b.jsonl')
    writeJsonl(a, 50, 1)
    writeJsonl(b, 600, 2)
    let intervalWhenFirstEnded = 0
    const first = importPaths(t.db, [a, join(t.dir, 'missing.jsonl')], { worker: false }).then((r) => {
      intervalWhenFirstEnded = checkpointInterval(t.db)
      return r
    })
    const second = importPaths(t.db, [b], { worker: false })
    const [ra, rb] = await Promise.all([first, second])
    console.log(`overlapping imports: interval ${intervalWhenFirstEnded} pages when the first ended, ${checkpointInterval(t.db)} after both (was ${before})`)
    expect(ra.failed.map((f) => f.code)).toEqual(['not-found'])
    expect(rb.imported).toHaveLength(600)
    expect(intervalWhenFirstEnded).toBe(IMPORT_CHECKPOINT_PAGES)
    expect(checkpointInterval(t.db)).toBe(before)
  })
})
