// Walks files, folders (recursively, sorted, no dotfiles, symlink loops cut) and zip archives (nested
// too) and yields one event per file or archive entry. One bad file never stops the walk; abort does.
import { promises as fs, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseEpubBytes, parseFile, isArchiveName, isZipBytes } from './parse'
import { looksLikeEpub } from './formats/epub'
import { AnnotationDocument, ImportError, resolveLimits, type ImportErrorCode, type ImportLimits, type ParsedArticle } from './types'
import { readZip, type ZipBudget, type ZipSource } from './zip'

export type SourceEvent =
  | { kind: 'file'; file: string; bytes: number; articles: ParsedArticle[] }
  | { kind: 'failed'; file: string; code: ImportErrorCode; reason: string }
  | { kind: 'progress'; filesDone: number; bytesDone: number; bytesTotal: number | null }
  /** A file of highlights (W3C JSON, Kindle clippings) to attach to articles, not articles itself. */
  | { kind: 'annotations'; file: string; format: 'w3c' | 'kindle'; text: string }

interface FileRef {
  display: string
  abs: string
  size: number
}

function failed(file: string, e: unknown): SourceEvent {
  if (e instanceof AnnotationDocument) return { kind: 'annotations', file, format: e.format, text: e.text }
  if (e instanceof ImportError) return { kind: 'failed', file, code: e.code, reason: e.message }
  // Anything else is a bug or an I/O error in one file; report it instead of ending the import.
  return { kind: 'failed', file, code: 'parse-error', reason: `unexpected error: ${(e as Error)?.message ?? String(e)}` }
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
  const walk = async (abs: string, display: string, given: boolean): Promise<void> => {
    if (signal?.aborted) return
    let st
    try {
      st = statSync(abs) // follows symlinks; loops are cut by real path below
    } catch (e) {
      errors.push({ kind: 'failed', file: display, code: 'unsupported', reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` })
      return
    }
    if (st.isDirectory()) {
      const real = realpathSync(abs)
      if (visitedDirs.has(real)) return
      visitedDirs.add(real)
      let names: string[]
      try {
        names = readdirSync(abs)
      } catch (e) {
        errors.push({ kind: 'failed', file: display, code: 'unsupported', reason: `cannot list folder: ${(e as NodeJS.ErrnoException).code ?? ''}` })
        return
      }
      // Code-unit order: stable across platforms and locales.
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      for (const n of names) {
        if (n.startsWith('.')) continue
        await walk(path.join(abs, n), path.join(display, n), false)
      }
    } else if (st.isFile()) {
      out.push({ display, abs, size: st.size })
    } else if (given) {
      errors.push({ kind: 'failed', file: display, code: 'unsupported', reason: 'not a regular file or folder' })
    }
  }
  for (const p of paths) await walk(path.resolve(p), p, true)
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
    const head = whole ?? (await readHead(f.abs))
    if (isArchiveName(f.display) || (head !== null && isZipBytes(head))) {
      yield* archive(f.display, { path: f.abs }, 1, { totalBytes: 0 }, head, f.size)
    } else if (f.size > limits.maxFileBytes) {
      yield { kind: 'failed', file: f.display, code: 'too-large', reason: `${f.size} bytes, larger than the ${limits.maxFileBytes}-byte limit per file` }
    } else {
      try {
        const bytes = whole ?? (await fs.readFile(f.abs))
        if (signal?.aborted) return
        yield { kind: 'file', file: f.display, bytes: bytes.length, articles: parseFile(f.display, bytes, limits) }
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
      yield { kind: 'failed', file: display, code: 'too-deep', reason: `archive nested more than ${limits.maxNesting} levels deep` }
      return
    }
    if (looksLikeEpub(display, head ?? new Uint8Array())) {
      try {
        const articles = await parseEpubBytes(display, source, limits, budget, signal)
        yield { kind: 'file', file: display, bytes: size, articles }
      } catch (e) {
        yield failed(display, e)
      }
      return
    }
    try {
      for await (const item of readZip(source, limits, budget, signal ? { signal } : {})) {
        if (signal?.aborted) return
        const inner = `${display}!${item.name}`
        if (item.kind === 'failed') {
          yield { kind: 'failed', file: inner, code: item.error.code, reason: item.error.message }
        } else if (isHidden(item.name)) {
          continue
        } else if (isArchiveName(item.name) || isZipBytes(item.bytes)) {
          yield* archive(inner, { buffer: item.bytes }, depth + 1, budget, item.bytes, item.bytes.length)
        } else {
          try {
            yield { kind: 'file', file: inner, bytes: item.bytes.length, articles: parseFile(inner, item.bytes, limits) }
          } catch (e) {
            yield failed(inner, e)
          }
        }
        if (depth === 1) yield { kind: 'progress', filesDone, bytesDone, bytesTotal }
      }
    } catch (e) {
      yield failed(display, e)
    }
  }
}

async function readHead(abs: string): Promise<Uint8Array | null> {
  let fh
  try {
    fh = await fs.open(abs, 'r')
    const buf = Buffer.alloc(100)
    const { bytesRead } = await fh.read(buf, 0, 100, 0)
    return buf.subarray(0, bytesRead)
  } catch {
    return null
  } finally {
    await fh?.close()
  }
}
