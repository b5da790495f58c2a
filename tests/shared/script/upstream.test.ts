// OpenCC's own upstream test cases (BYVoid/OpenCC test/testcases/testcases.json, see
// tests/fixtures/opencc/PROVENANCE.md) for every configuration that one of our (source, target) pairs is.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConverter } from '@shared/script/index'
import { configName, pipelineFor } from '@shared/script/dicts'
import type { SourceScript, TargetScript } from '@shared/script/types'

interface UpstreamCase {
  id: string
  input: string
  expected: Record<string, string>
}

const data = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/opencc/testcases.json'), 'utf8')) as { cases: UpstreamCase[] }

// OpenCC configuration → our (source, target) pair.
const CONFIGS: Record<string, [SourceScript, TargetScript]> = {
  s2t: ['cn', 't'],
  s2tw: ['cn', 'tw'],
  s2twp: ['cn', 'twp'],
  s2hk: ['cn', 'hk'],
  t2s: ['t', 'cn'],
  tw2s: ['tw', 'cn'],
  tw2sp: ['twp', 'cn'],
  hk2s: ['hk', 'cn'],
  t2tw: ['t', 'tw'],
  t2hk: ['t', 'hk'],
  tw2t: ['tw', 't'],
  hk2t: ['hk', 't'],
  t2jp: ['t', 'jp'],
  jp2t: ['jp', 't']
}

const rows = data.cases.flatMap((c) =>
  Object.entries(c.expected).map(([config, expected]) => ({ id: c.id, config, input: c.input, expected }))
)

describe('upstream OpenCC test cases', () => {
  it('the fixture covers every configuration we offer, and only those', () => {
    const seen = new Set(rows.map((r) => r.config))
    expect([...seen].sort()).toEqual(Object.keys(CONFIGS).sort())
    expect(rows.length).toBeGreaterThan(400)
  })

  it('each configuration is the pair that runs that OpenCC config', () => {
    for (const [config, [from, to]] of Object.entries(CONFIGS)) {
      expect(configName(from, to)).toBe(config)
      expect(pipelineFor(from, to)?.name).toBe(config)
    }
  })

  it.each(rows)('$config $id', async ({ config, input, expected }) => {
    const pair = CONFIGS[config]
    expect(pair).toBeDefined()
    if (!pair) return
    const conv = await loadConverter(pair[1], pair[0])
    expect(conv.convert(input)).toBe(expected)
    expect(conv.convertWithMap(input).text).toBe(expected)
  })
})
