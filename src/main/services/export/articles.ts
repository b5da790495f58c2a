// Article export (main process / CLI): one or many articles as Markdown, self-contained HTML or plain text,
// in any script, optionally with highlights marked (==text== / <mark>) and notes as footnotes. Exports the
// text kind the article currently shows (cleaned or original); highlights are re-anchored on it.
import type { ArticleExportFormat, ExportFile } from '@shared/anchoring/types'
import { loadConverter, type ScriptId } from '@shared/script'
import { AppError } from '@shared/result'
import type { Db } from '../../db/connection'
import { getArticleRow } from '../../db/repositories/article.repository'
import { tagsOfArticle } from '../../db/repositories/tag.repository'
import { escapeHtml, renderNoteHtml } from '../annotations/render-note'
import { currentKind, textOf } from '../../db/mappers'
import { listAnnotations } from '../annotations/service'
import { htmlDocument, htmlMeta } from './formats/html'
import { escapeMarkdown, markdownLink, neutraliseHtml } from './formats/markdown'
import { safeFileName } from './safe-file-name'
import type { ExportArticle } from './collect'

export interface ArticleExportOptions {
  format: ArticleExportFormat
  script?: ScriptId
  /** Mark highlights in the text (and list notes as footnotes). Default false. */
  highlights?: boolean
}

const MIME: Record<ArticleExportFormat, string> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  txt: 'text/plain;charset=utf-8'
}

interface Mark {
  start: number
  end: number
  color: string
  note: string | null
  quote: string
  /** Footnote number, when the highlight has a note. */
  footnote?: number
}

interface Piece {
  text: string
  marks: Mark[]
  /** Footnotes whose highlight ends after this piece. */
  refs: number[]
}

/** Cuts one paragraph [from, to) of `text` at every highlight boundary. */
function pieces(text: string, from: number, to: number, marks: Mark[]): Piece[] {
  const cuts = new Set<number>([from, to])
  for (const m of marks) {
    if (m.start > from && m.start < to) cuts.add(m.start)
    if (m.end > from && m.end < to) cuts.add(m.end)
  }
  const sorted = [...cuts].sort((a, b) => a - b)
  const out: Piece[] = []
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i] as number
    const b = sorted[i + 1] as number
    const covering = marks.filter((m) => m.start < b && m.end > a)
    // A highlight that ends with the paragraph's line break gets its reference at the paragraph's end.
    const refs = marks
      .filter((m) => m.footnote !== undefined && (m.end === b || (b === to && m.end === to + 1)))
      .map((m) => m.footnote as number)
    out.push({ text: text.slice(a, b), marks: covering, refs })
  }
  return out
}

function paragraphs(text: string): [number, number][] {
  const out: [number, number][] = []
  let start = 0
  for (;;) {
    const nl = text.indexOf('\n', start)
    const end = nl === -1 ? text.length : nl
    out.push([start, end])
    if (nl === -1) break
    start = nl + 1
  }
  return out
}

/** An article as the notes export describes it, plus its (converted) text and highlight marks. */
interface Prepared extends Pick<ExportArticle, 'id' | 'title' | 'source' | 'author' | 'url' | 'publishedAt' | 'tags'> {
  text: string
  marks: Mark[]
}

async function prepare(db: Db, id: number, options: ArticleExportOptions): Promise<Prepared> {
  const row = getArticleRow(db, id)
  if (!row) throw new AppError('not-found', `article ${id} does not exist`)
  const kind = currentKind(row)
  const stored = textOf(row, kind)
  const script = options.script ?? 'original'
  const converter = script === 'original' ? null : await loadConverter(script, 'auto')
  const convert = (s: string) => (converter ? converter.convert(s) : s)
  const { text, map } = converter ? converter.convertWithMap(stored) : { text: stored, map: null }
  const marks: Mark[] = []
  if (options.highlights) {
    let n = 0
    for (const item of listAnnotations(db, id, kind).items) {
      if (item.start === null || item.end === null) continue
      const [start, end] = map ? map.toViewRange(item.start, item.end) : [item.start, item.end]
      if (end <= start) continue
      const note = item.note && item.note.trim() ? convert(item.note) : null
      marks.push({ start, end, color: item.color, note, quote: text.slice(start, end), ...(note ? { footnote: ++n } : {}) })
    }
  }
  return {
    id,
    title: convert(row.title),
    source: row.source && convert(row.source),
    author: row.author && convert(row.author),
    url: row.url,
    publishedAt: row.published_at,
    tags: tagsOfArticle(db, id).map(convert),
    text,
    marks
  }
}

function toMarkdown(a: Prepared): string {
  const out = [`# ${escapeMarkdown(a.title)}`, '']
  const meta: [string, string | null][] = [
    ['Source', a.source && escapeMarkdown(a.source)],
    ['Author', a.author && escapeMarkdown(a.author)],
    ['URL', a.url && markdownLink(a.url)],
    ['Date', a.publishedAt],
    ['Tags', a.tags.length ? escapeMarkdown(a.tags.join(', ')) : null]
  ]
  for (const [k, v] of meta) if (v) out.push(`- ${k}: ${v}`)
  if (out.length > 2) out.push('')
  for (const [from, to] of paragraphs(a.text)) {
    if (from === to) continue
    let line = ''
    let open = false
    for (const p of pieces(a.text, from, to, a.marks)) {
      const marked = p.marks.length > 0
      if (marked && !open) {
        line += '=='
        open = true
      } else if (!marked && open) {
        line += '=='
        open = false
      }
      line += escapeMarkdown(p.text)
      const refs = p.refs
      if (refs.length) {
        if (open) {
          line += '=='
          open = false
        }
        line += refs.map((r) => `[^${r}]`).join('')
      }
    }
    if (open) line += '=='
    out.push(line, '')
  }
  const notes = a.marks.filter((m) => m.footnote !== undefined)
  for (const m of notes) {
    const body = neutraliseHtml(m.note as string)
      .split('\n')
      .map((l, i) => (i === 0 ? l : l ? '    ' + l : ''))
      .join('\n')
    out.push(`[^${m.footnote}]: ${body}`)
  }
  return out.join('\n').trimEnd() + '\n'
}

function toHtml(a: Prepared): string {
  const body: string[] = [`<article>`, `<h1>${escapeHtml(a.title)}</h1>`]
  const meta = htmlMeta(a)
  if (meta) body.push(meta)
  for (const [from, to] of paragraphs(a.text)) {
    if (from === to) continue
    let html = ''
    for (const p of pieces(a.text, from, to, a.marks)) {
      const text = escapeHtml(p.text)
      // The innermost (latest-starting) highlight gives the colour where several overlap.
      const top = p.marks.reduce<Mark | null>((best, m) => (!best || m.start >= best.start ? m : best), null)
      html += top ? `<mark class="c-${top.color}">${text}</mark>` : text
      for (const r of p.refs) html += `<sup class="fn"><a href="#fn-${r}" id="fnref-${r}">${r}</a></sup>`
    }
    body.push(`<p>${html}</p>`)
  }
  const notes = a.marks.filter((m) => m.footnote !== undefined)
  if (notes.length) {
    body.push('<section class="footnotes"><hr><ol>')
    for (const m of notes) {
      body.push(`<li id="fn-${m.footnote}">${renderNoteHtml(m.note)} <a href="#fnref-${m.footnote}">↩</a></li>`)
    }
    body.push('</ol></section>')
  }
  body.push('</article>')
  return htmlDocument(a.title, body.join('\n'))
}

function toText(a: Prepared): string {
  const out = [a.title]
  const meta = [a.source, a.author, a.publishedAt, a.url].filter(Boolean).join(' · ')
  if (meta) out.push(meta)
  if (a.tags.length) out.push(a.tags.join(', '))
  // Plain text cannot mark a highlight without changing the words, so only notes show in the text: a
  // [n] after the highlighted words, and the note with its quote under the article.
  const notes = a.marks.filter((m) => m.footnote !== undefined)
  if (notes.length === 0) out.push('', a.text.trimEnd())
  else {
    const lines: string[] = []
    for (const [from, to] of paragraphs(a.text)) {
      let line = ''
      for (const p of pieces(a.text, from, to, notes)) line += p.text + p.refs.map((r) => `[${r}]`).join('')
      lines.push(line)
    }
    out.push('', lines.join('\n').trimEnd())
  }
  if (notes.length) {
    out.push('', '——')
    for (const m of notes) out.push('', `[${m.footnote}] 「${m.quote}」`, ...(m.note as string).split('\n').map((l) => '    ' + l))
  }
  return out.join('\n') + '\n'
}

const EXTENSION: Record<ArticleExportFormat, string> = { md: 'md', html: 'html', txt: 'txt' }

export async function exportArticle(db: Db, id: number, options: ArticleExportOptions): Promise<ExportFile> {
  const a = await prepare(db, id, options)
  const content = options.format === 'md' ? toMarkdown(a) : options.format === 'html' ? toHtml(a) : toText(a)
  return {
    fileName: safeFileName(a.title, { extension: EXTENSION[options.format], fallback: `article-${id}` }),
    mimeType: MIME[options.format],
    content
  }
}

export async function exportArticles(db: Db, ids: readonly number[], options: ArticleExportOptions): Promise<ExportFile[]> {
  const out: ExportFile[] = []
  for (const id of ids) out.push(await exportArticle(db, id, options))
  return out
}
