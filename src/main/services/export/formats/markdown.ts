// Markdown notes (main process): YAML front matter that Obsidian and Logseq read, one section per article,
// each highlight a blockquote with its note below. Quotes are escaped; notes stay Markdown but raw HTML
// in them is neutralised.
import { stringify } from 'yaml'
import type { ExportArticle, NotesDocument } from '../collect'
import { linkableUrl } from './link'
import type { NotesWriter } from './types'

/** Escapes Markdown syntax in plain text (a quote is text, never markup). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~=]/g, (c) => '\\' + c)
    .replace(/^(\s*)([#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
}

/** A URL as an autolink when the link rule allows it, else as escaped text (never a javascript: link). */
export function markdownLink(url: string): string {
  const href = linkableUrl(url)
  return href ? `<${href.replace(/[<>\s]/g, encodeURIComponent)}>` : escapeMarkdown(url)
}

/** A user's Markdown with raw HTML turned into text: `<` outside code becomes `&lt;`. */
export function neutraliseHtml(markdown: string): string {
  let fence: string | null = null
  return markdown
    .split('\n')
    .map((line) => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line)
      if (f) {
        if (fence === null) fence = f[1] as string
        else if ((f[1] as string).startsWith(fence)) fence = null
        return line
      }
      if (fence !== null) return line
      // Outside inline code spans only.
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;')))
        .join('')
    })
    .join('\n')
}

/** Tags as Obsidian accepts them in front matter: no spaces, no '#' or ','. */
function tagForFrontMatter(tag: string): string {
  return tag.replace(/[\s#,]+/g, '_')
}

function frontMatter(doc: NotesDocument): string {
  const single = doc.articles.length === 1 ? doc.articles[0] : undefined
  const data: Record<string, unknown> = single
    ? {
        title: single.title,
        source: single.source ?? undefined,
        author: single.author ?? undefined,
        url: single.url ?? undefined,
        date: single.publishedAt ?? undefined,
        tags: single.tags.map(tagForFrontMatter)
      }
    : {
        title: 'Marginalia notes',
        articles: doc.articles.length,
        tags: [...new Set(doc.articles.flatMap((a) => a.tags.map(tagForFrontMatter)))]
      }
  data.highlights = doc.annotationCount
  data.exported = doc.generatedAt
  if (doc.script !== 'original') data.script = doc.script
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined))
  return `---\n${stringify(clean, { lineWidth: 0 }).trimEnd()}\n---\n`
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : '> ' + escapeMarkdown(line)))
    .join('\n>\n')
}

function section(a: ExportArticle): string {
  const lines = [`## ${escapeMarkdown(a.title)}`, '']
  const meta: [string, string | null][] = [
    ['Source', a.source],
    ['Author', a.author],
    ['URL', a.url && markdownLink(a.url)],
    ['Date', a.publishedAt],
    ['Tags', a.tags.length ? a.tags.map((t) => '#' + tagForFrontMatter(t)).join(' ') : null]
  ]
  for (const [label, value] of meta) {
    if (value) lines.push(`- ${label}: ${label === 'URL' || label === 'Tags' ? value : escapeMarkdown(value)}`)
  }
  if (lines.length > 2) lines.push('')
  for (const n of a.annotations) {
    lines.push(blockquote(n.quote), '')
    if (n.note) lines.push(neutraliseHtml(n.note.trim()), '')
    const by = n.author ? ` · ${escapeMarkdown(n.author)}` : ''
    lines.push(`*${n.color} · ${n.createdAt.slice(0, 10)}${by}* ^m${n.id}`, '')
  }
  return lines.join('\n')
}

export const markdownWriter: NotesWriter = {
  format: 'md',
  extension: 'md',
  mimeType: 'text/markdown;charset=utf-8',
  write(doc) {
    const parts = [frontMatter(doc)]
    if (doc.articles.length === 1) parts.push(`# ${escapeMarkdown((doc.articles[0] as ExportArticle).title)}\n`)
    for (const a of doc.articles) parts.push(section(a))
    return parts.join('\n')
  }
}
