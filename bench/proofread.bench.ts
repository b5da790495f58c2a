// Proofreading engine benchmark on the corpus converted to Taiwan Traditional with opencc-js (cn → tw):
// (a) conversion / mixed-script findings on that clean text, (b) recall on the same text with 1% of its
// one-to-many characters swapped for a wrong partner (發展 → 髮展), (c) the time for a 50,000-character
// article against plain opencc-js conversion of it. Articles 0-999 are for tuning, 1000-1999 measure only.
import * as OpenCC from 'opencc-js'
import { type BenchRow, loadCorpus, median, mulberry32, ratioRow, timeIt } from './lib'
import { loadProofreader, proofreadSync } from '../src/shared/proofread'
import { isVariantPair, loadCharTables } from '../src/shared/proofread/tables'

const ARTICLES = 2000
const SWAP_RATE = 0.01
const LONG_CHARS = 50_000

type Partners = (c: number) => readonly number[]

/**
 * For each Traditional character, the other members of its one-to-many family that simplify alike and
 * are not a mere variant of it (說/説, 為/爲 are the variant kind's business, not a mis-conversion).
 */
async function partnerFinder(): Promise<Partners> {
  const { families, variantPairs } = await loadCharTables()
  const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' })
  const byChar = new Map<number, number[]>()
  for (const set of families.values()) {
    const members = [...set]
    for (const c of members) {
      const list = byChar.get(c) ?? []
      // Same Simplified form under plain t2s: a real one-to-many confusion, not a phrase-only reading.
      for (const d of members) {
        if (d === c || list.includes(d) || isVariantPair(variantPairs, c, d)) continue
        if (t2s(String.fromCharCode(d)) === t2s(String.fromCharCode(c))) list.push(d)
      }
      byChar.set(c, list)
    }
  }
  return (c) => byChar.get(c) ?? []
}

interface SetFigures {
  chars: number
  falseFindings: number
  swapped: number
  found: number
}

function measureSet(texts: readonly string[], partners: Partners, seed: number): SetFigures {
  const rand = mulberry32(seed)
  const fig: SetFigures = { chars: 0, falseFindings: 0, swapped: 0, found: 0 }
  for (const text of texts) {
    fig.chars += text.length
    fig.falseFindings += proofreadSync(text, { standard: 'tw', kinds: ['conversion', 'mixed-script'] }).length
    const units = text.split('')
    const swappedAt: number[] = []
    for (let i = 0; i < units.length; i++) {
      const list = partners(text.charCodeAt(i))
      if (list.length === 0 || rand() >= SWAP_RATE) continue
      units[i] = String.fromCharCode(list[Math.floor(rand() * list.length)] as number)
      swappedAt.push(i)
    }
    if (swappedAt.length === 0) continue
    const corrupted = units.join('')
    const flagged = new Set(proofreadSync(corrupted, { standard: 'tw', kinds: ['conversion'] }).map((f) => f.start))
    fig.swapped += swappedAt.length
    for (const i of swappedAt) if (flagged.has(i)) fig.found++
  }
  return fig
}

export async function benchProofread(): Promise<BenchRow[]> {
  const corpus = loadCorpus(ARTICLES)
  const cn = corpus.articles.slice(0, ARTICLES).map((a) => a.content)
  const s2tw = OpenCC.Converter({ from: 'cn', to: 'tw' })
  const tw = cn.map((t) => s2tw(t))
  const t0 = performance.now()
  await loadProofreader()
  const loadMs = performance.now() - t0
  const partners = await partnerFinder()
  const rows: BenchRow[] = [{ name: `proofread: load dictionaries (${corpus.origin})`, value: loadMs, unit: 'ms' }]

  const half = Math.floor(tw.length / 2)
  const sets: Array<[string, string[]]> = [
    [`tune, articles 0-${half - 1}`, tw.slice(0, half)],
    [`measure, articles ${half}-${tw.length - 1}`, tw.slice(half)]
  ]
  for (const [label, texts] of sets) {
    const fig = measureSet(texts, partners, 11)
    const per10k = (fig.falseFindings / fig.chars) * 10_000
    const recall = fig.swapped > 0 ? (fig.found / fig.swapped) * 100 : NaN
    rows.push({ name: `proofread: conversion + mixed-script findings on clean text, ${label} (${fig.chars} chars)`, value: per10k, unit: 'per 10k chars', target: '< 1', ok: per10k < 1 })
    rows.push({ name: `proofread: swapped one-to-many characters found, ${label} (${fig.found}/${fig.swapped})`, value: recall, unit: '%', target: '>= 95%', ok: recall >= 95 })
  }

  let longCn = ''
  for (const t of cn) {
    if (longCn.length >= LONG_CHARS) break
    longCn += t + '\n'
  }
  while (longCn.length < LONG_CHARS) longCn += longCn
  longCn = longCn.slice(0, LONG_CHARS)
  const longTw = s2tw(longCn)
  const timed = (fn: () => void): number => {
    for (let i = 0; i < 2; i++) fn()
    return median(timeIt(fn, 7))
  }
  const baseMs = timed(() => void s2tw(longCn))
  const ms = timed(() => void proofreadSync(longTw, { standard: 'tw' }))
  const r = ratioRow(`proofread: all kinds, ${longTw.length}-character article`, ms, 'ms', { name: 'opencc-js cn→tw of it', value: baseMs })
  rows.push({ ...r, target: '< 200 ms', ok: ms < 200 })
  return rows
}
