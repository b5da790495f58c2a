// The offline CC-CEDICT look-up on words of the seed article (華龍區, 轄區, 公園), through the same dispatch()
// the IPC bridge and the preview host call; prints the first-load and warm look-up times.
import { performance } from 'node:perf_hooks'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../../src/main/ipc/handlers'
import { loadCedict, numberedToMarks } from '../../../../src/main/services/dictionary/cedict'
import { longestMatch, lookup } from '../../../../src/main/services/dictionary'
import { createTestContext, type TestContext } from '../../../helpers/context'

const SEED = readFileSync(resolve(__dirname, '../../../fixtures/import/hualong-article.txt'), 'utf8')

describe('dictionary look-up (CC-CEDICT, main process)', () => {
  let t: TestContext
  beforeAll(async () => {
    t = await createTestContext()
  })
  afterAll(() => t.cleanup())

  it('loads CC-CEDICT once, lazily, keyed by simplified and traditional forms', async () => {
    const started = performance.now()
    const dict = await loadCedict()
    const loadMs = performance.now() - started
    const again = performance.now()
    expect(await loadCedict()).toBe(dict)
    console.log(`CC-CEDICT first load ${loadMs.toFixed(0)} ms, ${dict.size} keys; second call ${(performance.now() - again).toFixed(2)} ms`)
    expect(dict.size).toBeGreaterThan(150_000)
    expect(dict.get('轄區')?.[0]?.english).toEqual(dict.get('辖区')?.[0]?.english)
  })

  it('converts numbered pinyin to tone marks by the placement rules', () => {
    expect(numberedToMarks('xia2 qu1')).toBe('xiá qū')
    expect(numberedToMarks('Hua4 long2')).toBe('Huà lóng')
    expect(numberedToMarks('lu:4 shi1')).toBe('lǜ shī')
    expect(numberedToMarks('zou3 jin4')).toBe('zǒu jìn')
    expect(numberedToMarks('gui4 liu2')).toBe('guì liú')
    expect(numberedToMarks('er5 C')).toBe('er C')
  })

  it('looks up a Traditional word of the seed: pinyin, forms in every script, an English definition', async () => {
    expect(SEED).toContain('轄區')
    const started = performance.now()
    const r = await lookup('轄區')
    const firstMs = performance.now() - started
    const warm = performance.now()
    await lookup('轄區')
    console.log(`look-up 轄區: first ${firstMs.toFixed(0)} ms (loads the six script converters), then ${(performance.now() - warm).toFixed(1)} ms: ${r.pinyin}; ${r.entries[0]?.english.join('; ')}`)
    expect(r.pinyin).toBe('xiá qū')
    expect(r.entries[0]).toMatchObject({ traditional: '轄區', simplified: '辖区', pinyin: 'xiá qū' })
    expect(r.entries[0]?.english).toContain('administrative region')
    expect(Object.fromEntries(r.forms.map((f) => [f.script, f.text]))).toMatchObject({ cn: '辖区', t: '轄區', tw: '轄區', hk: '轄區' })
    expect(r.forms.map((f) => f.script)).toEqual(['cn', 't', 'tw', 'twp', 'hk', 'jp'])
  })

  it('splits a selection longer than one word by longest match (走進華龍區轄區 → 走進 + 華龍區 + 轄區; a sentence → its words)', async () => {
    const dict = await loadCedict()
    expect(longestMatch(dict, '走進華龍區轄區', '走进华龙区辖区')).toEqual(['走進', '華龍區', '轄區'])
    const r = await lookup('公園內孩童歡樂地嬉笑玩耍')
    const words = r.entries.map((e) => e.traditional)
    console.log(`公園內孩童歡樂地嬉笑玩耍 → ${[...new Set(words)].join(' / ')}`)
    expect(words.indexOf('公園')).toBeLessThan(words.indexOf('嬉笑'))
    expect(words).toContain('玩耍')
  })

  it('is a zod-validated contract method: an empty or oversized text is refused', async () => {
    const handlers = createHandlers()
    const ok = await dispatch(handlers, t.ctx, 'dictionary:lookup', { text: ' 公園 ' })
    expect(ok).toMatchObject({ ok: true, value: { text: '公園', entries: [{ simplified: '公园' }] } })
    for (const bad of [{ text: '   ' }, { text: '字'.repeat(201) }, { text: 1 }, { text: '公園', extra: 1 }, {}]) {
      expect(await dispatch(handlers, t.ctx, 'dictionary:lookup', bad)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
  })
})
