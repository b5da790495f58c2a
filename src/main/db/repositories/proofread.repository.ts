// Proofreading decisions and the per-article findings cache (main process; tables of migration 0005).
import { transaction, type Db } from '../connection'
import type { ProofreadCacheTable, ProofreadDecisionTable } from '../database'
import { allRows, getRow, runWrite, sql, sqlJoin } from '../sql'

export type DecisionRow = Pick<ProofreadDecisionTable, 'code' | 'start_offset' | 'end_offset' | 'text' | 'suggestion' | 'decision'>

/** What identifies a finding: its rule, its range in the cleaned text and the text there. */
export interface FindingKey {
  code: string
  start: number
  end: number
  text: string
}

export function listDecisions(db: Db, articleId: number): DecisionRow[] {
  return allRows<DecisionRow>(
    db,
    sql`SELECT code, start_offset, end_offset, text, suggestion, decision FROM proofread_decisions
        WHERE article_id = ${articleId} ORDER BY start_offset, end_offset, id`
  )
}

/** Records (or replaces) one decision per finding, in one transaction. */
export function saveDecisions(
  db: Db,
  articleId: number,
  items: readonly (FindingKey & { suggestion: string })[],
  decision: 'accepted' | 'ignored',
  now: string
): void {
  transaction(db, () => {
    for (const f of items) {
      runWrite(
        db,
        sql`INSERT INTO proofread_decisions (article_id, code, start_offset, end_offset, text, suggestion, decision, decided_at)
            VALUES (${articleId}, ${f.code}, ${f.start}, ${f.end}, ${f.text}, ${f.suggestion}, ${decision}, ${now})
            ON CONFLICT (article_id, code, start_offset, end_offset, text)
            DO UPDATE SET suggestion = excluded.suggestion, decision = excluded.decision, decided_at = excluded.decided_at`
      )
    }
  })
}

/** Forgets decisions (the findings are open again). */
export function deleteDecisions(db: Db, articleId: number, items: readonly FindingKey[]): void {
  transaction(db, () => {
    for (const f of items) {
      runWrite(
        db,
        sql`DELETE FROM proofread_decisions WHERE article_id = ${articleId} AND code = ${f.code}
            AND start_offset = ${f.start} AND end_offset = ${f.end} AND text = ${f.text}`
      )
    }
  })
}

export type CacheRow = Pick<ProofreadCacheTable, 'standard' | 'findings_json' | 'open_count'>

export function getProofreadCache(db: Db, articleId: number): CacheRow | undefined {
  return getRow<CacheRow>(db, sql`SELECT standard, findings_json, open_count FROM proofread_cache WHERE article_id = ${articleId}`)
}

/**
 * Stores an article's findings, only if `text` is still its cleaned text: a proofreading that finished
 * after the text changed must not come back as the current one. Returns whether it was stored.
 */
export function putProofreadCache(
  db: Db,
  articleId: number,
  text: string,
  entry: CacheRow & { computed_at: string }
): boolean {
  const r = runWrite(
    db,
    sql`INSERT INTO proofread_cache (article_id, standard, findings_json, open_count, computed_at)
        SELECT id, ${entry.standard}, ${entry.findings_json}, ${entry.open_count}, ${entry.computed_at}
        FROM articles WHERE id = ${articleId} AND body_text = ${text}
        ON CONFLICT (article_id) DO UPDATE SET standard = excluded.standard, findings_json = excluded.findings_json,
          open_count = excluded.open_count, computed_at = excluded.computed_at`
  )
  return r.changes > 0
}

export function setOpenCount(db: Db, articleId: number, openCount: number): void {
  runWrite(db, sql`UPDATE proofread_cache SET open_count = ${openCount} WHERE article_id = ${articleId}`)
}

/** Open-finding counts of the given articles that have a current proofreading (others are absent). */
export function openCounts(db: Db, articleIds: readonly number[]): Map<number, number> {
  const out = new Map<number, number>()
  for (let i = 0; i < articleIds.length; i += 500) {
    const ids = articleIds.slice(i, i + 500)
    if (ids.length === 0) break
    const rows = allRows<{ article_id: number; open_count: number }>(
      db,
      sql`SELECT article_id, open_count FROM proofread_cache WHERE article_id IN (${sqlJoin(ids)})`
    )
    for (const r of rows) out.set(r.article_id, r.open_count)
  }
  return out
}
