// File names from article titles (main process / CLI): portable across Windows, macOS and Linux.
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i
// Path separators and characters Windows forbids, control characters, and bidi overrides that disguise extensions.
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

export interface SafeFileNameOptions {
  /** Byte limit of the UTF-8 name, extension included (most file systems allow 255). Default 200. */
  maxBytes?: number
  /** Extension to append, with or without the dot ('md', '.html'). */
  extension?: string
  /** Used when nothing usable is left of the title. */
  fallback?: string
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncateBytes(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s
  let out = ''
  let bytes = 0
  for (const ch of s) {
    const n = utf8Length(ch)
    if (bytes + n > maxBytes) break
    out += ch
    bytes += n
  }
  return out
}

export function safeFileName(title: string, options: SafeFileNameOptions = {}): string {
  const maxBytes = Math.max(16, options.maxBytes ?? 200)
  const ext = options.extension ? (options.extension.startsWith('.') ? options.extension : '.' + options.extension) : ''
  const fallback = options.fallback ?? 'untitled'
  const clean = (s: string): string =>
    s
      .normalize('NFC')
      .replace(FORBIDDEN, '_')
      .replace(/\s+/g, ' ')
      .trim()
      // Leading dots hide files; trailing dots and spaces are dropped by Windows.
      .replace(/^[.\s]+/, '')
      .replace(/[.\s]+$/, '')
  let base = clean(title)
  base = clean(truncateBytes(base, maxBytes - utf8Length(ext)))
  if (!base) base = fallback
  // CON, NUL, COM1 … are devices on Windows, also with an extension ("con.txt").
  if (RESERVED.test(base.split('.')[0] ?? '')) base = '_' + base
  return base + ext
}

/** Makes `name` unique among `taken` (case-insensitively, as on Windows and macOS) with " (2)", " (3)" … */
export function uniqueFileName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.')
  const stem = dot > 0 ? name.slice(0, dot) : name
  const ext = dot > 0 ? name.slice(dot) : ''
  let candidate = name
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${stem} (${i})${ext}`
  taken.add(candidate.toLowerCase())
  return candidate
}
