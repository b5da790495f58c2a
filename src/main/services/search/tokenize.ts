// Search tokenizer (main process): turns script-folded text into the token streams stored in the FTS5
// tables, and search queries into FTS5 MATCH expressions over the same tokens. Pure functions, no DB.
//
// Why bigrams: Chinese has no spaces, and FTS5's built-in tokenizers either split nothing (unicode61 sees
// a whole sentence as one token) or need three characters (trigram). Overlapping bigrams make a two-char
// word (the most common query) one exact token lookup, and a longer word an FTS5 phrase of consecutive
// bigrams, which is exact too (see `documentTokens`). Single characters live in a second, small
// table (unigramTokens).

/** Bump when the token streams change: the index must then be rebuilt (see ensureSearchIndexCurrent). */
export const TOKENIZER_VERSION = 2

/**
 * Emitted between two runs when the last character of one equals the first of the next (AB。BC): without it
 * the bigrams AB, BC would sit at consecutive positions and the phrase for "ABC" would match. It is a
 * private-use character so no query can contain it, and it is rare, so it costs almost no index space.
 */
export const RUN_BREAK = '\uE002'

// Characters written without spaces: each is searchable on its own and pairs into bigrams.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3007\u3005]/u
// Letters and digits of space-separated scripts form whole words.
const WORD = /[\p{L}\p{N}\p{M}]/u

type CharClass = 0 | 1 | 2 // 0 separator, 1 CJK, 2 word character

function classifySlow(ch: string): CharClass {
  if (CJK.test(ch)) return 1
  if (WORD.test(ch)) return 2
  return 0
}

// Indexing calls the classifier for every character of the library, so BMP classes come from a table
// (built once from the regexes, ~20 ms); astral characters (CJK extensions B+) take the regex path.
let bmpClass: Uint8Array | null = null

function classTable(): Uint8Array {
  if (!bmpClass) {
    bmpClass = new Uint8Array(0x10000)
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue
      bmpClass[c] = classifySlow(String.fromCharCode(c))
    }
  }
  return bmpClass
}

/** Class of the code point at i packed with its UTF-16 width: class | width << 2 (no allocation). */
function classAt(table: Uint8Array, text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const cp = text.codePointAt(i) as number
    return classifySlow(String.fromCodePoint(cp)) | ((cp > 0xffff ? 2 : 1) << 2)
  }
  return (table[c] as number) | 4
}

/** A maximal stretch of CJK characters (kind 'cjk') or word characters (kind 'word'), in code points. */
export interface Run {
  kind: 'cjk' | 'word'
  chars: string[]
}

/** Splits folded text into runs; separators (punctuation, spaces, symbols) end a run. */
export function splitRuns(folded: string): Run[] {
  const table = classTable()
  const runs: Run[] = []
  let current: Run | null = null
  for (let i = 0; i < folded.length; ) {
    const packed = classAt(table, folded, i)
    const cls = packed & 3
    const width = packed >> 2
    const ch = folded.slice(i, i + width)
    i += width
    if (cls === 0) {
      current = null
      continue
    }
    const kind = cls === 1 ? 'cjk' : 'word'
    if (!current || current.kind !== kind) {
      current = { kind, chars: [] }
      runs.push(current)
    }
    current.chars.push(ch)
  }
  return runs
}

let starts = new Int32Array(4096)

const isDigit = (code: number) => code >= 48 && code <= 57

/**
 * The tokens of a word run: letter parts whole (iphone), each ASCII digit alone (2019 → 2 0 1 9). A number
 * inside a longer one (领域1 in 领域10, 2019 in 12019) is then a phrase of digit tokens, found by walking
 * doclists; as one token per number it took a prefix query over every number of the library (1*: ~170 ms
 * on 100k articles, seconds on 1M).
 */
function pushWordTokens(out: string[], folded: string, from: number, to: number): void {
  let k = from
  while (k < to) {
    if (isDigit(folded.charCodeAt(k))) {
      out.push(folded[k] as string)
      k++
      continue
    }
    let end = k + 1
    while (end < to && !isDigit(folded.charCodeAt(end))) end++
    out.push(folded.slice(k, end))
    k = end
  }
}

/**
 * The bigram stream of a folded text, space-separated for FTS5's `ascii` tokenizer (which keeps every
 * non-ASCII character inside a token and lower-cases ASCII): a CJK run of two or more characters gives
 * its overlapping bigrams, a one-character run gives that character, a word run gives its letter parts as
 * words and each digit as a token of its own (see pushWordTokens).
 */
export function documentTokens(folded: string): string {
  const table = classTable()
  const out: string[] = []
  const n = folded.length
  let lastChar = ''
  let i = 0
  while (i < n) {
    const packed = classAt(table, folded, i)
    const cls = packed & 3
    if (cls === 0) {
      i += packed >> 2
      continue
    }
    // Collect the run's character start offsets (plus the end offset).
    let count = 0
    let j = i
    while (j < n) {
      const p2 = classAt(table, folded, j)
      if ((p2 & 3) !== cls) break
      if (count + 1 >= starts.length) {
        const bigger = new Int32Array(starts.length * 2)
        bigger.set(starts)
        starts = bigger
      }
      starts[count++] = j
      j += p2 >> 2
    }
    starts[count] = j
    if (cls === 2) {
      pushWordTokens(out, folded, i, j)
      lastChar = ''
    } else {
      const first = folded.slice(i, starts[1])
      if (first === lastChar) out.push(RUN_BREAK)
      if (count === 1) out.push(first)
      else for (let k = 0; k + 1 < count; k++) out.push(folded.slice(starts[k] as number, starts[k + 2] as number))
      lastChar = folded.slice(starts[count - 1] as number, j)
    }
    i = j
  }
  return out.join(' ')
}

/** Marks a character of the title in the single-character stream (a private-use character, like RUN_BREAK). */
export const TITLE_MARK = '\uE003'

/** Copies of a character in the single-character stream: 1 + log2 of its count (1→1, 2–3→2, 4–7→3, …). */
export function uniRepeats(count: number): number {
  return 1 + Math.floor(Math.log2(count))
}

/**
 * The single-character stream of an article's folded texts (the title first): every distinct CJK
 * character, repeated by uniRepeats of its count so bm25 can rank one-character queries by frequency
 * (log-scaled: bm25 saturates anyway, and exact counts would make this table as large as the bigram
 * one), then TITLE_MARK + each distinct character of the title, whose small doclists answer "which hits
 * have it in the title" without reading the character's whole doclist.
 */
export function unigramTokens(title: string, ...others: string[]): string {
  const table = classTable()
  // Counted by code unit in reused arrays, not in a Map of one-character strings: this ran for a seventh of
  // an import worker's time (profile of a 20k import). `seen` keeps first-occurrence order (BMP code units
  // as numbers, astral characters as strings), which is the order of the stream.
  const counts = uniCounts
  const marked = uniInTitle
  const astral = new Map<string, number>()
  const astralInTitle = new Set<string>()
  const seen: (number | string)[] = []
  const inTitle: (number | string)[] = []
  const texts = [title, ...others]
  for (let n = 0; n < texts.length; n++) {
    const text = texts[n] as string
    for (let i = 0; i < text.length; ) {
      const packed = classAt(table, text, i)
      const width = packed >> 2
      if ((packed & 3) === 1) {
        if (width === 1) {
          const c = text.charCodeAt(i)
          const count = counts[c] as number
          counts[c] = count + 1
          if (count === 0) seen.push(c)
          if (n === 0 && marked[c] === 0) {
            marked[c] = 1
            inTitle.push(c)
          }
        } else {
          const ch = text.slice(i, i + width)
          const count = astral.get(ch) ?? 0
          if (count === 0) seen.push(ch)
          astral.set(ch, count + 1)
          if (n === 0 && !astralInTitle.has(ch)) {
            astralInTitle.add(ch)
            inTitle.push(ch)
          }
        }
      }
      i += width
    }
  }
  const out: string[] = []
  for (const key of seen) {
    let ch = key as string
    let count = astral.get(ch) as number
    if (typeof key === 'number') {
      ch = String.fromCharCode(key)
      count = counts[key] as number
      counts[key] = 0
    }
    for (let k = uniRepeats(count); k > 0; k--) out.push(ch)
  }
  for (const key of inTitle) {
    if (typeof key === 'number') marked[key] = 0
    out.push(TITLE_MARK + (typeof key === 'number' ? String.fromCharCode(key) : key))
  }
  return out.join(' ')
}

// unigramTokens' per-code-unit counters, zeroed again before it returns.
const uniCounts = new Int32Array(0x10000)
const uniInTitle = new Uint8Array(0x10000)

/** One search term compiled against the two tables. */
export interface CompiledTerm {
  /** The folded term as typed (without quotes), used to verify inexact matches and mark snippets. */
  folded: string
  /** FTS5 expression for the bigram table, or null when the term only needs the single-char table. */
  bi: string | null
  /** FTS5 expression for the single-character table, or null. */
  uni: string | null
  /**
   * For a one- or two-character term: the FTS5 expression, on the term's table, for the articles whose
   * title contains it (a one-term query ranks those first). Null for longer terms: bm25's title weight
   * ranks them, and a second pass over a phrase's positions would cost more than it gains.
   */
  title: string | null
  /** False when the FTS expressions only pre-select candidates and the folded text must be checked. */
  exact: boolean
  /** Substrings to mark in snippets (the term, or its word parts for prefix matches). */
  marks: string[]
}

export interface CompiledQuery {
  terms: CompiledTerm[]
  /** All bigram-table expressions ANDed, or null. */
  bi: string | null
  /** All single-character-table expressions ANDed, or null. */
  uni: string | null
  exact: boolean
}

const quote = (tokens: string[]): string => `"${tokens.join(' ')}"`

/**
 * One term → FTS expression. A lone CJK character uses the single-character table. Anything else is a
 * phrase over the same token stream the documents get (documentTokens), so it is exact: a word of three
 * or more characters is its chain of overlapping bigrams, and a mixed term (G20峰会, 11月1日) is its parts
 * in order. A final word or lone character is a prefix (iph → iphone, 11月 → 11月底); a final digit needs
 * none (digits are tokens of their own, so 领域1 is the phrase 领域 1, which 领域10 contains). Only a term that
 * starts with a lone character before another part (第1名) cannot be looked up exactly (FTS5 cannot find
 * a token by its last character): its first character is left to the verification against the text.
 */
function compileTerm(folded: string, runs: Run[]): Omit<CompiledTerm, 'folded' | 'marks'> {
  const first = runs[0] as Run
  const last = runs[runs.length - 1] as Run
  if (runs.length === 1 && first.kind === 'cjk' && first.chars.length === 1) {
    return { bi: null, uni: quote(first.chars), title: quote([TITLE_MARK + (first.chars[0] as string)]), exact: true }
  }
  let tokens = documentTokens(folded).split(' ')
  let exact = true
  if (runs.length > 1 && first.kind === 'cjk' && first.chars.length === 1) {
    tokens = tokens.slice(1)
    if (tokens[0] === RUN_BREAK) tokens = tokens.slice(1)
    exact = false
  }
  const endsInDigit = last.kind === 'word' && isDigit((last.chars[last.chars.length - 1] as string).charCodeAt(0))
  const prefix = !endsInDigit && (last.kind === 'word' || (runs.length > 1 && last.chars.length === 1))
  const bi = `${quote(tokens)}${prefix ? ' *' : ''}`
  const short = runs.length === 1 && first.kind === 'cjk' && first.chars.length === 2
  return { bi, uni: null, title: short ? `{title} : (${bi})` : null, exact }
}

/**
 * Splits a user query into terms (whitespace-separated; "double quotes" keep a phrase with spaces together)
 * and compiles each against the tables. `fold` is foldForSearch (passed in to keep this module pure).
 */
export function compileQuery(text: string, fold: (s: string) => string): CompiledQuery {
  const raw: string[] = []
  const re = /"([^"]*)"|(\S+)/gu
  for (const m of text.normalize('NFKC').matchAll(re)) {
    const value = (m[1] ?? m[2] ?? '').trim()
    if (value) raw.push(value)
  }
  const terms: CompiledTerm[] = []
  const seen = new Set<string>()
  for (const value of raw) {
    const folded = fold(value).toLowerCase()
    if (seen.has(folded)) continue
    seen.add(folded)
    const runs = splitRuns(folded)
    if (runs.length === 0) continue
    const compiled = compileTerm(folded, runs)
    // Mark the whole term, and its parts for matches that had spaces or punctuation between them.
    const parts = runs.length > 1 ? runs.map((r) => r.chars.join('')).filter((p) => [...p].length > 1) : []
    terms.push({ folded, ...compiled, marks: [runs.map((r) => r.chars.join('')).join(''), folded, ...parts] })
  }
  const biAll = terms.map((t) => t.bi).filter((x): x is string => x !== null)
  const uniAll = terms.map((t) => t.uni).filter((x): x is string => x !== null)
  return {
    terms,
    bi: biAll.length ? biAll.join(' AND ') : null,
    uni: uniAll.length ? uniAll.join(' AND ') : null,
    exact: terms.every((t) => t.exact)
  }
}
