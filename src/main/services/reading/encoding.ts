// Bytes → string with a fixed, tested decision order (RELIABILITY.md §3.4). Declarations lie and
// detectors guess, so every candidate must decode without errors before we accept it; otherwise reject.
import chardet from 'chardet'
import iconv from 'iconv-lite'
import { ImportError } from '../reading/limits'

export interface Decoded {
  text: string
  encoding: string
}

const HEAD_SNIFF = 4096

/** Encodings we recognise but have no decoder for: refused by name rather than guessed as another one. */
const UNSUPPORTED_CHARSETS: [RegExp, string][] = [[/^(euc-?tw|x-euc-tw|cns-?11643|cp964)$/, 'EUC-TW (CNS 11643)']]

/** Labels we map to the superset decoder we actually use (GB2312/GBK ⊂ GB18030, Big5 ⊂ Big5-HKSCS). */
export function normalizeCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '')
  for (const [re, name] of UNSUPPORTED_CHARSETS) {
    if (re.test(l)) throw new ImportError('undecodable', `declared as ${name}, an encoding we cannot decode: convert the file to UTF-8 (or Big5) and import it again`, { encoding: name })
  }
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(l)) return 'utf-8'
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn|csgb2312|chinese|iso-ir-58)$/.test(l)) return 'gb18030'
  if (/^(big5|big5-hkscs|big5hkscs|cn-big5|x-x-big5|csbig5|cp950)$/.test(l)) return 'big5-hkscs'
  if (/^(iso-?8859-1|latin-?1|l1|us-ascii|ascii|windows-1252|cp1252)$/.test(l)) return 'windows-1252'
  if (/^(utf-?16le)$/.test(l)) return 'utf-16le'
  if (/^(utf-?16be)$/.test(l)) return 'utf-16be'
  if (/^(shift_jis|shift-jis|sjis|windows-31j|x-sjis)$/.test(l)) return 'shift_jis'
  if (/^(euc-jp)$/.test(l)) return 'euc-jp'
  if (/^(euc-kr|ks_c_5601-1987|windows-949)$/.test(l)) return 'euc-kr'
  if (/^windows-125[0-8]$/.test(l) || /^iso-?8859-(2|5|7|9|15)$/.test(l)) {
    return iconv.encodingExists(l) ? l : null
  }
  return null
}

/** `<meta charset>`, `http-equiv` content, or the XML prolog's `encoding=` in the first few KB. */
export function declaredCharset(head: string): string | null {
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)
  if (xml?.[1]) return xml[1]
  const meta = /<meta\b[^>]*\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)
  if (meta?.[1]) return meta[1]
  return null
}

function hasBinarySignature(b: Uint8Array): string | null {
  const sig = (...xs: number[]): boolean => xs.every((x, i) => b[i] === x)
  if (sig(0x50, 0x4b, 0x03, 0x04)) return 'a zip archive'
  if (sig(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image'
  if (sig(0xff, 0xd8, 0xff)) return 'a JPEG image'
  if (sig(0x47, 0x49, 0x46, 0x38)) return 'a GIF image'
  if (sig(0x25, 0x50, 0x44, 0x46)) return 'a PDF document'
  if (sig(0x1f, 0x8b)) return 'gzip data'
  if (sig(0x7f, 0x45, 0x4c, 0x46)) return 'an executable'
  if (sig(0x4d, 0x5a)) return 'a Windows executable'
  if (sig(0x53, 0x51, 0x4c, 0x69, 0x74, 0x65)) return 'an SQLite database'
  return null
}

/** Share of 00 bytes at even / odd offsets: UTF-16 text without a BOM is mostly ASCII with one 00 per unit. */
function utf16Guess(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 8192) & ~1
  if (n < 8) return null
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++
    if (b[i + 1] === 0) odd++
  }
  const units = n / 2
  if (odd / units > 0.4 && even / units < 0.05) return 'utf-16le'
  if (even / units > 0.4 && odd / units < 0.05) return 'utf-16be'
  return null
}

/** Control characters that never occur in text (not tab/LF/CR/FF), C1 controls included. */
function controlRatio(text: string): number {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  if (sample.length === 0) return 0
  let bad = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c <= 0x9f)) bad++
  }
  return bad / sample.length
}

function countReplacement(text: string): number {
  let n = 0
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++
  return n
}

function stripBomChar(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

// The most frequent Chinese characters (both scripts). In real text they are well over a tenth of all Han
// characters; bytes decoded with the wrong CJK codec scatter over the whole table and hit them rarely.
const COMMON_HAN = new Set(
  '的一是不了在人有我他這这中大來来上個个們们到說说國国和地也子時时要就出會会可你對对生能而以年為为於于發发以後后作自者成方多經经行家法所民得部工用同都現现進进動动分還还開开政學学關关新加當当及長长面全業业高日實实'
)
const MIN_HAN_FOR_DISTRIBUTION = 200
const MIN_COMMON_SHARE = 0.06

/**
 * Why a legacy decode is not text in that encoding, or null: private-use characters (what a codec
 * yields for byte pairs it only maps to user-defined slots, as EUC-TW read as Big5 or GB does), or a
 * character distribution no Chinese text has.
 */
export function implausibleDecode(text: string): string | null {
  let han = 0
  let common = 0
  let pua = 0
  const sample = text.length > 262_144 ? text.slice(0, 262_144) : text
  for (const ch of sample) {
    const c = ch.codePointAt(0) ?? 0
    if ((c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000) pua++
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x3ffff)) {
      han++
      if (COMMON_HAN.has(ch)) common++
    }
  }
  // A few user-defined characters occur in real Big5 text; mojibake yields them by the dozen.
  if (pua >= 3 && pua > (han + pua) * 0.002) return `${pua} private-use characters`
  if (han >= MIN_HAN_FOR_DISTRIBUTION && common / han < MIN_COMMON_SHARE) {
    return `an implausible character distribution (${((common / han) * 100).toFixed(1)}% common characters)`
  }
  return null
}

/**
 * Decode with a legacy codec and accept only if there is no decode error, no control-char noise and the
 * result reads as text; `rejected` collects why a clean decode was still refused.
 */
function tryDecode(bytes: Uint8Array, enc: string, rejected?: string[]): string | null {
  const codec = ICONV_NAME[enc] ?? enc
  if (!iconv.encodingExists(codec)) return null
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec)
  if (countReplacement(text) > 0) return null
  if (controlRatio(text) > 0.001) return null
  const why = CJK_CODECS.has(enc) ? implausibleDecode(text) : null
  if (why) {
    rejected?.push(`as ${enc}: ${why}`)
    return null
  }
  return text
}

const CJK_CODECS = new Set(['gb18030', 'big5-hkscs', 'shift_jis', 'euc-jp', 'euc-kr'])

/**
 * Whether every non-ASCII byte fits EUC-TW: two-byte A1–FE pairs (CNS 11643 plane 1) or SS2 (8E), a plane
 * byte A1–B0 and a pair. GB2312 has the same pair shape, so this only names the encoding once GB and
 * Big5 have both been refused.
 */
function euctwShaped(b: Uint8Array): boolean {
  const hi = (x: number | undefined): boolean => x !== undefined && x >= 0xa1 && x <= 0xfe
  let pairs = 0
  const end = Math.min(b.length, 262_144)
  for (let i = 0; i < end; i++) {
    const c = b[i] as number
    if (c < 0x80) continue
    if (c === 0x8e && (b[i + 1] ?? 0) >= 0xa1 && (b[i + 1] ?? 0) <= 0xb0 && hi(b[i + 2]) && hi(b[i + 3])) i += 3
    else if (hi(c) && hi(b[i + 1])) i += 1
    else if (i + 4 >= end) break
    else return false
    pairs++
  }
  return pairs >= 10
}

function finish(text: string, encoding: string): Decoded {
  if (text.includes('\u0000') || controlRatio(text) > 0.01) {
    throw new ImportError('binary', `looks like binary data, not text (control characters after decoding as ${encoding})`)
  }
  return { text: stripBomChar(text), encoding }
}

/** Our reported label → iconv-lite codec name where they differ. */
const ICONV_NAME: Record<string, string> = { 'big5-hkscs': 'big5hkscs' }

const HEURISTIC_CANDIDATES: Record<string, string> = {
  GB18030: 'gb18030',
  Big5: 'big5-hkscs',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252'
}

/**
 * Decision order: BOM → UTF-16 without BOM → binary check → strict UTF-8 → declared charset
 * (verified) → chardet candidates (verified) → reject. Never returns mojibake on purpose.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new ImportError('empty', 'the file is empty (0 bytes)', { what: 'file' })
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

  // 1. BOM (UTF-32LE's BOM starts like UTF-16LE's, so it goes first).
  if (buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) {
    return finish(iconv.decode(buf.subarray(4), 'utf-32le'), 'utf-32le')
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const t = strictUtf8(buf.subarray(3))
    if (t === null) throw new ImportError('undecodable', 'has a UTF-8 byte-order mark but is not valid UTF-8')
    return finish(t, 'utf-8')
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return finish(iconv.decode(buf.subarray(2), 'utf-16le'), 'utf-16le')
  if (buf[0] === 0xfe && buf[1] === 0xff) return finish(iconv.decode(buf.subarray(2), 'utf-16be'), 'utf-16be')

  // 2. UTF-16 without BOM shows up as a regular pattern of zero bytes; check before the NUL test.
  const u16 = utf16Guess(buf)
  if (u16) {
    const t = iconv.decode(buf, u16)
    if (countReplacement(t) === 0) return finish(t, u16)
  }

  // 3. Binary: magic numbers and NUL bytes never occur in the text formats we accept.
  const magic = hasBinarySignature(buf)
  if (magic) throw new ImportError('binary', `looks like ${magic}, not text`, /executable/i.test(magic) ? { what: 'program' } : undefined)
  if (buf.subarray(0, 65536).includes(0)) throw new ImportError('binary', 'looks like binary data, not text (contains NUL bytes)')

  // 4. Strict UTF-8 wins over declarations and guesses (several real pages declare gb2312 but are UTF-8).
  const utf8 = strictUtf8(buf)
  if (utf8 !== null) return finish(utf8, 'utf-8')

  // 5. Declared charset, only if it decodes cleanly.
  const head = buf.subarray(0, HEAD_SNIFF).toString('latin1')
  const declaredLabel = declaredCharset(head)
  const declared = declaredLabel ? normalizeCharset(declaredLabel) : null
  const rejected: string[] = []
  if (declared && declared !== 'utf-8') {
    const t = tryDecode(buf, declared, rejected)
    if (t !== null) return finish(t, declared)
  }

  // 6. Detector candidates, each verified by a clean decode; chardet's ranking breaks ties.
  const tried = new Set<string>()
  for (const m of chardet.analyse(buf)) {
    const enc = HEURISTIC_CANDIDATES[m.name]
    if (!enc || tried.has(enc)) continue
    tried.add(enc)
    // Single-byte Latin decodes anything; only take it when the detector is fairly sure.
    if (enc === 'windows-1252' && m.confidence < 50) continue
    const t = tryDecode(buf, enc, rejected)
    if (t !== null) return finish(t, enc)
  }
  // Short CJK snippets defeat statistics; a clean decode in exactly one CJK codec is still a strong signal.
  const clean = ['gb18030', 'big5-hkscs'].filter((e) => !tried.has(e) && tryDecode(buf, e, rejected) !== null)
  if (clean.length === 1 && clean[0]) return finish(tryDecode(buf, clean[0]) ?? '', clean[0])

  if (rejected.length > 0 && euctwShaped(buf)) {
    throw new ImportError('undecodable', 'looks like EUC-TW (CNS 11643), an encoding we cannot decode: convert the file to UTF-8 (or Big5) and import it again', { encoding: 'EUC-TW (CNS 11643)' })
  }
  if (rejected.length > 0) {
    throw new ImportError('undecodable', `not valid UTF-8, and no Chinese encoding decodes it as text (${rejected.slice(0, 3).join('; ')})`)
  }
  throw new ImportError(
    'undecodable',
    declaredLabel
      ? `not valid UTF-8, and not valid in its declared charset "${declaredLabel}" or any supported Chinese encoding`
      : 'not valid UTF-8 or any supported Chinese encoding'
  )
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Decoder.decode(bytes)
  } catch {
    return null
  }
}
