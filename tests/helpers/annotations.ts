// Shared setup for the annotation tests: a real temp library with the hualong article imported through
// the real pipeline, and highlights on real phrases of its cleaned text.
import { join } from 'node:path'
import { importPaths } from '../../src/main/services/import-pipeline/pipeline'
import { createAnnotation } from '../../src/main/services/annotations'
import { getArticleTexts } from '../../src/main/db/repositories/article.repository'
import type { Db } from '../../src/main/db/connection'
import type { HighlightColor } from '../../src/shared/anchoring/types'
import { SAMPLES } from './test-db'

export const HUALONG = join(SAMPLES, 'hualong-article.txt')

export async function importHualong(db: Db): Promise<{ id: number; text: string; raw: string }> {
  const report = await importPaths(db, [HUALONG])
  const id = report.imported[0]!.id
  const row = getArticleTexts(db, id)!
  return { id, text: row.body_text, raw: row.raw_text }
}

/** Highlights `phrase` (its n-th occurrence) in the cleaned text. */
export function highlight(db: Db, articleId: number, text: string, phrase: string, color: HighlightColor = 'yellow', note?: string, nth = 0) {
  let at = -1
  for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1)
  if (at < 0) throw new Error(`phrase not in text: ${phrase}`)
  return createAnnotation(db, { articleId, textKind: 'clean', start: at, end: at + phrase.length, color, ...(note !== undefined ? { note } : {}) })
}

/** A set of highlights covering the cases exports must handle. */
export function seedHighlights(db: Db, articleId: number, text: string) {
  const first = highlight(db, articleId, text, '平靜安逸的生活環境', 'yellow', '**要點**：治安環境\n\n- 群眾放心\n- 群眾滿意')
  // Overlaps the first one.
  const overlap = highlight(db, articleId, text, '生活環境,折射出群眾對社會治安環境的放心和滿意', 'green', '重疊的高亮')
  // Crosses a paragraph boundary.
  const nl = text.indexOf('\n', text.indexOf('最后一米'))
  const cross = createAnnotation(db, { articleId, textKind: 'clean', start: nl - 12, end: nl + 10, color: 'blue', note: '跨段落' })
  const script = highlight(db, articleId, text, '堅持黨建引領', 'pink', 'Note with <script>alert("x")</script> and <img src="http://evil.example/t.png"> and [a link](https://example.org) and "quotes", commas')
  const plain = highlight(db, articleId, text, '為民服務無止境', 'purple')
  return { first, overlap, cross, script, plain }
}
