// Punctuation and spacing rules for Chinese copy, written here rather than taken from a linter: the two
// candidates on npm do not fit a pure module that reports positions. autocorrect-node reports positions
// but is a native addon (no renderer, no src/shared); pangu is pure JS but only returns rewritten text,
// adds a space after half-width commas instead of making them full-width, and turns · into the
// Japanese ・. The rules follow GB/T 15834 (punctuation) and the Chinese copywriting guidelines
// (sparanoid/chinese-copywriting-guidelines: a space between CJK and Latin letters or digits).
import type { Finding, FindingCode, Standard } from './types'

const isHanOrKana = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff)

// Full-width CJK punctuation (、。「」《》…), full-width forms (，！？（）) and curly quotes.
const isCjkPunct = (c: number): boolean =>
  (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff65) || (c >= 0x2018 && c <= 0x201d) || c === 0x2026

const isCjk = (c: number): boolean => isHanOrKana(c) || isCjkPunct(c)

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '.': '。' }

interface Quotes {
  open1: string
  close1: string
  open2: string
  close2: string
}
// Mainland copy quotes with “” (inner ‘’); Taiwan, Hong Kong, OpenCC Traditional and Japanese with 「」 (inner 『』).
const CORNER: Quotes = { open1: '「', close1: '」', open2: '『', close2: '』' }
const CURLY: Quotes = { open1: '“', close1: '”', open2: '‘', close2: '’' }
const quotesFor = (standard: Standard): Quotes => (standard === 'cn' ? CURLY : CORNER)

type Emit = (start: number, end: number, suggestion: string, code: FindingCode, message: string) => void

function collector(text: string, kind: 'punctuation' | 'spacing'): { emit: Emit; out: Finding[] } {
  const out: Finding[] = []
  const emit: Emit = (start, end, suggestion, code, message) => {
    out.push({ kind, code, start, end, text: text.slice(start, end), suggestion, message })
  }
  return { emit, out }
}

/** Sorts and drops any finding that overlaps an earlier one (rules may meet at one character). */
function disjoint(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || a.end - b.end)
  const out: Finding[] = []
  let end = -1
  for (const f of findings) {
    if (f.start < end || (f.start === end && f.start === f.end)) continue
    out.push(f)
    end = f.end
  }
  return out
}

// `converted`: offsets of marks other rules make full-width, which count as Chinese context (區(qū):).
function halfWidthPunctuation(text: string, converted: ReadonlySet<number>, emit: Emit): void {
  const n = text.length
  let lastEnd = 0
  for (let i = 0; i < n; i++) {
    const ch = text[i] as string
    const full = FULL_WIDTH[ch]
    if (!full) continue
    let a = i
    while (a > lastEnd && text.charCodeAt(a - 1) === 0x20) a--
    let b = i + 1
    while (b < n && text.charCodeAt(b) === 0x20) b++
    const prev = a > 0 ? (converted.has(a - 1) ? 0x3000 : text.charCodeAt(a - 1)) : 0
    const next = b < n ? (converted.has(b) ? 0x3000 : text.charCodeAt(b)) : 0
    let chinese: boolean
    if (ch === '.') {
      // A full stop only after Chinese and before Chinese or the end of a line, never in 96.4 or a.b.c.
      chinese = isHanOrKana(prev) && text[i - 1] !== '.' && text[i + 1] !== '.' && (b >= n || next === 0x0a || next === 0x0d || isCjk(next))
    } else if (ch === ':') {
      chinese = isCjk(prev) && text[i + 1] !== '/'
    } else {
      chinese = isCjk(prev) || isCjk(next)
    }
    if (!chinese) continue
    emit(a, b, full, 'punctuation.half-width', `Half-width ${ch} in Chinese text: use ${full}`)
    lastEnd = b
    i = b - 1
  }
}

/** Pairs ( ) on each line with a stack; a pair around or beside Chinese becomes （ ）. Returns the converted offsets. */
function parentheses(text: string, emit: Emit): Set<number> {
  const converted = new Set<number>()
  const open: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\n') open.length = 0
    else if (ch === '(') open.push(i)
    else if (ch === ')' && open.length > 0) {
      const start = open.pop() as number
      let han = isHanOrKana(text.charCodeAt(start - 1)) || isHanOrKana(text.charCodeAt(i + 1))
      for (let k = start + 1; k < i && !han; k++) han = isHanOrKana(text.charCodeAt(k))
      if (!han) continue
      emit(start, start + 1, '（', 'punctuation.parenthesis', 'Half-width parenthesis in Chinese text: use （')
      emit(i, i + 1, '）', 'punctuation.parenthesis', 'Half-width parenthesis in Chinese text: use ）')
      converted.add(start).add(i)
    }
  }
  return converted
}

function quotes(text: string, standard: Standard, emit: Emit): Set<number> {
  const converted = new Set<number>()
  const q = quotesFor(standard)
  const message = standard === 'cn' ? 'Mainland copy quotes with “” and ‘’' : 'This standard quotes with 「」 and 『』'
  const level = (ch: string): 1 | 2 | 0 => ('“「'.includes(ch) ? 1 : '‘『'.includes(ch) ? 2 : 0)
  const closerOf: Record<string, string> = { '“': '”', '「': '」', '‘': '’', '『': '』' }
  const hasCjk = (s: string): boolean => {
    for (let k = 0; k < s.length; k++) if (isHanOrKana(s.charCodeAt(k))) return true
    return false
  }
  const pair = (start: number, end: number, lvl: 1 | 2): void => {
    const open = lvl === 1 ? q.open1 : q.open2
    const close = lvl === 1 ? q.close1 : q.close2
    if (!hasCjk(text.slice(start + 1, end)) && !isHanOrKana(text.charCodeAt(start - 1))) return
    if (text[start] !== open) emit(start, start + 1, open, 'punctuation.quotes', message)
    if (text[end] !== close) emit(end, end + 1, close, 'punctuation.quotes', message)
    converted.add(start).add(end)
  }
  // Curly and corner quotes pair by a stack per line; an unmatched ’ is an apostrophe and stays.
  const stack: Array<{ ch: string; at: number }> = []
  let straightOpen = -1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (ch === '\n') {
      stack.length = 0
      straightOpen = -1
    } else if (ch === '"') {
      if (straightOpen < 0) straightOpen = i
      else {
        pair(straightOpen, i, 1)
        straightOpen = -1
      }
    } else if (level(ch) > 0) {
      stack.push({ ch, at: i })
    } else if ('”」’』'.includes(ch)) {
      let k = stack.length - 1
      while (k >= 0 && closerOf[(stack[k] as { ch: string }).ch] !== ch) k--
      if (k < 0) continue
      const open = stack[k] as { ch: string; at: number }
      stack.length = k
      pair(open.at, i, level(open.ch) as 1 | 2)
    }
  }
  return converted
}

function ellipsisAndDash(text: string, emit: Emit): void {
  const near = (start: number, end: number): boolean => isCjk(text.charCodeAt(start - 1)) || isCjk(text.charCodeAt(end))
  const ell = /\.{3,}|。{3,}|…+|⋯+|·{3,}/g
  for (let m = ell.exec(text); m; m = ell.exec(text)) {
    const end = m.index + m[0].length
    // Both …… and the centred ⋯⋯ that Taiwan's punctuation manual prints are a correct six-dot ellipsis.
    if (m[0] === '……' || m[0] === '⋯⋯' || !near(m.index, end)) continue
    emit(m.index, end, '……', 'punctuation.ellipsis', 'Chinese ellipsis is ……')
  }
  // Two or more dashes or hyphens; a single one between characters is a range connector (GB/T 15834 一字線).
  const dash = /[-－—―–─]{2,}/g
  for (let m = dash.exec(text); m; m = dash.exec(text)) {
    const end = m.index + m[0].length
    if (m[0] === '——' || !near(m.index, end)) continue
    emit(m.index, end, '——', 'punctuation.dash', 'Chinese dash is ——')
  }
}

export function punctuationFindings(text: string, standard: Standard): Finding[] {
  const { emit, out } = collector(text, 'punctuation')
  const converted = new Set([...parentheses(text, emit), ...quotes(text, standard, emit)])
  halfWidthPunctuation(text, converted, emit)
  ellipsisAndDash(text, emit)
  return disjoint(out)
}

export function spacingFindings(text: string): Finding[] {
  const { emit, out } = collector(text, 'spacing')
  // A Latin word or number (XBB.1.16, 96.4%, A股's A) touching Chinese gets a space on that side.
  const word = /[A-Za-z0-9]+(?:[.\-_+/&'][A-Za-z0-9]+)*%?/g
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const start = m.index
    const end = start + m[0].length
    const before = isHanOrKana(text.charCodeAt(start - 1))
    const after = isHanOrKana(text.charCodeAt(end))
    if (!before && !after) continue
    emit(start, end, `${before ? ' ' : ''}${m[0]}${after ? ' ' : ''}`, 'spacing.cjk-latin', 'Put a space between Chinese and Latin letters or digits')
  }
  // Full-width punctuation carries its own space: none before closing or after opening marks.
  const around = /[ \t\u3000]+(?=[，。、；：！？」』）》】〉”’])|(?<=[，。、；：！？「『（《【〈“‘])[ \t\u3000]+(?=[^\n\r])/g
  for (let m = around.exec(text); m; m = around.exec(text)) {
    // Indentation at the start of a line is layout, not spacing inside a sentence.
    const lineStart = m.index === 0 || text[m.index - 1] === '\n'
    if (lineStart) continue
    emit(m.index, m.index + m[0].length, '', 'spacing.around-punctuation', 'No space around full-width punctuation')
  }
  return disjoint(out)
}
