// W3C Web Annotation JSON-LD (main process): one AnnotationCollection whose first page holds every
// highlight as an Annotation with a TextQuoteSelector and a TextPositionSelector on
// urn:marginalia:article:<content hash>, the note as a Markdown TextualBody, the article's tags as
// tagging bodies, the colour as a styleClass with an embedded CSS stylesheet, and in a team archive the
// highlight's author as its creator (a foaf Person with a name).
import { annotationIri, articleIri, type ExportAnnotation, type ExportArticle } from '../collect'
import { ANNO_CONTEXT } from '../../annotations/w3c'
import { COLOR_CSS, type NotesWriter } from './types'

const STYLESHEET = {
  type: 'CssStylesheet',
  value: Object.entries(COLOR_CSS)
    .map(([name, css]) => `.marginalia-${name} { background-color: ${css}; }`)
    .join(' ')
}

export function toW3cAnnotation(article: ExportArticle, n: ExportAnnotation): Record<string, unknown> {
  const body: Record<string, unknown>[] = []
  if (n.note) body.push({ type: 'TextualBody', value: n.note, format: 'text/markdown', purpose: 'commenting' })
  for (const tag of article.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' })
  return {
    id: annotationIri(article.contentHash, n.id),
    type: 'Annotation',
    motivation: n.note ? 'commenting' : 'highlighting',
    created: n.createdAt,
    modified: n.updatedAt,
    ...(n.author ? { creator: { type: 'Person', name: n.author } } : {}),
    ...(body.length ? { body: body.length === 1 ? body[0] : body } : {}),
    stylesheet: STYLESHEET,
    target: {
      source: articleIri(article.contentHash),
      'dcterms:title': article.title,
      styleClass: `marginalia-${n.color}`,
      selector: [
        { type: 'TextQuoteSelector', exact: n.quote, prefix: n.prefix, suffix: n.suffix },
        { type: 'TextPositionSelector', start: n.start, end: n.end }
      ],
      ...(n.textKind === 'original' ? { 'marginalia:textKind': 'original' } : {})
    }
  }
}

export const jsonWriter: NotesWriter = {
  format: 'json',
  extension: 'json',
  mimeType: 'application/ld+json;charset=utf-8',
  write(doc) {
    const items = doc.articles.flatMap((a) => a.annotations.map((n) => toW3cAnnotation(a, n)))
    return (
      JSON.stringify(
        {
          '@context': ANNO_CONTEXT,
          id: `urn:marginalia:export:${doc.generatedAt}`,
          type: 'AnnotationCollection',
          label: 'Marginalia notes',
          generated: doc.generatedAt,
          generator: { type: 'Software', name: 'Marginalia' },
          total: items.length,
          first: { type: 'AnnotationPage', startIndex: 0, items }
        },
        null,
        2
      ) + '\n'
    )
  }
}
