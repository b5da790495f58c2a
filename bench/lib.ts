// Benchmark helpers shared by every bench module: result rows, timing, and the corpus loader.
// Runs on plain Node (tsx). The corpus has no licence, so it is read from ../shared/corpus when present
// and otherwise replaced by generated text of the same shape.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'

/** One printed figure. `baseline` is a figure measured in the same run; `ratio` = value / baseline.value. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  baseline?: { name: string; value: number }
  ratio?: number
  /** Human-readable target, e.g. "< 30 ms" or "ratio <= 1.5". */
  target?: string
  /** Whether the figure meets its target (undefined when there is no target). */
  ok?: boolean
}

export interface CorpusArticle {
  title: string
  content: string
}

export interface Corpus {
  origin: 'shared-corpus' | 'generated'
  articles: CorpusArticle[]
}

const CORPUS_FILE = resolve(__dirname, '../../shared/corpus/chinese_news_2018_sina.jsonl')

/** Loads the shared corpus if it exists beside the repo, else generates `fallbackCount` articles. */
export function loadCorpus(fallbackCount = 2000): Corpus {
  const file = process.env.MARGINALIA_CORPUS ?? CORPUS_FILE
  if (existsSync(file)) {
    const articles: CorpusArticle[] = []
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue
      const obj = JSON.parse(line) as { title?: string; content?: string }
      if (typeof obj.content === 'string' && obj.content.length > 0) {
        articles.push({ title: String(obj.title ?? ''), content: obj.content })
      }
    }
    return { origin: 'shared-corpus', articles }
  }
  return { origin: 'generated', articles: generateArticles(fallbackCount) }
}

// A small deterministic PRNG so generated corpora are the same in every run.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SAMPLE =
  // Deliberately not the hualong fixture's wording, so tests that search for it find only that article.
  '城市公园里孩子们在草地上奔跑，老人们在树下下棋聊天，傍晚的街道灯火通明，人们散步购物，享受平静的生活，图书馆和博物馆也延长了开放时间。' +
  '新京报讯记者报道，武侠小说泰斗金庸逝世，享年九十四岁。软件开发者使用方便面和鼠标，在网络上发表文章，讨论经济发展和科技创新，体育比赛吸引了很多观众。'

/** Generates deterministic Simplified-Chinese articles from a fixed character pool. */
export function generateArticles(count: number, seed = 42): CorpusArticle[] {
  const rand = mulberry32(seed)
  const chars = Array.from(SAMPLE)
  const out: CorpusArticle[] = []
  for (let i = 0; i < count; i++) {
    const len = 400 + Math.floor(rand() * 1600)
    let body = ''
    while (body.length < len) {
      const start = Math.floor(rand() * (chars.length - 20))
      body += chars.slice(start, start + 10 + Math.floor(rand() * 30)).join('')
    }
    out.push({ title: `生成文章${i}：${chars.slice(i % 50, (i % 50) + 8).join('')}`, content: body })
  }
  return out
}

/** Runs fn `iterations` times and returns the per-iteration times in ms. */
export function timeIt(fn: () => void, iterations: number): number[] {
  const times: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return times
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[idx] as number
}

export function median(values: number[]): number {
  return percentile(values, 50)
}

/** Builds a row with a same-run baseline and the ratio value/baseline. */
export function ratioRow(
  name: string,
  value: number,
  unit: string,
  baseline: { name: string; value: number },
  maxRatio?: number
): BenchRow {
  const ratio = value / baseline.value
  return {
    name,
    value,
    unit,
    baseline,
    ratio,
    ...(maxRatio !== undefined ? { target: `ratio <= ${maxRatio}`, ok: ratio <= maxRatio } : {})
  }
}
