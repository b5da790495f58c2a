// Benchmark of the script-conversion layer: our converters against a bare opencc-js converter on a
// ~100,000-character article built from the corpus, plus first-load (dictionary) time and fold speed.
import * as OpenCC from 'opencc-js'
import { type BenchRow, loadCorpus, median, ratioRow, timeIt } from './lib'
import { foldForSearch, loadConverter, type ScriptId, type SourceScript } from '../src/shared/script'

const TARGET_CHARS = 100_000
const RUNS = 15
const WARMUP = 5
const MAX_MS = 30
const MAX_RATIO = 1.5

const buildArticle = (): string => {
  let text = ''
  for (const a of loadCorpus().articles) {
    if (text.length >= TARGET_CHARS) break
    text += a.content + '\n'
  }
  while (text.length < TARGET_CHARS) text += text
  return text.slice(0, TARGET_CHARS)
}

// Median of RUNS after WARMUP untimed calls, so JIT warm-up is excluded for both sides alike.
const timed = (fn: () => void): number => {
  for (let i = 0; i < WARMUP; i++) fn()
  return median(timeIt(fn, RUNS))
}

const vsBare = (name: string, ms: number, baseline: { name: string; value: number }): BenchRow => {
  const r = ratioRow(name, ms, 'ms', baseline, MAX_RATIO)
  return { ...r, target: `< ${MAX_MS} ms, ratio <= ${MAX_RATIO}`, ok: ms < MAX_MS && (r.ratio ?? Infinity) <= MAX_RATIO }
}

export async function benchScript(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const cnText = buildArticle()

  // First load of the heaviest pair (dictionary import + parse + trie build), before anything else
  // has touched a dictionary; later pairs reuse shared tries and load much faster.
  let t0 = performance.now()
  await loadConverter('tw', 'cn')
  const firstLoad = performance.now() - t0
  rows.push({ name: 'script: first load cn→tw (dictionaries + tries)', value: firstLoad, unit: 'ms', target: '< 500 ms', ok: firstLoad < 500 })

  const tText = OpenCC.Converter({ from: 'cn', to: 't' })(cnText)
  const pairs: Array<[SourceScript, ScriptId, string]> = [
    ['cn', 'tw', cnText],
    ['cn', 'twp', cnText],
    ['t', 'cn', tText],
    ['cn', 'jp', cnText],
    ['cn', 'hk', cnText]
  ]
  for (const [from, to, text] of pairs) {
    const label = `${from}→${to}`
    t0 = performance.now()
    const ours = await loadConverter(to, from)
    const load = performance.now() - t0
    rows.push({ name: `script: load ${label} (after cn→tw)`, value: load, unit: 'ms', target: '< 500 ms', ok: load < 500 })
    const bare = OpenCC.Converter({ from, to })
    const baseMs = timed(() => void bare(text))
    const baseline = { name: `opencc-js ${label}`, value: baseMs }
    rows.push({ name: `script: bare opencc-js ${label} (${text.length} chars)`, value: baseMs, unit: 'ms' })
    rows.push(vsBare(`script: convert ${label}`, timed(() => void ours.convert(text)), baseline))
    rows.push(vsBare(`script: convertWithMap ${label}`, timed(() => void ours.convertWithMap(text)), baseline))
  }

  const foldMs = timed(() => void foldForSearch(tText))
  const mbPerS = (tText.length * 2) / 1e6 / (foldMs / 1000)
  rows.push({ name: `script: foldForSearch (${tText.length} UTF-16 units)`, value: mbPerS, unit: 'MB/s', target: '> 50 MB/s', ok: mbPerS > 50 })
  return rows
}
