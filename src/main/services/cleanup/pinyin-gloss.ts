// Removes pinyin that broken converters glue after characters ("華龍區(qū)") — only where the text shows
// that content-farm pattern, and never a deliberate gloss. A gloss is a candidate when the parenthesis
// holds a real reading of the character before it (checked with pinyin-pro, never by regex alone). The
// pattern, judged on glosses outside quotes (`拼音“区(qū)”的读法` is a textbook line): several of them,
// mostly on characters a script converter changes (區/区, 現/现), as the converter that glued them left
// them. One or two glosses (`重(zhòng)量`), or a lesson glossing every character, are an author's, kept.
import { pinyin } from 'pinyin-pro'
import { foldForSearch } from '@shared/script'

// One syllable of tone-marked (or neutral-tone) pinyin inside ASCII or full-width parentheses.
const GLOSS = /(\p{Script=Han})[(（]([a-zA-ZüÜ\u00C0-\u024F\u1E3F]{1,7})[)）]/gu

/** Converted characters glossed outside quotes: this many anywhere, or MIN_SHORT in a title-length text. */
const MIN_CONVERTED = 3
const MIN_SHORT = 2
const SHORT_HAN = 80

const OPEN = new Set(['“', '「', '『', '‘', '《', '〈'])
const CLOSE = new Set(['”', '」', '』', '’', '》', '〉'])

const readingsCache = new Map<string, Set<string>>()

let simplifiedForms: Set<string> | null = null

/**
 * Whether a Simplified→Traditional converter (or the reverse) changes this character: a Traditional
 * form folds to another character, and a Simplified one is what some Traditional form folds to. Built
 * once from the fold table over the basic CJK block.
 */
function hasOtherScriptForm(char: string): boolean {
  if (foldForSearch(char) !== char) return true
  if (!simplifiedForms) {
    let all = ''
    for (let c = 0x4e00; c <= 0x9fff; c++) all += String.fromCharCode(c)
    const folded = foldForSearch(all)
    simplifiedForms = new Set()
    if (folded.length === all.length) for (let i = 0; i < all.length; i++) if (folded[i] !== all[i]) simplifiedForms.add(folded[i] as string)
  }
  return simplifiedForms.has(char)
}

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

/** For each UTF-16 index: inside a quotation (“…”, 「…」, ASCII "…")? Markup is skipped; a line break ends any quote. */
function quotedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length)
  let depth = 0
  let ascii = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '<') {
      const end = text.indexOf('>', i)
      if (end !== -1 && /^<\/?[a-zA-Z!]/.test(text.slice(i, i + 2))) {
        if (/^<\/?(?:p|div|br|li|h\d|section|article|blockquote|tr|td)\b/i.test(text.slice(i, i + 12))) depth = 0
        i = end
        continue
      }
    }
    if (c === '\n') {
      depth = 0
      ascii = false
    } else if (OPEN.has(c)) depth++
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1)
    else if (c === '"') ascii = !ascii
    mask[i] = depth > 0 || ascii ? 1 : 0
  }
  return mask
}

interface Candidate {
  index: number
  length: number
  char: string
  converted: boolean
  /** a Traditional form (folds to another character) */
  traditional: boolean
  quoted: boolean
}

function candidates(text: string): Candidate[] {
  // The mask is built on the first real gloss only: most texts have none, and building it for every
  // article took a seventh of the import worker's time (20k JSON Lines profile).
  let quoted: Uint8Array | null = null
  const out: Candidate[] = []
  for (const m of text.matchAll(GLOSS)) {
    const [whole, char, gloss] = m as unknown as [string, string, string]
    const index = m.index ?? 0
    if (!readingsOf(char).has(gloss.normalize('NFC').toLowerCase())) continue
    quoted ??= quotedMask(text)
    out.push({ index, length: whole.length, char, converted: hasOtherScriptForm(char), traditional: foldForSearch(char) !== char, quoted: quoted[index] === 1 })
  }
  return out
}

/** Whether these glosses look machine-glued (see the file comment). */
function isContentFarm(text: string, all: Candidate[]): boolean {
  const found = all.filter((c) => !c.quoted)
  const converted = found.filter((c) => c.converted).length
  if (converted * 2 < found.length) return false
  if (converted >= MIN_CONVERTED) return true
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0
  return converted >= MIN_SHORT && han <= SHORT_HAN
}

export function removePinyinGlosses(text: string): { text: string; count: number } {
  const all = candidates(text)
  if (all.length === 0 || !isContentFarm(text, all)) return { text, count: 0 }
  // In a glued text the converter also glued inside quotes; a quoted gloss on a character it did not
  // convert (of the other script, or one no converter changes) is still someone's.
  const outside = all.filter((c) => !c.quoted && c.converted)
  const traditional = outside.filter((c) => c.traditional).length * 2 >= outside.length
  const found = all.filter((c) => !c.quoted || (c.converted && c.traditional === traditional))
  let out = ''
  let at = 0
  for (const c of found) {
    out += text.slice(at, c.index) + c.char
    at = c.index + c.length
  }
  return { text: out + text.slice(at), count: found.length }
}
