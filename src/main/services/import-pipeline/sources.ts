// Walks files, folders (recursively, sorted, no dotfiles, symlink loops cut, never out of the chosen
// folder) and zip archives (nested too) and yields one event per file or archive entry. One bad file never
// stops the walk; abort does.
import { promises as fs, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import type { ImportFailureParams } from '@shared/types'
import { extOf } from '../formats/common'
import { jsonFormat, looksLikeJsonLines, parseJsonStream } from '../formats/json'
import { parseEpubBytes, parseFile, isArchiveName, isZipBytes } from '../formats/parse'
import { looksLikeEpub } from '../formats/epub'
import { itemReportOf, LinksOnlyDocument, type ItemOutcome, type ItemReport } from '../formats/items'
import { AnnotationDocument, ImportError, resolveLimits, type ImportErrorCode, type ImportLimits, type ParsedArticle } from '../formats/types'
import { readZip, type ZipBudget, type ZipSource } from '../reading/zip'
import { readHeadBytes, readLines, readUtf8Chunks, streamableUtf8 } from '../reading/text-stream'

export type SourceEvent =
  /**
   * `items`: what became of every record of a multi-record file (copied off the articles array, whose
   * extra property would not survive postMessage); null for a file that is one article. A file of
   * links only has no articles and its items.
   */
  | { kind: 'file'; file: string; bytes: number; articles: ParsedArticle[]; items: ItemReport | null }
  | { kind: 'failed'; file: string; code: ImportErrorCode; reason: string; params?: ImportFailureParams }
  | { kind: 'progress'; filesDone: number; bytesDone: number; bytesTotal: number | null }
  /** A file of highlights (W3C JSON, Kindle clippings) to attach to articles, not articles itself. */
  | { kind: 'annotations'; file: string; format: 'w3c' | 'kindle'; text: string }

interface FileRef {
  display: string
  abs: string
  size: number
}

function parsed(file: string, bytes: number, articles: ParsedArticle[]): SourceEvent {
  return { kind: 'file', file, bytes, articles, items: itemReportOf(articles) }
}

function failed(file: string, e: unknown): SourceEvent {
  if (e instanceof LinksOnlyDocument) return { kind: 'file', file, bytes: 0, articles: [], items: { items: e.items, links: e.links } }
  if (e instanceof AnnotationDocument) return { kind: 'annotations', file, format: e.format, text: e.text }
  if (e instanceof ImportError) return { kind: 'failed', file, code: e.code, reason: e.message, ...(e.params ? { params: e.params } : {}) }
  // Anything else is a bug or an I/O error in one file; report it instead of ending the import.
  const errno = (e as NodeJS.ErrnoException)?.code
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) return systemFailure(file, 'read', errno)
  return { kind: 'failed', file, code: 'internal', reason: `unexpected error: ${(e as Error)?.message ?? String(e)}`, params: { detail: (e as Error)?.message ?? String(e) } }
}

/** A file or folder the system would not give us, by its errno: missing and forbidden have their own codes. */
function systemFailure(file: string, op: 'read' | 'list', errno: string): SourceEvent {
  const code = errno === 'ENOENT' || errno === 'ENOTDIR' ? 'not-found' : errno === 'EACCES' || errno === 'EPERM' ? 'permission' : 'io'
  return { kind: 'failed', file, code, reason: op === 'read' ? `cannot read: ${errno}` : `cannot list folder: ${errno}`, params: { op, errno } }
}

/** macOS resource forks and hidden files are never articles. */
function isHidden(name: string): boolean {
  return name.split('/').some((seg) => seg.startsWith('.') || seg === '__MACOSX')
}

// Listing and small-file reads are synchronous: awaiting the libuv thread pool for every stat and read made
// a folder of small .txt files spend most of its time idle. Imports run in a worker thread, so blocking is
// harmless there; the inline fallback blocks for one small file at a time.
async function collect(paths: string[], out: FileRef[], errors: SourceEvent[], signal?: AbortSignal): Promise<void> {
  const visitedDirs = new Set<string>()
  const cannotRead = (display: string, e: unknown): void => {
    errors.push(systemFailure(display, 'read', (e as NodeJS.ErrnoException).code ?? (e as Error).message))
  }
  /** `inside` is the real path of the folder the user chose, null for a path the user gave. */
  const walk = async (abs: string, display: string, inside: string | null): Promise<void> => {
    if (signal?.aborted) return
    let st
    try {
      st = inside === null ? statSync(abs) : lstatSync(abs)
      if (st.isSymbolicLink()) {
        // A link inside a chosen folder is followed only when it stays inside that folder: a folder of
        // articles must not become a way to read /etc or the rest of the disk.
        const target = realpathSync(abs)
        if (!isWithin(inside as string, target)) {
          errors.push({ kind: 'failed', file: display, code: 'unsafe-path', reason: `skipped: a link to ${target}, outside the chosen folder`, params: { target } })
          return
        }
        st = statSync(abs)
      }
    } catch (e) {
      cannotRead(display, e)
      return
    }
    if (st.isDirectory()) {
      const real = realpathSync(abs)
      if (visitedDirs.has(real)) return // symlink loops
      visitedDirs.add(real)
      let names: string[]
      try {
        names = readdirSync(abs)
      } catch (e) {
        errors.push(systemFailure(display, 'list', (e as NodeJS.ErrnoException).code ?? ''))
        return
      }
      // Code-unit order: stable across platforms and locales.
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      const root = inside ?? real
      for (const n of names) {
        if (n.startsWith('.')) continue
        await walk(path.join(abs, n), path.join(display, n), root)
      }
    } else if (st.isFile()) {
      out.push({ display, abs, size: st.size })
    } else if (inside === null) {
      errors.push({ kind: 'failed', file: display, code: 'not-a-file', reason: 'not a regular file or folder' })
    }
  }
  for (const p of paths) await walk(path.resolve(p), p, null)
}

function isWithin(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel))
}

export async function* readSources(
  paths: string[],
  opts: { signal?: AbortSignal; limits?: Partial<ImportLimits> } = {}
): AsyncGenerator<SourceEvent> {
  const limits = resolveLimits(opts.limits)
  const signal = opts.signal
  const files: FileRef[] = []
  const listErrors: SourceEvent[] = []
  await collect(paths, files, listErrors, signal)
  const bytesTotal = files.reduce((n, f) => n + f.size, 0)
  let filesDone = 0
  let bytesDone = 0
  const progress = (): SourceEvent => ({ kind: 'progress', filesDone, bytesDone, bytesTotal })

  for (const e of listErrors) yield e
  for (const f of files) {
    if (signal?.aborted) return
    // JSON Lines is a container (each line a record, held to the per-record limit), so the per-file limit
    // does not apply: a newsroom's 1,000,000-article archive is a 2.5 GB file. A JSON document streams too,
    // but as one value, so it keeps the limit.
    const streamed = f.size > 0 ? await streamedJson(f) : null
    if (streamed === 'lines' || (streamed === 'json' && f.size <= limits.maxFileBytes)) {
      yield* streamed === 'lines' ? jsonLines(f.display, f.abs, limits, signal) : jsonStream(f.display, f.abs, limits, signal)
      filesDone++
      bytesDone += f.size
      yield progress()
      continue
    }
    // Small files are read whole, once; only large ones are sniffed from their head first.
    let whole: Buffer | null = null
    if (f.size <= limits.maxFileBytes && !isArchiveName(f.display)) {
      try {
        whole = readFileSync(f.abs)
      } catch (e) {
        yield failed(f.display, e)
        continue
      }
    }
    const head = whole ?? (await readHeadBytes(f.abs, 100).catch(() => null))
    if (isArchiveName(f.display) || (head !== null && isZipBytes(head))) {
      yield* archive(f.display, { path: f.abs }, 1, { totalBytes: 0 }, head, f.size)
    } else if (f.size > limits.maxFileBytes) {
      yield { kind: 'failed', file: f.display, code: 'too-large', reason: `${f.size} bytes, larger than the ${limits.maxFileBytes}-byte limit per file`, params: { sizeBytes: f.size, limitBytes: limits.maxFileBytes } }
    } else {
      try {
        const bytes = whole ?? (await fs.readFile(f.abs))
        if (signal?.aborted) return
        yield parsed(f.display, bytes.length, parseFile(f.display, bytes, limits))
      } catch (e) {
        yield failed(f.display, e)
      }
    }
    filesDone++
    bytesDone += f.size
    yield progress()
  }

  async function* archive(display: string, source: ZipSource, depth: number, budget: ZipBudget, head: Uint8Array | null, size: number): AsyncGenerator<SourceEvent> {
    if (depth > limits.maxNesting) {
      yield { kind: 'failed', file: display, code: 'too-deep', reason: `archive nested more than ${limits.maxNesting} levels deep`, params: { what: 'archive', levels: limits.maxNesting } }
      return
    }
    if (looksLikeEpub(display, head ?? new Uint8Array())) {
      try {
        yield parsed(display, size, await parseEpubBytes(display, source, limits, budget, signal))
      } catch (e) {
        yield failed(display, e)
      }
      return
    }
    let entries = 0
    try {
      for await (const item of readZip(source, limits, budget, signal ? { signal } : {})) {
        if (signal?.aborted) return
        entries++
        const inner = `${display}!${item.name}`
        if (item.kind === 'failed') {
          yield failed(inner, item.error)
        } else if (isHidden(item.name)) {
          continue
        } else if (isArchiveName(item.name) || isZipBytes(item.bytes)) {
          yield* archive(inner, { buffer: item.bytes }, depth + 1, budget, item.bytes, item.bytes.length)
        } else {
          try {
            yield parsed(inner, item.bytes.length, parseFile(inner, item.bytes, limits))
          } catch (e) {
            yield failed(inner, e)
          }
        }
        if (depth === 1) yield { kind: 'progress', filesDone, bytesDone, bytesTotal }
      }
      // An archive with nothing in it must still appear in the report.
      if (entries === 0) yield { kind: 'failed', file: display, code: 'empty', reason: 'the archive contains no files', params: { what: 'archive' } }
    } catch (e) {
      yield failed(display, e)
    }
  }
}

const JSON_LINES = new Set(['jsonl', 'ndjson'])
const LINES_PER_CHUNK = 200
/** Enough of a `.json` file to see whether it is JSON Lines (a first line of one whole object). */
const JSON_HEAD_BYTES = 1024 * 1024

/** JSON Lines and UTF-8 `.json` files are streamed; other encodings are decoded whole, as any file. */
async function streamedJson(f: FileRef): Promise<'lines' | 'json' | null> {
  const ext = extOf(f.display)
  if (JSON_LINES.has(ext)) return 'lines'
  if (ext !== 'json') return null
  let head: Buffer
  try {
    head = await readHeadBytes(f.abs, JSON_HEAD_BYTES)
  } catch {
    return null // reported by the whole-file read
  }
  if (!streamableUtf8(head)) return null
  return looksLikeJsonLines(new TextDecoder().decode(head)) ? 'lines' : 'json'
}

/**
 * A whole-file JSON, read as a stream: the records of its list come in chunks (see parseJsonStream),
 * each a `file` event like a chunk of JSON Lines; an error after some records fails the file with its
 * position, the records before it kept.
 */
async function* jsonStream(display: string, abs: string, limits: ImportLimits, signal?: AbortSignal): AsyncGenerator<SourceEvent> {
  try {
    for await (const articles of parseJsonStream(display, readUtf8Chunks(abs, signal), { limits })) {
      if (signal?.aborted) return
      yield parsed(display, 0, articles)
    }
  } catch (e) {
    yield failed(display, e)
  }
}

/**
 * JSON Lines is a container of records, read as a stream so memory stays flat for any file size. Each
 * record is one unit, like a zip entry: imported whole or not at all, and a broken line is reported as
 * `file#L<n>` while the other records still import. Chunks of records go out as separate `file` events
 * (all named after the file), so a crash keeps the records already committed and a re-run completes the
 * file without duplicates.
 */
async function* jsonLines(display: string, abs: string, limits: ImportLimits, signal?: AbortSignal): AsyncGenerator<SourceEvent> {
  let chunk: { n: number; text: string }[] = []
  let lineNo = 0
  let bytes = 0
  // The parser numbers the records of what it was given (`file#k`); in the file they are lines.
  const byLine = (event: SourceEvent, lineOf: (k: number) => number): SourceEvent => {
    if (event.kind !== 'file' || !event.items) return event
    const rename = (item: string): string => {
      const k = Number(/#(\d+)$/.exec(item)?.[1])
      return Number.isInteger(k) && k > 0 ? `${display}#L${lineOf(k)}` : item
    }
    const links = event.items.links.map((l) => ({ ...l, item: rename(l.item) }))
    const items = event.items.items.map((i): ItemOutcome => ('link' in i ? { ...i, item: rename(i.item), link: { ...i.link, item: rename(i.link.item) } } : { ...i, item: rename(i.item) }))
    return { ...event, file: display, items: { items, links } }
  }
  function* emit(): Generator<SourceEvent> {
    if (chunk.length === 0) return
    const part = chunk
    chunk = []
    try {
      const articles = jsonFormat.parse(display, part.map((l) => l.text).join('\n'), 'utf-8', { limits })
      yield byLine(parsed(display, bytes, articles), (k) => part[k - 1]?.n ?? k)
    } catch {
      // Isolate the bad record(s): every other line of the chunk still imports.
      for (const line of part) {
        try {
          const articles = jsonFormat.parse(display, line.text, 'utf-8', { limits })
          yield byLine(parsed(display, Buffer.byteLength(line.text), articles), () => line.n)
        } catch (e) {
          yield byLine(failed(`${display}#L${line.n}`, e), () => line.n)
        }
      }
    }
    bytes = 0
  }
  try {
    // A record may take 3 bytes per character (CJK in UTF-8): a longer line cannot be within the limit.
    const maxLineBytes = 3 * limits.maxRecordChars
    for await (const { n, text, bytes: lineBytes, tooLong } of readLines(abs, signal, maxLineBytes)) {
      if (signal?.aborted) return
      lineNo = n
      bytes += lineBytes
      if (tooLong) {
        yield { kind: 'failed', file: `${display}#L${lineNo}`, code: 'too-large', reason: `this line has ${lineBytes.toLocaleString('en')} bytes, more than the ${maxLineBytes.toLocaleString('en')}-byte limit per record`, params: { sizeBytes: lineBytes, limitBytes: maxLineBytes } }
        continue
      }
      if (text === null) {
        yield { kind: 'failed', file: `${display}#L${lineNo}`, code: 'undecodable', reason: 'this line is not valid UTF-8', params: { line: lineNo } }
        continue
      }
      if (!text.trim()) continue
      chunk.push({ n: lineNo, text })
      if (chunk.length >= LINES_PER_CHUNK) yield* emit()
    }
    yield* emit()
    if (lineNo === 0) yield { kind: 'failed', file: display, code: 'empty', reason: 'the file is empty (0 bytes)', params: { what: 'file' } }
  } catch (e) {
    yield failed(display, e)
  }
}
