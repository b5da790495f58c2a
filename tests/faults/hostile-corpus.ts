// Builds the hostile archive corpus: real archives (the EPUB fixture, zips of fixture articles, a built
// EPUB) mutated with a seeded PRNG (byte flips, truncations, header and central-directory corruption,
// lying sizes), plus hand-made attacks (zip-slip names, hostile encodings, deep nesting, XXE) and bombs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32 as zlibCrc32, deflateRawSync, createDeflateRaw } from 'node:zlib'
import { crc32, makeZip, type ZipEntrySpec } from '../helpers/zip-writer'

const FIX = join(__dirname, '../fixtures/import')
const fx = (rel: string): Buffer => readFileSync(join(FIX, rel))

export interface HostileFile {
  name: string
  family: string
  bytes: Buffer
}

function builtEpub(extra: { opf?: string; container?: string; chapters?: ZipEntrySpec[] } = {}): Buffer {
  const container =
    extra.container ??
    `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`
  const opf =
    extra.opf ??
    `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>测试书</dc:title><dc:identifier id="id">x</dc:identifier><dc:language>zh</dc:language></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>`
  const chapter = (t: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${t}</title></head><body><h1>${t}</h1><p>${'华龙区扎实推进市域社会治理现代化工作。'.repeat(20)}</p></body></html>`
  return makeZip([
    { name: 'mimetype', data: 'application/epub+zip', method: 0 },
    { name: 'META-INF/container.xml', data: container },
    { name: 'OEBPS/content.opf', data: opf },
    ...(extra.chapters ?? [
      { name: 'OEBPS/c1.xhtml', data: chapter('第一章') },
      { name: 'OEBPS/c2.xhtml', data: chapter('第二章') }
    ])
  ])
}

export function baseArchives(): HostileFile[] {
  const articlesZip = makeZip([
    { name: '新闻/people.html', data: fx('news_html/gne__people__1.html') },
    { name: '新闻/sina.html', data: fx('news_html/gne__sina__5.html') },
    { name: 'txt/备考托福听力.txt', data: fx('news_txt/patrick233__testEdu__备考托福听力 选择合适材料与方法.txt') },
    { name: 'feeds/content.rss', data: fx('feeds/rss-parser__content-encoded.rss') },
    { name: 'wallabag.json', data: fx('readlater/wallabag__wallabag-v2-read.json') },
    { name: 'hualong.txt', data: fx('hualong-article.txt'), method: 0 }
  ])
  const nestedZip = makeZip([
    { name: 'outer.txt', data: fx('news_txt/patrick233__testFashion__维密超模何穗说：西裤搭毛衣才最时髦.txt') },
    { name: 'inner.zip', data: makeZip([{ name: 'inner.html', data: fx('news_html/gne__ifeng__1.html') }]), method: 0 },
    { name: 'gb.xml', data: fx('encodings/chardet__GB2312__cnblog.org.xml') }
  ])
  return [
    { name: 'fixture.epub', family: 'base', bytes: fx('epub/w3c__selectors-states.epub') },
    { name: 'articles.zip', family: 'base', bytes: articlesZip },
    { name: 'nested.zip', family: 'base', bytes: nestedZip },
    { name: 'built.epub', family: 'base', bytes: builtEpub() }
  ]
}

function signatures(buf: Buffer, sig: number): number[] {
  const out: number[] = []
  for (let i = 0; i + 4 <= buf.length; i++) if (buf.readUInt32LE(i) === sig) out.push(i)
  return out
}

const LOCAL = 0x04034b50
const CENTRAL = 0x02014b50
const EOCD = 0x06054b50

/** Seeded mutations of one base archive: `perBase` files across the mutation families. */
export function mutate(base: HostileFile, rand: () => number, perBase: number): HostileFile[] {
  const out: HostileFile[] = []
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const stem = base.name.replace(/\.(zip|epub)$/, '')
  const ext = base.name.endsWith('.epub') ? '.epub' : '.zip'
  const families = ['flip', 'truncate', 'local-header', 'central-directory', 'eocd', 'lying-size', 'splice'] as const
  for (let i = 0; i < perBase; i++) {
    const family = families[i % families.length] as (typeof families)[number]
    const b = Buffer.from(base.bytes)
    let bytes: Buffer = b
    if (family === 'flip') {
      const n = pick([1, 2, 8, 64, 512])
      for (let k = 0; k < n; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256)
    } else if (family === 'truncate') {
      bytes = b.subarray(0, Math.floor(rand() * b.length))
    } else if (family === 'local-header' || family === 'central-directory' || family === 'eocd') {
      const sig = family === 'local-header' ? LOCAL : family === 'central-directory' ? CENTRAL : EOCD
      const headerLen = family === 'local-header' ? 30 : family === 'central-directory' ? 46 : 22
      const at = signatures(b, sig)
      if (at.length > 0) {
        const start = pick(at)
        // Overwrite 1–3 fields of the header (signature excluded) with random or extreme values.
        for (let k = 0, n = 1 + Math.floor(rand() * 3); k < n; k++) {
          const off = start + 4 + Math.floor(rand() * (headerLen - 6))
          if (off + 2 <= b.length) b.writeUInt16LE(pick([0, 1, 0xffff, 0x7fff, Math.floor(rand() * 0x10000)]), off)
        }
      }
    } else if (family === 'lying-size') {
      const at = [...signatures(b, CENTRAL).map((s) => [s, 20, 24] as const), ...signatures(b, LOCAL).map((s) => [s, 18, 22] as const)]
      if (at.length > 0) {
        const [start, cOff, uOff] = pick(at)
        const field = rand() < 0.5 ? cOff : uOff
        if (start + field + 4 <= b.length) b.writeUInt32LE(pick([0, 1, 100, 0xffffffff, 0x7fffffff, Math.floor(rand() * 0xffffffff)]), start + field)
      }
    } else {
      // Splice: a random slice of the archive copied over another place (duplicated and shifted structures).
      const len = 1 + Math.floor(rand() * Math.min(4096, b.length / 2))
      const from = Math.floor(rand() * (b.length - len))
      const to = Math.floor(rand() * (b.length - len))
      b.copy(b, to, from, from + len)
    }
    out.push({ name: `${stem}-${family}-${i}${ext}`, family, bytes })
  }
  return out
}

/** Hand-made hostile archives that are not bombs (those are measured in a child, see bombs()). */
export function attacks(): HostileFile[] {
  const text = '这是一篇正常的文章。'.repeat(30)
  const slip = ['../../evil.txt', '../evil.txt', '/etc/evil.txt', 'C:/Windows/evil.txt', 'a\\..\\..\\evil.txt', 'ok/../../../evil.txt', 'ok/./../../evil.txt', '\\\\server\\share\\evil.txt']
  const files: HostileFile[] = slip.map((name, i) => ({
    name: `slip-${i}.zip`,
    family: 'zip-slip',
    bytes: makeZip([{ name, data: text }, { name: 'fine.txt', data: text + i }])
  }))
  const enc = (name: string | Buffer, flags = 0, data: string | Buffer = text): Buffer => makeZip([{ name, data, flags }])
  files.push(
    { name: 'names-gbk-no-flag.zip', family: 'encoding', bytes: enc(Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2e, 0x74, 0x78, 0x74])) },
    { name: 'names-bad-utf8-flagged.zip', family: 'encoding', bytes: enc(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x2e, 0x74, 0x78, 0x74]), 0x800) },
    { name: 'names-nul.zip', family: 'encoding', bytes: enc(Buffer.from('a\u0000b.txt')) },
    { name: 'names-control.zip', family: 'encoding', bytes: enc('a\u001b[31mred\u0007.txt') },
    { name: 'names-rtl.zip', family: 'encoding', bytes: enc('invoice\u202etxt.exe.txt') },
    { name: 'names-long.zip', family: 'encoding', bytes: enc('长'.repeat(2000) + '.txt') },
    { name: 'names-deep.zip', family: 'encoding', bytes: enc(Array.from({ length: 100 }, () => 'd').join('/') + '/x.txt') },
    { name: 'content-utf16-nobom.zip', family: 'encoding', bytes: enc('u16.txt', 0, Buffer.from(text, 'utf16le')) },
    { name: 'content-mixed-garbage.zip', family: 'encoding', bytes: enc('mixed.txt', 0, Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xc0]), Buffer.from(text, 'utf16le').swap16()])) },
    { name: 'content-binary.zip', family: 'encoding', bytes: enc('binary.txt', 0, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))) },
    { name: 'symlink.zip', family: 'special-entry', bytes: makeZip([{ name: 'link.txt', data: '/etc/passwd', unixMode: 0o120777 }, { name: 'ok.txt', data: text }]) },
    { name: 'fifo.zip', family: 'special-entry', bytes: makeZip([{ name: 'fifo.txt', data: text, unixMode: 0o010644 }]) },
    { name: 'encrypted.zip', family: 'special-entry', bytes: makeZip([{ name: 'secret.txt', data: text, flags: 0x1 }]) },
    { name: 'duplicate-names.zip', family: 'special-entry', bytes: makeZip([{ name: 'same.txt', data: text }, { name: 'same.txt', data: text + '2' }, { name: 'SAME.txt', data: text + '3' }]) },
    { name: 'empty.zip', family: 'special-entry', bytes: makeZip([]) },
    { name: 'stored-lying-size.zip', family: 'lying-size', bytes: makeZip([{ name: 'a.txt', data: text, method: 0, declaredSize: 3 }]) },
    { name: 'deflate-lying-size.zip', family: 'lying-size', bytes: makeZip([{ name: 'a.txt', data: text.repeat(20), declaredSize: 10 }]) }
  )
  // Deep nesting: archives in archives, and documents nested far beyond any DOM/JSON depth limit.
  let nested = makeZip([{ name: 'core.txt', data: text }])
  for (let d = 0; d < 8; d++) nested = makeZip([{ name: `level-${d}.zip`, data: nested, method: 0 }])
  files.push({ name: 'nested-8-levels.zip', family: 'deep-nesting', bytes: nested })
  files.push({ name: 'html-200k-divs.zip', family: 'deep-nesting', bytes: makeZip([{ name: 'deep.html', data: `<html><body>${'<div>'.repeat(200_000)}深${'</div>'.repeat(200_000)}</body></html>`, method: 0 }]) })
  files.push({ name: 'json-100k-arrays.zip', family: 'deep-nesting', bytes: makeZip([{ name: 'deep.json', data: '['.repeat(100_000) + ']'.repeat(100_000), method: 0 }]) })
  files.push({ name: 'md-deep-quotes.zip', family: 'deep-nesting', bytes: makeZip([{ name: 'deep.md', data: '# 标题\n\n' + '>'.repeat(50_000) + ' 引用', method: 0 }]) })
  // EPUB attacks: XXE, billion laughs, paths out of the book, missing pieces, script in chapters.
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`
  files.push(
    { name: 'epub-xxe.epub', family: 'epub', bytes: builtEpub({ container: `<?xml version="1.0"?><!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="&xxe;" media-type="application/oebps-package+xml"/></rootfiles></container>` }) },
    { name: 'epub-billion-laughs.epub', family: 'epub', bytes: builtEpub({ opf: `${laughs}<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol9;</dc:title></metadata><manifest/><spine/></package>` }) },
    { name: 'epub-opf-escape.epub', family: 'epub', bytes: builtEpub({ container: `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="../../../../etc/passwd" media-type="application/oebps-package+xml"/></rootfiles></container>` }) },
    { name: 'epub-href-escape.epub', family: 'epub', bytes: builtEpub({ opf: `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>x</dc:title></metadata><manifest><item id="a" href="../../../../../etc/passwd" media-type="application/xhtml+xml"/><item id="b" href="/etc/hostname" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>` }) },
    { name: 'epub-no-opf.epub', family: 'epub', bytes: makeZip([{ name: 'mimetype', data: 'application/epub+zip', method: 0 }, { name: 'META-INF/container.xml', data: '<container/>' }]) },
    { name: 'epub-script-chapter.epub', family: 'epub', bytes: builtEpub({ chapters: [{ name: 'OEBPS/c1.xhtml', data: `<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script><img src=x onerror=alert(1)/><p>${text}</p></body></html>` }, { name: 'OEBPS/c2.xhtml', data: '' }] }) },
    { name: 'rss-billion-laughs.zip', family: 'encoding', bytes: makeZip([{ name: 'feed.rss', data: `${laughs}<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>` }]) }
  )
  return files
}

/**
 * Amplification without compression: an EPUB of 1.6 KB whose spine lists its own 100 KB package document
 * 5,000 times (5,000 × 100 KB of "chapters"). Run in a child with a time budget, as it is CPU-bound.
 */
export function spineAmplification(): HostileFile {
  return {
    name: 'epub-self-spine-5000.epub',
    family: 'epub',
    bytes: builtEpub({
      opf: `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="a" href="content.opf" media-type="application/xhtml+xml"/></manifest><spine>${'<itemref idref="a"/>'.repeat(5000)}</spine></package>`
    })
  }
}

/** Deflates `size` zero bytes without holding them in memory. */
async function deflateZeros(size: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024)
  const z = createDeflateRaw({ level: 9 })
  const parts: Buffer[] = []
  z.on('data', (d: Buffer) => parts.push(d))
  const done = new Promise<void>((r) => z.on('end', () => r()))
  for (let left = size; left > 0; left -= chunk.length) {
    if (!z.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => z.once('drain', r))
  }
  z.end()
  await done
  return Buffer.concat(parts)
}

function crcOfZeros(size: number): number {
  const chunk = Buffer.alloc(1024 * 1024)
  let c = 0
  for (let left = size; left > 0; left -= chunk.length) c = zlibCrc32(left >= chunk.length ? chunk : chunk.subarray(0, left), c)
  return c
}

/** A raw zip from pre-compressed entries (for bombs whose data must not be built in memory). */
function rawZip(entries: { name: string; deflated: Buffer; size: number; crc: number; declared?: number }[], overlap = 0): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(e.crc, 14)
    local.writeUInt32LE(e.deflated.length, 18)
    local.writeUInt32LE(e.declared ?? e.size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(CENTRAL, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(e.crc, 16)
    central.writeUInt32LE(e.deflated.length, 20)
    central.writeUInt32LE(e.declared ?? e.size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    locals.push(local, name, e.deflated)
    offset += 30 + name.length + e.deflated.length
  }
  // Overlapping-entry bomb: `overlap` more central records all pointing at entry 0's local header and data.
  const first = entries[0]
  for (let i = 0; i < overlap && first; i++) {
    const name = Buffer.from(first.name)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(CENTRAL, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(first.crc, 16)
    central.writeUInt32LE(first.deflated.length, 20)
    central.writeUInt32LE(first.size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(0, 42)
    centrals.push(central, name)
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(EOCD, 0)
  end.writeUInt16LE(Math.min(0xffff, entries.length + overlap), 8)
  end.writeUInt16LE(Math.min(0xffff, entries.length + overlap), 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** Decompression bombs; each is imported in its own child process so its peak RSS can be measured. */
export async function bombs(): Promise<HostileFile[]> {
  const MB = 1024 * 1024
  const big = 512 * MB
  const kernel = await deflateZeros(big)
  const crcBig = crcOfZeros(big)
  const k40 = await deflateZeros(40 * MB)
  const crc40 = crcOfZeros(40 * MB)
  const small = deflateRawSync(Buffer.alloc(10 * MB))
  const crcSmall = crc32(Buffer.alloc(10 * MB))
  // 42.zip style: zips of zips, every leaf 10 MB of zeros.
  const leafZip = rawZip(Array.from({ length: 16 }, (_, i) => ({ name: `leaf-${i}.txt`, deflated: small, size: 10 * MB, crc: crcSmall })))
  const midZip = makeZip(Array.from({ length: 16 }, (_, i) => ({ name: `mid-${i}.zip`, data: leafZip, method: 0 as const })))
  const topZip = makeZip(Array.from({ length: 16 }, (_, i) => ({ name: `top-${i}.zip`, data: midZip, method: 0 as const })))
  return [
    { name: 'bomb-512mb-honest.zip', family: 'bomb', bytes: rawZip([{ name: 'zeros.txt', deflated: kernel, size: big, crc: crcBig }]) },
    { name: 'bomb-512mb-lying-size.zip', family: 'bomb', bytes: rawZip([{ name: 'zeros.txt', deflated: kernel, size: big, crc: crcBig, declared: 1000 }]) },
    { name: 'bomb-overlapping-40mb-x400.zip', family: 'bomb', bytes: rawZip([{ name: 'kernel.txt', deflated: k40, size: 40 * MB, crc: crc40 }], 400) },
    { name: 'bomb-many-40mb-entries.zip', family: 'bomb', bytes: rawZip(Array.from({ length: 60 }, (_, i) => ({ name: `z${i}.txt`, deflated: k40, size: 40 * MB, crc: crc40 }))) },
    { name: 'bomb-42-style-nested.zip', family: 'bomb', bytes: topZip },
    { name: 'bomb-30k-entries.zip', family: 'bomb', bytes: makeZip(Array.from({ length: 30_000 }, (_, i) => ({ name: `e${i}.txt`, data: 'x', method: 0 as const }))) }
  ]
}
