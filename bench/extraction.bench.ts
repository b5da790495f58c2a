// Extraction quality on saved news pages (issue 11, "How to measure it"): our importer against plain
// Readability, on the pages the code was tuned on and on the held-out pages, scored against hand labels
// in tests/fixtures/import/news_html/labels.json. Targets apply to the held-out (measure) figures only.
import type { BenchRow } from './lib'
import { runExtraction, type ExtractorId } from './extraction/run'
import type { Summary } from './extraction/score'

interface Metric {
  name: string
  get: (s: Summary) => number
  goal: number
}

const METRICS: Metric[] = [
  { name: 'titles right', get: (s) => s.accuracy.title, goal: 0.95 },
  { name: 'dates right (dated pages)', get: (s) => s.accuracy.publishedAt, goal: 0.9 },
  { name: 'authors right', get: (s) => s.accuracy.author, goal: 0.85 },
  { name: 'editors right', get: (s) => s.accuracy.editor, goal: 0.85 },
  { name: 'sources right', get: (s) => s.accuracy.source, goal: NaN },
  { name: 'body recall', get: (s) => s.recall, goal: 0.97 },
  { name: 'body precision', get: (s) => s.precision, goal: 0.95 },
  { name: 'pages fully right', get: (s) => s.fullyRight, goal: 0.75 }
]

const pct = (v: number): string => (Number.isNaN(v) ? '-' : `${(v * 100).toFixed(0)}%`)

export async function benchExtraction(): Promise<BenchRow[]> {
  const { summary } = runExtraction()
  const cols: Array<[ExtractorId, 'tune' | 'measure', string]> = [
    ['ours', 'tune', 'ours tune'],
    ['readability', 'tune', 'Rdb tune'],
    ['ours', 'measure', 'ours MEASURE'],
    ['readability', 'measure', 'Rdb measure']
  ]
  const width = 28
  const pages = `${summary.ours.tune.pages} tune / ${summary.ours.measure.pages} measure pages`
  console.log(`  ${'extraction'.padEnd(width)}${cols.map(([, , c]) => c.padStart(14)).join('')}${'goal'.padStart(8)}   (${pages})`)
  for (const m of METRICS) {
    const cells = cols.map(([id, split]) => pct(m.get(summary[id][split])).padStart(14)).join('')
    console.log(`  ${m.name.padEnd(width)}${cells}${(Number.isNaN(m.goal) ? '' : `>= ${pct(m.goal)}`).padStart(8)}`)
  }

  // One row per goal, for the held-out pages, with Readability's figure on the same pages as baseline.
  return METRICS.filter((m) => !Number.isNaN(m.goal)).map((m) => {
    const value = m.get(summary.ours.measure) * 100
    return {
      name: `extraction (held-out): ${m.name}`,
      value,
      unit: '%',
      baseline: { name: 'Readability', value: m.get(summary.readability.measure) * 100 },
      target: `>= ${m.goal * 100}%`,
      ok: value >= m.goal * 100
    }
  })
}
