// Removes pinyin that broken converters glue after characters ("華龍區(qū)") — only where the
// parenthesis holds a real reading of the character before it, checked with pinyin-pro, never by regex alone.
import { pinyin } from 'pinyin-pro'

// One syllable of tone-marked (or neutral-tone) pinyin inside ASCII or full-width parentheses.
const GLOSS = /(\p{Script=Han})[(（]([a-zA-ZüÜ\u00C0-\u024F\u1E3F]{1,7})[)）]/gu

const readingsCache = new Map<string, Set<string>>()

/** All readings pinyin-pro knows for one character (it covers Traditional forms too), tone marks kept. */
export function readingsOf(char: string): Set<string> {
  let r = readingsCache.get(char)
  if (!r) {
    const list = pinyin(char, { multiple: true, type: 'array', toneType: 'symbol' })
    // pinyin-pro echoes characters it does not know; that is "no reading", not a reading.
    r = new Set(list.filter((s) => s !== char).map((s) => s.normalize('NFC').toLowerCase()))
    readingsCache.set(char, r)
  }
  return r
}

export function removePinyinGlosses(text: string): { text: string; count: number } {
  let count = 0
  const out = text.replace(GLOSS, (whole, char: string, gloss: string) => {
    if (readingsOf(char).has(gloss.normalize('NFC').toLowerCase())) {
      count++
      return char
    }
    return whole
  })
  return { text: out, count }
}
