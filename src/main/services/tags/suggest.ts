// Tag suggestions from an article's own text (main process): words from Intl.Segmenter (ICU's Chinese
// dictionary; bigrams where the runtime has no word segmentation), weighted by TF-IDF with document
// frequencies read from the search index, minus the tags the article already has. Suggestions only: never
// applied.
import { foldForSearch } from '@shared/script'
import type { Db } from '../../db/connection'
import { countArticles } from '../../db/repositories/article.repository'
import { articleTexts, tokenDocumentCounter } from '../../db/repositories/search-index.repository'
import { normalizeTagName, tagNormsOfArticle } from '../../db/repositories/tag.repository'
import { splitRuns } from '../search/tokenize'

export interface TagSuggestion {
  /** The word as written in the article (its own script). */
  name: string
  score: number
  /** Occurrences in the article. */
  count: number
}

const HAS_CJK = /[\p{Script=Han}]/u
const LATIN_WORD = /^[\p{L}][\p{L}\p{N}-]{2,}$/u

let segmenter: Intl.Segmenter | null | undefined

function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    try {
      const s = new Intl.Segmenter('zh', { granularity: 'word' })
      // Small-ICU builds return one segment per character: treat that as "no segmentation".
      const parts = [...s.segment('社会治理')].filter((p) => p.isWordLike)
      segmenter = parts.length < 4 ? s : null
    } catch {
      segmenter = null
    }
  }
  return segmenter
}

/** Candidate words with their original spelling, counted. Exported for tests. */
export function candidateWords(text: string): Map<string, { name: string; count: number }> {
  const folded = foldForSearch(text)
  const words = new Map<string, { name: string; count: number }>()
  const add = (start: number, end: number) => {
    const key = folded.slice(start, end)
    const entry = words.get(key)
    if (entry) entry.count++
    else words.set(key, { name: text.slice(start, end), count: 1 })
  }
  const seg = getSegmenter()
  if (seg) {
    // Segment the folded text (one dictionary, whatever the script); offsets are the original's.
    for (const part of seg.segment(folded)) {
      if (!part.isWordLike) continue
      const w = part.segment
      const len = [...w].length
      if (HAS_CJK.test(w) ? len >= 2 && len <= 8 : LATIN_WORD.test(w) && !/^\d+$/u.test(w)) add(part.index, part.index + w.length)
    }
  } else {
    let offset = 0
    for (const run of splitRuns(folded)) {
      const joined = run.chars.join('')
      const at = folded.indexOf(joined, offset)
      offset = at + joined.length
      if (run.kind !== 'cjk') continue
      for (let i = 0; i + 1 < joined.length; i++) add(at + i, at + i + 2)
    }
  }
  return words
}

/** Document frequency of a folded word, estimated from the bigram index (exact for two-character words). */
function documentFrequency(docCount: (token: string) => number, word: string): number {
  const runs = splitRuns(word)
  const run = runs[0]
  if (runs.length !== 1 || !run) return 0
  const tokens =
    run.kind === 'word'
      ? [run.chars.join('')]
      : run.chars.slice(0, -1).map((c, i) => c + (run.chars[i + 1] as string))
  let df = Infinity
  for (const token of tokens) df = Math.min(df, docCount(token))
  return Number.isFinite(df) ? df : 0
}

/** Top `limit` tag candidates for an article, best first. */
export function suggestTags(db: Db, articleId: number, limit = 10): TagSuggestion[] {
  const article = articleTexts(db, [articleId])[0]
  if (!article) return []
  const docCount = tokenDocumentCounter(db)
  const n = Math.max(1, countArticles(db))

  const existing = new Set<string>()
  for (const norm of tagNormsOfArticle(db, articleId)) {
    existing.add(norm)
    for (const part of norm.split('/')) existing.add(part)
  }

  const body = candidateWords(article.body_text)
  // Title words weigh as three occurrences: titles name the subject.
  for (const [key, w] of candidateWords(article.title)) {
    const entry = body.get(key)
    if (entry) entry.count += 3 * w.count
    else body.set(key, { name: w.name, count: 3 * w.count })
  }
  const total = [...body.values()].reduce((s, w) => s + w.count, 0) || 1
  const scored: TagSuggestion[] = []
  const repeated = [...body.entries()].filter(([, w]) => w.count >= 2)
  const pool = repeated.length >= limit ? repeated : [...body.entries()]
  // Only the most frequent words get an index lookup.
  pool.sort((a, b) => b[1].count - a[1].count)
  for (const [key, w] of pool.slice(0, 200)) {
    if (existing.has(normalizeTagName(key))) continue
    const df = documentFrequency(docCount, key)
    // BM25-style idf: positive even for words in every article of a tiny library.
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
    scored.push({ name: w.name, count: w.count, score: (w.count / total) * idf * Math.log2(1 + [...key].length) })
  }
  scored.sort((a, b) => b.score - a.score || b.count - a.count)
  return scored.slice(0, limit)
}
