// The editor's desk (main process, CLI, preview host): an article's findings with the editor's decisions,
// accepting or ignoring them, and the open-finding counts the list shows.
//
// Findings are cached per article (proofread_cache, dropped by a trigger when the cleaned text changes), so
// reopening the panel or listing counts never proofreads again. The corrected text is derived, not stored:
// it is the cleaned text with the accepted findings applied (applyFindings), cheap to rebuild, and so it
// can never disagree with the decisions or outlive a change of the cleaned text.
import { applyFindings, type Finding, type FindingKind } from '@shared/proofread'
import type { ArticleProofread, ProofreadDecision, ProofreadItem, SourceScript } from '@shared/types'
import type { Db } from '../../db/connection'
import {
  deleteDecisions,
  getProofreadCache,
  listDecisions,
  openCounts,
  putProofreadCache,
  saveDecisions,
  setOpenCount,
  type FindingKey
} from '../../db/repositories/proofread.repository'
import { getArticleDetail } from '../articles/detail'
import { proofreadArticle } from './article'

const keyOf = (f: FindingKey): string => `${f.code}\u0000${f.start}\u0000${f.end}\u0000${f.text}`

async function findingsOf(db: Db, id: number): Promise<{ text: string; standard: SourceScript; findings: Finding[] }> {
  const { text } = getArticleDetail(db, id)
  const cached = getProofreadCache(db, id)
  if (cached) return { text, standard: cached.standard as SourceScript, findings: JSON.parse(cached.findings_json) as Finding[] }
  const result = await proofreadArticle(db, id)
  // The open count is set right by getArticleProofread, which merges the decisions.
  putProofreadCache(db, id, text, {
    standard: result.standard,
    findings_json: JSON.stringify(result.findings),
    open_count: result.findings.length,
    computed_at: new Date().toISOString()
  })
  return { text, standard: result.standard, findings: result.findings }
}

/** An article's findings (to its own script) with their decisions; keeps the cached open count right. */
export async function getArticleProofread(db: Db, id: number): Promise<ArticleProofread> {
  const { standard, findings } = await findingsOf(db, id)
  const decided = new Map(listDecisions(db, id).map((d) => [keyOf({ code: d.code, start: d.start_offset, end: d.end_offset, text: d.text }), d.decision]))
  const items: ProofreadItem[] = findings.map((f) => ({ ...f, decision: decided.get(keyOf(f)) ?? null }))
  const open = items.filter((i) => i.decision === null).length
  setOpenCount(db, id, open)
  return { articleId: id, standard, items, open }
}

export type DecisionTarget = { items: readonly FindingKey[] } | { kind: FindingKind }

/**
 * Accepts, ignores or reopens findings: the ones named (only current findings count: a key from an older
 * text is skipped), or every open finding of a kind ("accept all of this kind" leaves ignored ones alone).
 */
export async function decideFindings(db: Db, id: number, target: DecisionTarget, decision: ProofreadDecision | 'open'): Promise<ArticleProofread> {
  const current = await getArticleProofread(db, id)
  let chosen: ProofreadItem[]
  if ('kind' in target) chosen = current.items.filter((i) => i.kind === target.kind && i.decision === null)
  else {
    const wanted = new Set(target.items.map(keyOf))
    chosen = current.items.filter((i) => wanted.has(keyOf(i)))
  }
  if (decision === 'open') deleteDecisions(db, id, chosen)
  else saveDecisions(db, id, chosen, decision, new Date().toISOString())
  return getArticleProofread(db, id)
}

/** The cleaned text with the accepted findings applied (the derived "corrected" version). */
export async function correctedText(db: Db, id: number): Promise<string> {
  const { text } = getArticleDetail(db, id)
  const { items } = await getArticleProofread(db, id)
  return applyFindings(text, items.filter((i) => i.decision === 'accepted'))
}

/**
 * Open-finding counts for these articles, proofreading (and caching) those without a current one. The
 * first call costs one proofreading per uncached article (about 1 ms per 2,000 characters); later calls are
 * one indexed lookup per 500 ids.
 */
export async function openFindingCounts(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  const counts = openCounts(db, ids)
  for (const id of ids) {
    if (!counts.has(id)) counts.set(id, (await getArticleProofread(db, id)).open)
  }
  return counts
}
