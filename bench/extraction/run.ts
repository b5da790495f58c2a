// Runs both extractors over the labelled pages and scores them: ours (the importer's parseFile) and,
// as the same-run baseline, plain Readability on jsdom with no cleanup of ours.
import { Readability } from '@mozilla/readability'
import { JSDOM } from 'jsdom'
import { parseFile } from '../../src/main/services/formats'
import { decodePage, loadLabels, readPage, type PageLabel, type Split } from './pages'
import { scorePage, summarize, type Extraction, type PageScore, type Summary } from './score'

export type ExtractorId = 'ours' | 'readability'

export const EXTRACTORS: Record<ExtractorId, (file: string, bytes: Uint8Array) => Extraction> = {
  ours(file, bytes) {
    const [article] = parseFile(file, bytes)
    if (!article) throw new Error(`${file}: no article`)
    const { title, publishedAt, author, editor, source, text } = article
    return { title, publishedAt, author, editor, source, body: text }
  },
  // Readability reports no editor and no 来源; its siteName is a site name, so both stay null.
  readability(_file, bytes) {
    const dom = new JSDOM(decodePage(bytes))
    try {
      const r = new Readability(dom.window.document).parse()
      return {
        title: r?.title ?? null,
        publishedAt: r?.publishedTime ?? null,
        author: r?.byline ?? null,
        editor: null,
        source: null,
        body: r?.textContent ?? ''
      }
    } finally {
      dom.window.close()
    }
  }
}

/** An extractor that throws on a page scores that page as empty (every field and snippet wrong). */
function extractSafely(id: ExtractorId, label: PageLabel): Extraction {
  try {
    return EXTRACTORS[id](label.file, readPage(label.file))
  } catch {
    return { title: null, publishedAt: null, author: null, editor: null, source: null, body: '' }
  }
}

export interface ExtractionRun {
  scores: Record<ExtractorId, PageScore[]>
  summary: Record<ExtractorId, Record<Split, Summary>>
}

export function runExtraction(labels: PageLabel[] = loadLabels()): ExtractionRun {
  const scores = { ours: [], readability: [] } as Record<ExtractorId, PageScore[]>
  for (const label of labels) {
    for (const id of Object.keys(EXTRACTORS) as ExtractorId[]) scores[id].push(scorePage(label, extractSafely(id, label)))
  }
  const bySplit = (list: PageScore[]): Record<Split, Summary> => ({
    tune: summarize(list.filter((s) => s.split === 'tune')),
    measure: summarize(list.filter((s) => s.split === 'measure'))
  })
  return { scores, summary: { ours: bySplit(scores.ours), readability: bySplit(scores.readability) } }
}
