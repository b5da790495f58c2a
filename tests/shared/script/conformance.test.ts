// Conformance: our converters must produce exactly what opencc-js produces for the whole text at once
// (with our patch table applied through opencc-js's own engine), on hualong and ≥200 corpus articles.
import { beforeAll, describe, expect, it } from 'vitest'
import * as Preset from 'opencc-js/preset'
import { loadConverter, SCRIPT_IDS, type ScriptConverter } from '@shared/script/index'
import { DICT_NAMES, loadDictSource, pipelineFor, type DictGroup } from '@shared/script/dicts'
import { DICT_PATCHES } from '@shared/script/patches'
import type { SourceScript, TargetScript } from '@shared/script/types'
import { bareOpenCC, corpusArticles, FIXED_SOURCES, hualong, inScript, PAIRS, patchedOracleBuilder } from './helpers'

let oracleFor: (from: SourceScript, to: TargetScript) => (s: string) => string
const SAMPLE = 220

beforeAll(async () => {
  oracleFor = await patchedOracleBuilder()
})

describe('pipeline table mirrors opencc-js 1.4.2 preset', () => {
  it.each(PAIRS)('%s → %s uses the same dictionaries as OpenCC.Converter', async (from, to) => {
    const p = pipelineFor(from, to)
    expect(p).not.toBeNull()
    if (!p) return
    const text = async (g: DictGroup): Promise<string[]> => Promise.all(g.map((d) => loadDictSource(d)))
    const ours = {
      normalize: await Promise.all(p.normalize.map(text)),
      segmentation: p.segmentation ? await text(p.segmentation) : null,
      chain: await Promise.all(p.chain.map(text))
    }
    const cfg = (Preset.configs as unknown as Record<string, { segmentation?: string[]; conversionChain: string[][]; normalizationChain?: string[][] }>)[p.name]
    if (cfg) {
      expect(ours.chain).toEqual(cfg.conversionChain)
      expect(ours.segmentation).toEqual(cfg.segmentation ?? null)
      expect(ours.normalize).toEqual(cfg.normalizationChain ?? [])
    } else {
      const groups = [...(from === 't' ? [] : (Preset.from[from] as string[][])), ...(to === 't' ? [] : (Preset.to[to] as string[][]))]
      expect(ours.chain).toEqual(groups)
      expect(ours.segmentation).toBeNull()
      expect(ours.normalize).toEqual([])
    }
  })

  it('every patched dictionary exists', () => {
    for (const name of Object.keys(DICT_PATCHES)) expect(DICT_NAMES).toContain(name)
  })
})

describe('identity conversions', () => {
  it("'original' returns the stored text and an identity map for every source", async () => {
    for (const from of ['auto', ...FIXED_SOURCES] as const) {
      const c = await loadConverter('original', from)
      const { text, map } = c.convertWithMap('软件軟體')
      expect(c.convert('软件軟體')).toBe('软件軟體')
      expect(text).toBe('软件軟體')
      expect(map.toView(3)).toBe(3)
      expect(map.toStoredRange(1, 3)).toEqual([1, 3])
    }
  })

  it('same source and target script is the identity (not an s2t2s round trip)', async () => {
    for (const s of FIXED_SOURCES) {
      const c = await loadConverter(s, s)
      expect(c.convert('干净的头发，乾淨的頭髮')).toBe('干净的头发，乾淨的頭髮')
    }
  })

  it('caches converters per (from, to)', async () => {
    const a = await loadConverter('tw', 'cn')
    const b = await loadConverter('tw', 'cn')
    expect(a).toBe(b)
    expect(a.from).toBe('cn')
    expect(a.to).toBe('tw')
  })

  it('offers every script id as a target', () => {
    expect([...SCRIPT_IDS]).toEqual(['original', 'cn', 't', 'tw', 'twp', 'hk', 'jp'])
  })
})

describe.each(PAIRS)('%s → %s matches opencc-js on whole texts', (from, to) => {
  let conv: ScriptConverter
  let oracle: (s: string) => string
  beforeAll(async () => {
    conv = await loadConverter(to, from)
    oracle = oracleFor(from, to)
  })

  const check = (input: string): void => {
    const expected = oracle(input)
    expect(conv.convert(input)).toBe(expected)
    const { text, map } = conv.convertWithMap(input)
    expect(text).toBe(expected)
    expect(map.storedLength).toBe(input.length)
    expect(map.viewLength).toBe(expected.length)
  }

  it('hualong-article.txt', () => {
    check(hualong())
  })

  it(`${SAMPLE} corpus articles, one by one and joined into one text`, () => {
    const { articles } = corpusArticles()
    expect(articles.length).toBeGreaterThanOrEqual(SAMPLE)
    const sample = articles.slice(0, SAMPLE).map((a) => inScript(a, from))
    // Every article in the source script; the joined text checks that nothing differs across paragraphs.
    if (from === 'cn' || from === 't') for (const a of sample) check(a)
    check(sample.join('\n\n'))
  })
})

describe('without patch keys in the text, we equal bare opencc-js', () => {
  const patchKeys = Object.values(DICT_PATCHES).flatMap((list) => (list ?? []).map((p) => p.from))
  it.each(PAIRS)('%s → %s', async (from, to) => {
    const conv = await loadConverter(to, from)
    const bare = bareOpenCC(from, to)
    const texts = [hualong(), ...corpusArticles().articles.slice(0, 40).map((a) => inScript(a, from))].filter(
      (t) => !patchKeys.some((k) => t.includes(k))
    )
    expect(texts.length).toBeGreaterThan(10)
    for (const t of texts) expect(conv.convert(t)).toBe(bare(t))
  })
})

describe("'auto' source", () => {
  it('detects per text and converts like the fixed converter for that script', async () => {
    const auto = await loadConverter('cn')
    expect(auto.from).toBe('auto')
    const t2s = await loadConverter('cn', 't')
    const h = hualong()
    expect(auto.convert(h)).toBe(t2s.convert(h))
    const cnArticle = corpusArticles().articles[0] as string
    expect(auto.convert(cnArticle)).toBe(cnArticle)
    const toTw = await loadConverter('tw')
    const s2tw = await loadConverter('tw', 'cn')
    expect(toTw.convertWithMap(cnArticle).text).toBe(s2tw.convert(cnArticle))
  })
})
