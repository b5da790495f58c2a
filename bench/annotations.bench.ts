// Annotation benchmarks: exporting 10,000 highlights in each notes format, creating one highlight through
// the service (transaction included), and listing/re-anchoring 500 highlights on one article.
import { rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { closeDatabase, openDatabase, type Db } from '../src/main/db/connection'
import { migrate } from '../src/main/db/migrate'
import { importPaths } from '../src/main/services/import-pipeline/pipeline'
import { createAnnotation, listAnnotations } from '../src/main/services/annotations'
import { collectNotes, renderNotes } from '../src/main/services/export/notes'
import { updateView } from '../src/main/db/repositories/article.repository'
import { HIGHLIGHT_COLORS } from '../src/shared/anchoring/types'
import type { NotesExportFormat } from '../src/shared/anchoring/types'
import { median, mulberry32, percentile, timeIt, type BenchRow } from './lib'

const HUALONG = resolve(__dirname, '../resources/samples/hualong-article.txt')

function seed(db: Db, articleId: number, text: string, count: number, rand: () => number): void {
  const insert = db.sqlite.prepare(
    `INSERT INTO annotations (article_id, color, note, start_offset, end_offset, exact, prefix, suffix, text_kind, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'clean', ?, ?)`
  )
  db.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const start = Math.floor(rand() * (text.length - 60))
      const end = start + 2 + Math.floor(rand() * 50)
      const now = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()
      insert.run(
        articleId,
        HIGHLIGHT_COLORS[i % 5],
        i % 3 === 0 ? `筆記 ${i}：**重點**, "引號" 與 <b>標記</b>\n- 一\n- 二` : null,
        start,
        end,
        text.slice(start, end),
        text.slice(Math.max(0, start - 32), start),
        text.slice(end, end + 32),
        now,
        now
      )
    }
  })()
}

export async function benchAnnotations(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bench-anno-'))
  const db = openDatabase(join(dir, 'library.sqlite'))
  const rows: BenchRow[] = []
  try {
    await migrate(db)
    const report = await importPaths(db, [HUALONG])
    const articleId = report.imported[0]!.id
    const text = (db.sqlite.prepare('SELECT body_text FROM articles WHERE id = ?').get(articleId) as { body_text: string }).body_text
    const rand = mulberry32(7)

    // Create: one service call per highlight, each its own IMMEDIATE transaction (synchronous=FULL).
    const createTimes = timeIt(() => {
      const start = Math.floor(rand() * (text.length - 40))
      createAnnotation(db, { articleId, textKind: 'clean', start, end: start + 12, color: 'yellow', note: '筆記' })
    }, 200)
    rows.push({ name: 'create highlight (p95)', value: percentile(createTimes, 95), unit: 'ms', target: '< 50 ms', ok: percentile(createTimes, 95) < 50 })

    // List and anchor 500 highlights on one article: on the same text (positions) and after switching to the original.
    db.sqlite.prepare('DELETE FROM annotations').run()
    seed(db, articleId, text, 500, rand)
    const listSame = median(timeIt(() => listAnnotations(db, articleId), 5))
    rows.push({ name: 'list 500 highlights (same text)', value: listSame, unit: 'ms', target: '< 200 ms', ok: listSame < 200 })
    updateView(db, articleId, { useOriginal: true })
    const listOther = median(timeIt(() => listAnnotations(db, articleId), 5))
    const orphans = listAnnotations(db, articleId).orphanCount
    rows.push({ name: `list 500 highlights re-anchored on the original (${orphans} orphans)`, value: listOther, unit: 'ms', target: '< 200 ms', ok: listOther < 200 })
    updateView(db, articleId, { useOriginal: false })

    // Export 10,000 highlights in each format (collect + serialise).
    db.sqlite.prepare('DELETE FROM annotations').run()
    seed(db, articleId, text, 10_000, rand)
    for (const format of ['md', 'json', 'csv', 'html'] as NotesExportFormat[]) {
      const t0 = performance.now()
      const doc = await collectNotes(db, { kind: 'library' })
      const out = renderNotes(doc, format)
      const ms = performance.now() - t0
      rows.push({ name: `export 10,000 highlights as ${format} (${(out.length / 1e6).toFixed(1)} M chars)`, value: ms, unit: 'ms', target: '< 2000 ms', ok: ms < 2000 })
    }
    const t0 = performance.now()
    const docCn = await collectNotes(db, { kind: 'library' }, 'cn')
    renderNotes(docCn, 'md')
    rows.push({ name: 'export 10,000 highlights as md in Simplified (incl. converter load)', value: performance.now() - t0, unit: 'ms' })
  } finally {
    closeDatabase(db)
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

if (require.main === module) {
  benchAnnotations()
    .then((rows) => {
      for (const r of rows) console.log(`  ${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.target ? `  [target ${r.target}: ${r.ok ? 'met' : 'NOT MET'}]` : ''}`)
    })
    .catch((e: unknown) => {
      console.error(e)
      process.exit(1)
    })
}
