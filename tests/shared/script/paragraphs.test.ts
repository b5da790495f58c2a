// The reader converts paragraph by paragraph (each with its own offset map). No OpenCC dictionary entry
// contains a line break, so this must equal converting the whole article at once: checked here on real
// text for every target. Inline markup never splits a phrase because the reader renders plain text.
import { describe, expect, it } from 'vitest'
import { loadConverter } from '@shared/script'
import type { TargetScript } from '@shared/script/types'
import { loadCorpus } from '../../../bench/lib'
import { hualong } from './helpers'

const TARGETS: TargetScript[] = ['cn', 't', 'tw', 'twp', 'hk', 'jp']

describe('paragraph-wise conversion equals whole-text conversion', () => {
  const texts = [hualong(), ...loadCorpus(40).articles.slice(0, 40).map((a) => a.content.replace(/。/g, '。\n'))]
  it.each(TARGETS)('to %s', async (target) => {
    const converter = await loadConverter(target, 'auto')
    for (const text of texts) {
      const byParagraph = text
        .split('\n')
        .map((p) => converter.convert(p))
        .join('\n')
      expect(byParagraph).toBe(converter.convert(text))
    }
  })
})
