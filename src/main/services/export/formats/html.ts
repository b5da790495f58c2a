// Printable, self-contained HTML notes (main process): inline CSS, a CSP that forbids loading anything,
// every text escaped, notes rendered through renderNoteHtml (Markdown → allow-listed HTML).
import { escapeHtml, renderNoteHtml } from '../../annotations/render-note'
import type { ExportAnnotation, ExportArticle, NotesDocument } from '../collect'
import { linkableUrl } from './link'
import { COLOR_CSS, type NotesWriter } from './types'

export const PRINT_CSS = `
body { font-family: "Noto Serif CJK SC", "Source Han Serif", "Songti SC", serif; line-height: 1.8; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; }
h1, h2 { line-height: 1.4; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2.5em; }
.meta { color: #555; font-size: .9em; } .meta dt { float: left; clear: left; width: 5em; } .meta dd { margin-left: 5.5em; }
blockquote { margin: 1.2em 0 .4em; padding: .3em .8em; border-left: 4px solid #bbb; white-space: pre-wrap; }
.note { margin: 0 0 .4em 1.2em; } .stamp { color: #777; font-size: .8em; margin-left: 1.2em; }
${Object.entries(COLOR_CSS)
  .map(([name, css]) => `.c-${name} { border-left-color: ${css}; background: ${css}33; } mark.c-${name} { background: ${css}; }`)
  .join('\n')}
@media print { body { margin: 0; max-width: none; } h2 { page-break-before: auto; break-after: avoid; } blockquote { break-inside: avoid; } }
`

export function htmlDocument(title: string, body: string, lang = 'zh'): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Marginalia">
<title>${escapeHtml(title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`
}

/** A URL as a link when the link rule allows it, else as text. */
export function htmlLink(url: string): string {
  const href = linkableUrl(url)
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>` : escapeHtml(url)
}

/** An article's metadata as a definition list (notes and article exports alike); '' when it has none. */
export function htmlMeta(a: Pick<ExportArticle, 'source' | 'author' | 'url' | 'publishedAt' | 'tags'>): string {
  const meta: [string, string | null][] = [
    ['Source', a.source && escapeHtml(a.source)],
    ['Author', a.author && escapeHtml(a.author)],
    ['URL', a.url && htmlLink(a.url)],
    ['Date', a.publishedAt && escapeHtml(a.publishedAt)],
    ['Tags', a.tags.length ? escapeHtml(a.tags.join(', ')) : null]
  ]
  const rows = meta.filter(([, v]) => v).map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
  return rows.length ? `<dl class="meta">${rows.join('')}</dl>` : ''
}

function section(a: ExportArticle, heading: 'h1' | 'h2', notes: Map<ExportAnnotation, string>): string {
  const parts = [`<section>`, `<${heading}>${escapeHtml(a.title)}</${heading}>`]
  const meta = htmlMeta(a)
  if (meta) parts.push(meta)
  for (const n of a.annotations) {
    parts.push(`<blockquote class="c-${n.color}">${escapeHtml(n.quote)}</blockquote>`)
    const note = notes.get(n) ?? ''
    if (note) parts.push(`<div class="note">${note}</div>`)
    const by = n.author ? ` · ${escapeHtml(n.author)}` : ''
    parts.push(`<div class="stamp">${escapeHtml(n.color)} · ${escapeHtml(n.createdAt.slice(0, 10))}${by}</div>`)
  }
  parts.push('</section>')
  return parts.join('\n')
}

export const htmlWriter: NotesWriter = {
  format: 'html',
  extension: 'html',
  mimeType: 'text/html;charset=utf-8',
  write(doc: NotesDocument) {
    const notes = new Map(doc.articles.flatMap((a) => a.annotations).map((n) => [n, renderNoteHtml(n.note)]))
    const single = doc.articles.length === 1 ? doc.articles[0] : undefined
    const title = single ? single.title : 'Marginalia notes'
    const body = single
      ? section(single, 'h1', notes)
      : `<h1>${escapeHtml(title)}</h1>\n<p class="meta">${doc.articles.length} articles · ${doc.annotationCount} highlights · ${escapeHtml(doc.generatedAt.slice(0, 10))}</p>\n` +
        doc.articles.map((a) => section(a, 'h2', notes)).join('\n')
    return htmlDocument(title, body)
  }
}
