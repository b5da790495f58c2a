// An incremental splitter for whole-file JSON: text goes in chunk by chunk, and the records of the list
// (the top-level array, or the array under a top-level key the caller accepts) come out one at a time,
// each parsed on its own with its verbatim source. Memory is bounded by the largest record, not by the
// file: a record over the limit streams past without being kept and is reported by its number. The
// document's other members are parsed one by one under the same limit.
//
// Not stream-json: its tokens carry no offsets, so neither a record's verbatim source (kept as rawText)
// nor the line and column of an error could be given, and its README says it is not meant for untrusted
// input. Here JSON.parse validates each record's text; this scanner only finds where records begin and
// end and checks the punctuation between them.
import { ImportError } from './types'

export type JsonRecord =
  | { n: number; value: unknown; text: string }
  /** a record longer than the limit: never held in memory */
  | { n: number; chars: number }

export type JsonDocument =
  /** `key` null for a top-level array; `members` are the object's other members */
  | { shape: 'list'; key: string | null; count: number; members: Record<string, unknown> }
  /** anything else: the whole value and its verbatim text */
  | { shape: 'value'; value: unknown; text: string }

export interface SplitterOptions {
  maxRecordChars: number
  /** whether the array under this top-level key is the list of records, given the members read before it */
  isListKey: (key: string, membersSoFar: Record<string, unknown>) => boolean
}

type State =
  | 'start'
  | 'obj-first' // after `{`: a key or `}`
  | 'obj-key' // after `,`: a key
  | 'obj-colon'
  | 'obj-value'
  | 'obj-next' // after a member: `,` or `}`
  | 'list-first' // after `[`: a record or `]`
  | 'list-value' // after `,`: a record
  | 'list-next' // after a record: `,` or `]`
  | 'done'

/** What the value being captured is. */
type Target = 'key' | 'member' | 'record' | 'value'

const QUOTE = 34
const BACKSLASH = 92
const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9
/** Characters of a bare literal (number, true, false, null); JSON.parse checks the spelling. */
const isBare = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 43 || c === 45 || c === 46

interface Capture {
  target: Target
  depth: number
  inString: boolean
  escaped: boolean
  bare: boolean
  parts: string[]
  chars: number
  oversized: boolean
  line: number
  column: number
}

export class JsonSplitter {
  private state: State = 'start'
  private inObject = false
  private listKey: string | null = null
  private listStarted = false
  private key = ''
  private readonly members: Record<string, unknown> = {}
  private count = 0
  private capture: Capture | null = null
  /** A top-level object's own text while it has no list: without one it is a single value (bounded). */
  private objectText: string[] | null = null
  private objectChars = 0
  private document: JsonDocument | null = null
  private out: JsonRecord[] = []
  // Position of the current character, for error messages.
  private offset = 0
  private line = 1
  private column = 1

  constructor(private readonly options: SplitterOptions) {}

  /** Feeds the next chunk of text. Throws where it stops being JSON; take() still has the records before. */
  write(text: string): void {
    let from = 0 // where the open capture's text in this chunk begins
    let objectFrom = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      const cap = this.capture
      if (cap && !cap.bare) {
        if (this.scan(cap, c)) this.finish(text.slice(from, i + 1))
      } else if (!cap || !isBare(c)) {
        if (cap) this.finish(text.slice(from, i)) // a bare literal ends before the character that ends it
        const before = this.state
        this.structural(c, text, i)
        if (this.capture) from = i
        if (before === 'start' && this.objectText) objectFrom = i
        // Once the list begins, the object's text is not needed: what it holds comes out record by record.
        if (before === 'obj-value' && this.listStarted && this.state === 'list-first') this.objectText = null
        if (this.state === 'done' && this.objectText) {
          this.keepObject(text.slice(objectFrom, i + 1))
          this.closeObjectValue()
        }
      }
      if (c === 10) {
        this.line++
        this.column = 1
      } else this.column++
      this.offset++
    }
    if (this.capture) this.keep(this.capture, text.slice(from))
    if (this.objectText) this.keepObject(text.slice(objectFrom))
  }

  /** The records completed since the last call. */
  take(): JsonRecord[] {
    const done = this.out
    this.out = []
    return done
  }

  /** The end of the input: what the document was, or an error saying where it stopped being JSON. */
  end(): JsonDocument {
    if (this.capture?.bare && this.state === 'start') this.finish('')
    if (this.capture || this.state !== 'done') {
      const where = this.capture?.inString ? 'inside a string' : this.listStarted ? `inside the list, after record ${this.count}` : 'before the JSON is closed'
      throw this.error(this.state === 'start' && !this.capture ? 'the file holds no JSON value' : `the file ends ${where}`)
    }
    return this.document ?? { shape: 'list', key: this.listKey, count: this.count, members: this.members }
  }

  /** One character outside any captured value. */
  private structural(c: number, text: string, i: number): void {
    if (isWs(c) || (c === 0xfeff && this.offset === 0)) return
    const found = (): string => JSON.stringify(text.slice(i, i + 12))
    switch (this.state) {
      case 'start':
        if (c === 91) {
          this.listStarted = true
          this.state = 'list-first'
        } else if (c === 123) {
          this.inObject = true
          this.objectText = []
          this.state = 'obj-first'
        } else this.begin('value', c, found)
        return
      case 'obj-first':
      case 'obj-key':
        if (c === QUOTE) return this.begin('key', c, found)
        if (c === 125 && this.state === 'obj-first') {
          this.state = 'done'
          return
        }
        throw this.error(`expected a member name in quotes, found ${found()}`)
      case 'obj-colon':
        if (c !== 58) throw this.error(`expected ":" after "${this.key.slice(0, 40)}", found ${found()}`)
        this.state = 'obj-value'
        return
      case 'obj-value':
        if (c === 91 && !this.listStarted && this.options.isListKey(this.key, this.members)) {
          this.listKey = this.key
          this.listStarted = true
          this.state = 'list-first'
          return
        }
        return this.begin('member', c, found)
      case 'obj-next':
        if (c === 44) this.state = 'obj-key'
        else if (c === 125) this.state = 'done'
        else throw this.error(`expected "," or "}" after "${this.key.slice(0, 40)}", found ${found()}`)
        return
      case 'list-first':
      case 'list-value':
        if (c === 93 && this.state === 'list-first') return this.closeList()
        return this.begin('record', c, found)
      case 'list-next':
        if (c === 44) this.state = 'list-value'
        else if (c === 93) this.closeList()
        else throw this.error(`expected "," or "]" after record ${this.count}, found ${found()}`)
        return
      case 'done':
        throw this.error(`unexpected ${found()} after the end of the JSON value (if this is JSON Lines, name the file .jsonl)`)
    }
  }

  private closeList(): void {
    this.state = this.inObject ? 'obj-next' : 'done'
  }

  private begin(target: Target, c: number, found: () => string): void {
    const open = c === 123 || c === 91
    if (!open && c !== QUOTE && !isBare(c)) throw this.error(`expected a value, found ${found()}`)
    this.capture = { target, depth: open ? 1 : 0, inString: c === QUOTE, escaped: false, bare: isBare(c), parts: [], chars: 0, oversized: false, line: this.line, column: this.column }
  }

  /** Scans one character of a quoted or bracketed value; true when it closes the value. */
  private scan(cap: Capture, c: number): boolean {
    if (cap.inString) {
      if (cap.escaped) cap.escaped = false
      else if (c === BACKSLASH) cap.escaped = true
      else if (c === QUOTE) {
        cap.inString = false
        return cap.depth === 0
      }
      return false
    }
    if (c === QUOTE) cap.inString = true
    else if (c === 123 || c === 91) cap.depth++
    else if (c === 125 || c === 93) return --cap.depth === 0
    return false
  }

  /** Keeps a piece of the captured value, unless it is over the limit (then nothing more is kept). */
  private keep(cap: Capture, piece: string): void {
    cap.chars += piece.length
    if (cap.oversized) return
    if (cap.chars > this.options.maxRecordChars) {
      cap.oversized = true
      cap.parts = []
    } else cap.parts.push(piece)
  }

  private keepObject(piece: string): void {
    if (!this.objectText) return
    this.objectChars += piece.length
    if (this.objectChars <= this.options.maxRecordChars) this.objectText.push(piece)
  }

  private closeObjectValue(): void {
    const parts = this.objectText as string[]
    this.objectText = null
    if (this.objectChars > this.options.maxRecordChars) {
      throw new ImportError('too-large', `a JSON object of ${this.objectChars.toLocaleString('en')} characters without a list of records, more than the ${this.limit()}-character limit per record`, { chars: this.objectChars, limitChars: this.options.maxRecordChars })
    }
    this.document = { shape: 'value', value: this.members, text: parts.join('').trim() }
  }

  private finish(last: string): void {
    const cap = this.capture as Capture
    this.keep(cap, last)
    this.capture = null
    if (cap.target === 'record') {
      const n = this.count + 1
      this.out.push(cap.oversized ? { n, chars: cap.chars } : { n, value: this.parse(cap), text: cap.parts.join('') })
      this.count = n
      this.state = 'list-next'
      return
    }
    if (cap.oversized) {
      const what = cap.target === 'member' ? `the member "${this.key.slice(0, 40)}"` : cap.target === 'key' ? 'a member name' : 'the JSON value'
      throw new ImportError('too-large', `${what} has ${cap.chars.toLocaleString('en')} characters, more than the ${this.limit()}-character limit per record`, { chars: cap.chars, limitChars: this.options.maxRecordChars })
    }
    const value = this.parse(cap)
    if (cap.target === 'key') {
      this.key = value as string
      this.state = 'obj-colon'
    } else if (cap.target === 'member') {
      // Plain assignment would let a "__proto__" member replace the object's prototype.
      Object.defineProperty(this.members, this.key, { value, enumerable: true, writable: true, configurable: true })
      this.state = 'obj-next'
    } else {
      this.document = { shape: 'value', value, text: cap.parts.join('') }
      this.state = 'done'
    }
  }

  private parse(cap: Capture): unknown {
    const text = cap.parts.join('')
    try {
      return JSON.parse(text) as unknown
    } catch (e) {
      // Node gives the position inside this value; the report gives it in the file.
      const message = (e as Error).message
      const at = Number(/at position (\d+)/.exec(message)?.[1])
      let line = cap.line
      let column = cap.column
      for (let k = 0; Number.isInteger(at) && k < at && k < text.length; k++) {
        if (text.charCodeAt(k) === 10) {
          line++
          column = 1
        } else column++
      }
      const why = message.replace(/ in JSON at position \d+.*$/s, '').replace(/,\s*".*" is not valid JSON$/s, '').slice(0, 120)
      throw this.error(`${why}${cap.target === 'record' ? ` (in record ${this.count + 1})` : ''}`, line, column)
    }
  }

  private error(message: string, line = this.line, column = this.column): ImportError {
    const before = this.count > 0 ? `; the ${this.count.toLocaleString('en')} records before it were read` : ''
    return new ImportError('parse-error', `not valid JSON at line ${line}, column ${column}: ${message}${before}`, { format: 'json' })
  }

  private limit(): string {
    return this.options.maxRecordChars.toLocaleString('en')
  }
}
