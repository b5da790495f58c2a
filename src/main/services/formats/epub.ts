// EPUB 2/3 → one article for the whole book: container.xml → OPF (metadata, manifest, spine) → the
// spine's XHTML documents in order, concatenated and sanitised. Pure: the zip is read by zip.ts.
import { posix } from 'node:path'
import { decodeBytes } from '../reading/encoding'
import { DEFAULT_LIMITS, ImportError, type FormatInfo, type ParseContext, type ParsedArticle } from './types'
import { asArray, baseTitle, buildArticle, isObj, textOf, toIsoDate, type Loose } from './common'
import { innerXml, parseXml } from './xml'

/** A zip container, read asynchronously by parseFileAsync() and sources.ts rather than through detect/parse. */
export const epubFormat: FormatInfo = { id: 'epub', label: 'EPUB', extensions: ['epub'] }

/** Entries worth buffering from an EPUB: package documents and text content, never images or fonts. */
export function isEpubTextEntry(path: string): boolean {
  return /(?:^mimetype$|\.(?:xml|opf|ncx|xhtml|html|htm)$)/i.test(path)
}

export function looksLikeEpub(name: string, bytes: Uint8Array): boolean {
  if (/\.epub$/i.test(name)) return true
  // Zip whose first entry is "mimetype" stored with "application/epub+zip" (OCF requirement).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 100)).toString('latin1')
  return head.startsWith('PK\u0003\u0004') && head.includes('mimetypeapplication/epub+zip')
}

function text(files: Map<string, Uint8Array>, path: string): string | null {
  const b = files.get(path)
  return b ? decodeBytes(b).text : null
}

export function parseEpub(name: string, files: Map<string, Uint8Array>, ctx?: ParseContext): ParsedArticle[] {
  const container = text(files, 'META-INF/container.xml')
  if (!container) throw new ImportError('corrupt', 'EPUB without META-INF/container.xml')
  const c = parseXml(container, 'META-INF/container.xml')
  const rootfiles = isObj(c.container) && isObj(c.container.rootfiles) ? asArray(c.container.rootfiles.rootfile) : []
  const opfPath = rootfiles.filter(isObj).map((r) => textOf(r['@_full-path']))[0]
  const opfText = opfPath ? text(files, opfPath) : null
  if (!opfPath || !opfText) throw new ImportError('corrupt', 'EPUB container.xml points to no package document')
  const opfDoc = parseXml(opfText, opfPath)
  const pkg: Loose = isObj(opfDoc.package) ? opfDoc.package : {}
  const md: Loose = isObj(pkg.metadata) ? pkg.metadata : {}
  const manifest = asArray(isObj(pkg.manifest) ? pkg.manifest.item : undefined).filter(isObj)
  const spine = asArray(isObj(pkg.spine) ? pkg.spine.itemref : undefined).filter(isObj)

  const base = posix.dirname(opfPath)
  const byId = new Map(manifest.map((m) => [textOf(m['@_id']) ?? '', m]))
  const chapters: Array<{ path: string; source: string; body: string }> = []
  // A hostile spine can list one large document thousands of times: each document is read once, and the
  // book as a whole is held to the per-file size limit.
  const seenPaths = new Set<string>()
  let totalChars = 0
  const maxChars = (ctx?.limits ?? DEFAULT_LIMITS).maxFileBytes
  if (spine.length > 10_000) throw new ImportError('too-large', `EPUB spine lists ${spine.length} documents (more than 10,000)`)
  for (const ref of spine) {
    const item = byId.get(textOf(ref['@_idref']) ?? '')
    const href = item ? textOf(item['@_href']) : null
    if (!item || !href) continue
    if (/\bnav\b/.test(textOf(item['@_properties']) ?? '')) continue // the table of contents is not text
    let path: string
    try {
      path = posix.normalize(posix.join(base === '.' ? '' : base, decodeURIComponent(href.split('#')[0] ?? '')))
    } catch {
      continue
    }
    if (seenPaths.has(path)) continue
    seenPaths.add(path)
    const source = text(files, path)
    if (source === null) continue
    totalChars += source.length
    if (totalChars > maxChars) throw new ImportError('too-large', `EPUB chapters together exceed the ${maxChars}-byte limit per file`, { limitBytes: maxChars })
    chapters.push({ path, source, body: innerXml(source, 'body') ?? source })
  }
  if (chapters.length === 0) throw new ImportError('empty', 'EPUB spine lists no readable documents', { what: 'records' })

  const creators = asArray(md.creator).map((v) => (isObj(v) ? textOf(v['#text']) : textOf(v))).filter((s): s is string => !!s)
  const metas = asArray(md.meta).filter(isObj)
  const modified = metas.find((m) => m['@_property'] === 'dcterms:date' || m['@_property'] === 'dcterms:modified')
  const title = (() => {
    const t = asArray(md.title)[0]
    return isObj(t) ? textOf(t['#text']) : textOf(t)
  })()
  return [
    buildArticle(
      {
        // The verbatim text of an EPUB is its spine documents in reading order.
        rawText: chapters.map((ch) => ch.source).join('\n'),
        rawFormat: 'epub',
        encoding: 'utf-8',
        title,
        fallbackTitle: baseTitle(name),
        source: textOf(asArray(md.publisher)[0]),
        url: null,
        author: creators.length ? creators.join('; ') : null,
        publishedAt: toIsoDate(textOf(asArray(md.date)[0]) ?? (modified ? textOf(modified['#text']) : null)),
        tags: asArray(md.subject).map((s) => (isObj(s) ? textOf(s['#text']) : textOf(s))).filter((s): s is string => !!s),
        body: { kind: 'html', html: chapters.map((ch) => `<div>${ch.body}</div>`).join('\n') },
        extraRemoved: { epubChapters: chapters.map((ch) => ch.path) }
      },
      ctx
    )
  ]
}
