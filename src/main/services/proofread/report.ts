// A proofreading report for one article (main process, CLI): every finding with its decision, as Markdown
// (a table) or CSV (the notes export's OWASP-safe fields: UTF-8 with BOM, CRLF). Messages are the engine's
// plain English, as `proofread --json` prints them.
import type { ExportFile } from '@shared/anchoring/types'
import type { ArticleProofread } from '@shared/types'
import type { Db } from '../../db/connection'
import { getArticleDetail } from '../articles/detail'
import { csvField } from '../export/formats/csv'
import { escapeMarkdown } from '../export/formats/markdown'
import { safeFileName } from '../export/safe-file-name'
import { getArticleProofread } from './desk'

export type ProofreadReportFormat = 'md' | 'csv'

export const REPORT_COLUMNS = ['Kind', 'Code', 'Start', 'End', 'Text', 'Suggestion', 'Message', 'Decision'] as const

function rows(p: ArticleProofread): (string | number)[][] {
  return p.items.map((i) => [i.kind, i.code, i.start, i.end, i.text, i.suggestion, i.message, i.decision ?? 'open'])
}

/** A cell shown as code, so spaces and punctuation (the point of many findings) stay visible. */
function mdCell(value: string | number): string {
  const s = String(value)
  return s === '' ? '' : escapeMarkdown(s).replace(/\n/g, ' ')
}

/** A Markdown code span holding `s` exactly (fence longer than any backtick run in it; pipes escaped for tables). */
function codeSpan(s: string): string {
  if (s === '') return ''
  const fence = '`'.repeat(Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length)) + 1)
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${s.replace(/\|/g, '\\|')}${pad}${fence}`
}

export function renderReport(title: string, p: ArticleProofread, format: ProofreadReportFormat): string {
  if (format === 'csv') return '\ufeff' + [REPORT_COLUMNS.join(','), ...rows(p).map((r) => r.map(csvField).join(','))].join('\r\n') + '\r\n'
  const counts = new Map<string, number>()
  for (const i of p.items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1)
  const lines = [
    `# Proofreading: ${escapeMarkdown(title)}`,
    '',
    `Standard: ${p.standard}. ${p.items.length} findings, ${p.open} open` +
      (counts.size > 0 ? ` (${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}).` : '.'),
    '',
    `| ${REPORT_COLUMNS.join(' | ')} |`,
    `|${REPORT_COLUMNS.map(() => ' --- ').join('|')}|`,
    // Shown as `text`: a half-width comma or a missing space is invisible otherwise.
    ...rows(p).map((r) => `| ${r.map((c, i) => (i === 4 || i === 5 ? codeSpan(String(c)) : mdCell(c))).join(' | ')} |`),
    ''
  ]
  return lines.join('\n')
}

export async function proofreadReport(db: Db, id: number, format: ProofreadReportFormat): Promise<ExportFile> {
  const { title } = getArticleDetail(db, id)
  const p = await getArticleProofread(db, id)
  return {
    fileName: `${safeFileName(title) || `untitled-${id}`} proofreading.${format}`,
    mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : 'text/markdown;charset=utf-8',
    content: renderReport(title, p, format)
  }
}
