// readSources over folders and zips, including hostile archives generated here at run time:
// corrupt/truncated zips, zip-slip names, bombs (count, total, ratio), nesting, bad files among good ones.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, parseFile } from '../../../../src/main/services/formats'
import type { SourceEvent } from '../../../../src/main/services/import-pipeline/sources'
import { readZip } from '../../../../src/main/services/reading/zip'
import { collect, fixture, nonProgress, tempDir, thrown } from '../../../helpers/import'
import { makeZip } from '../../../helpers/zip-writer'

let t: ReturnType<typeof tempDir>
beforeEach(() => {
  t = tempDir()
})
afterEach(() => t.cleanup())

const HUALONG = fixture('hualong-article.txt')
const GOOD_TXT = fixture('news_txt/patrick233__testEdu__带中国处方药赴美小心触法 仅限三月内自用药量.txt')

function write(name: string, data: Buffer | string): string {
  const p = join(t.dir, name)
  mkdirSync(join(p, '..'), { recursive: true })
  writeFileSync(p, data)
  return p
}

function summary(events: SourceEvent[]): Array<[string, string, string?]> {
  return nonProgress(events).map((e) => (e.kind === 'failed' ? [e.kind, e.file.replace(t.dir, '~'), e.code] : [e.kind, e.file.replace(t.dir, '~')]))
}

describe('folders', () => {
  it('walks recursively in sorted order, skips dotfiles, and reports the one bad file among good ones', async () => {
    write('b/2.txt', GOOD_TXT)
    write('a.txt', HUALONG)
    write('b/1-bad.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))
    write('b/.DS_Store', 'junk')
    write('.hidden/x.txt', HUALONG)
    write('c/empty.txt', '')
    write('c/feed.opml', fixture('feeds/liferea__feedlist.opml'))
    const events = await collect([t.dir])
    expect(summary(events)).toEqual([
      ['file', '~/a.txt'],
      ['failed', '~/b/1-bad.txt', 'binary'],
      ['file', '~/b/2.txt'],
      ['failed', '~/c/empty.txt', 'empty'],
      ['file', '~/c/feed.opml']
    ])
    // A file of links is not a failure: it arrives with its links (issue 11), no articles.
    const opml = events.find((e) => e.kind === 'file' && e.file.endsWith('feed.opml'))
    expect(opml?.kind === 'file' && [opml.articles.length, opml.items?.links.length]).toEqual([0, 10])
    const first = events.find((e) => e.kind === 'file')
    expect(first?.kind === 'file' && first.articles[0]!.title).toBe('華龍區扎實推進市域社會治理現代化工作側記')
    const progress = events.filter((e) => e.kind === 'progress')
    expect(progress).toHaveLength(5)
    expect(progress.at(-1)).toEqual({ kind: 'progress', filesDone: 5, bytesDone: progress.at(-1)!.bytesTotal, bytesTotal: expect.any(Number) })
  })

  it('survives symlink loops and missing paths', async () => {
    write('d/a.txt', HUALONG)
    symlinkSync(join(t.dir, 'd'), join(t.dir, 'd', 'loop'))
    const events = await collect([join(t.dir, 'd'), join(t.dir, 'missing.txt')])
    expect(summary(events)).toEqual([
      ['failed', '~/missing.txt', 'not-found'],
      ['file', '~/d/a.txt']
    ])
  })

  it('stays inside the chosen folder: links out of it are skipped and listed, links within it followed', async () => {
    write('chosen/a.txt', HUALONG)
    write('elsewhere/secret.txt', GOOD_TXT)
    write('elsewhere/deep/more.txt', GOOD_TXT)
    symlinkSync('/etc/passwd', join(t.dir, 'chosen', 'passwd.txt'))
    symlinkSync(join(t.dir, 'elsewhere'), join(t.dir, 'chosen', 'out'))
    symlinkSync(join(t.dir, 'chosen', 'a.txt'), join(t.dir, 'chosen', 'same.txt'))
    const events = await collect([join(t.dir, 'chosen')])
    const skipped = nonProgress(events).filter((e) => e.kind === 'failed' && e.code === 'unsafe-path')
    console.log(`folder links: 3 links, ${skipped.length} leading out of the folder skipped and listed, ${nonProgress(events).filter((e) => e.kind === 'file').length} files read`)
    expect(summary(events)).toEqual([
      ['failed', '~/chosen/out', 'unsafe-path'],
      ['failed', '~/chosen/passwd.txt', 'unsafe-path'],
      ['file', '~/chosen/a.txt'],
      ['file', '~/chosen/same.txt']
    ])
    expect(skipped.every((e) => e.kind === 'failed' && /outside the chosen folder/.test(e.reason))).toBe(true)
    // A link the user chose itself is the user's choice: it is followed.
    expect(summary(await collect([join(t.dir, 'chosen', 'out')]))).toEqual([
      ['file', '~/chosen/out/deep/more.txt'],
      ['file', '~/chosen/out/secret.txt']
    ])
  })

  it('huge files → too-large with the limit named, without reading them', async () => {
    const p = write('big.txt', Buffer.alloc(2048, 0x41))
    const events = await collect([p], { limits: { maxFileBytes: 1024 } })
    expect(nonProgress(events)).toEqual([{ kind: 'failed', file: p, code: 'too-large', params: { sizeBytes: 2048, limitBytes: 1024 }, reason: '2048 bytes, larger than the 1024-byte limit per file' }])
    expect(thrown(() => parseFile('big.txt', Buffer.alloc(2048, 0x41), { maxFileBytes: 1024 }))).toMatchObject({ code: 'too-large', message: expect.stringContaining('1024-byte limit') })
  })

  it('stops promptly when aborted', async () => {
    for (let i = 0; i < 20; i++) write(`many/${String(i).padStart(2, '0')}.txt`, HUALONG)
    const ac = new AbortController()
    const seen: SourceEvent[] = []
    for await (const e of (await import('../../../../src/main/services/import-pipeline/sources')).readSources([join(t.dir, 'many')], { signal: ac.signal })) {
      seen.push(e)
      if (seen.filter((x) => x.kind === 'file').length === 3) ac.abort()
    }
    expect(seen.filter((x) => x.kind === 'file')).toHaveLength(3)
  })
})

describe('zip archives', () => {
  it('imports entries as archive.zip!inner/path, nested zips as a.zip!b.zip!c.txt, and reports one bad entry', async () => {
    const inner = makeZip([{ name: 'c.txt', data: HUALONG }])
    const p = write('a.zip', makeZip([
      { name: 'docs/good.txt', data: GOOD_TXT },
      { name: 'docs/bad.txt', data: Buffer.from([0xff, 0x80, 0x9d, 0x41, 0xfe, 0x85, 0xff, 0x80, 0x9d, 0x41]) },
      { name: 'b.zip', data: inner, method: 0 },
      { name: '__MACOSX/._good.txt', data: 'resource fork' },
      { name: 'docs/', data: '' }
    ]))
    const events = await collect([p])
    expect(summary(events)).toEqual([
      ['file', '~/a.zip!docs/good.txt'],
      ['failed', '~/a.zip!docs/bad.txt', 'undecodable'],
      ['file', '~/a.zip!b.zip!c.txt']
    ])
    const nested = events.find((e) => e.kind === 'file' && e.file.endsWith('!c.txt'))
    expect(nested?.kind === 'file' && nested.articles[0]!.rawText).toBe(HUALONG.toString('utf8'))
  })

  it('zip-slip names are reported as unsafe-path and skipped; the rest imports', async () => {
    const p = write('slip.zip', makeZip([
      { name: '../../etc/evil.txt', data: HUALONG },
      { name: '/abs/evil.txt', data: HUALONG },
      { name: 'C:/windows/evil.txt', data: HUALONG },
      { name: 'dir\\..\\evil.txt', data: HUALONG },
      { name: 'link.txt', data: '/etc/passwd', unixMode: 0o120777 },
      { name: 'ok.txt', data: HUALONG }
    ]))
    const events = nonProgress(await collect([p]))
    expect(events.map((e) => [e.kind, e.file.replace(t.dir, '~'), e.kind === 'failed' ? e.code : ''])).toEqual([
      ['failed', '~/slip.zip!../../etc/evil.txt', 'unsafe-path'],
      ['failed', '~/slip.zip!/abs/evil.txt', 'unsafe-path'],
      ['failed', '~/slip.zip!C:/windows/evil.txt', 'unsafe-path'],
      ['failed', '~/slip.zip!dir\\..\\evil.txt', 'unsafe-path'],
      ['failed', '~/slip.zip!link.txt', 'unsafe-path'],
      ['file', '~/slip.zip!ok.txt', '']
    ])
  })

  it('GBK-encoded entry names from Chinese Windows zips decode correctly', async () => {
    const iconv = (await import('iconv-lite')).default
    const p = write('gbk.zip', makeZip([{ name: iconv.encode('新闻/华龙区.txt', 'gbk'), data: HUALONG }]))
    expect(summary(await collect([p]))).toEqual([['file', '~/gbk.zip!新闻/华龙区.txt']])
  })

  it('corrupt: not a zip at all, truncated, damaged entry data, encrypted entries', async () => {
    const good = makeZip([{ name: 'a.txt', data: HUALONG }, { name: 'b.txt', data: GOOD_TXT }])
    const notZip = write('fake.zip', 'this is not a zip file at all, just text')
    const truncated = write('truncated.zip', good.subarray(0, Math.floor(good.length * 0.6)))
    // Flip bytes inside a.txt's deflate stream: that entry fails, b.txt still imports.
    const damaged = Buffer.from(good)
    for (let i = 60; i < 90; i++) damaged[i] = 0xff
    const damagedPath = write('damaged.zip', damaged)
    const encrypted = write('enc.zip', makeZip([{ name: 'secret.txt', data: HUALONG, flags: 0x1 }, { name: 'open.txt', data: HUALONG }]))
    const events = await collect([notZip, truncated, damagedPath, encrypted])
    const s = nonProgress(events).map((e) => [e.file.replace(t.dir, '~'), e.kind === 'failed' ? e.code : 'ok', e.kind === 'failed' ? e.reason : ''])
    expect(s).toEqual([
      ['~/fake.zip', 'corrupt', expect.stringContaining('not a readable zip archive')],
      ['~/truncated.zip', 'corrupt', expect.stringContaining('not a readable zip archive')],
      ['~/damaged.zip!a.txt', 'corrupt', expect.stringContaining('damaged')],
      ['~/damaged.zip!b.txt', 'ok', ''],
      ['~/enc.zip!secret.txt', 'corrupt', expect.stringContaining('encrypted')],
      ['~/enc.zip!open.txt', 'ok', '']
    ])
  })

  it('a damaged central directory fails the whole archive with a clear error', async () => {
    const good = makeZip([{ name: 'a.txt', data: HUALONG }, { name: 'b.txt', data: GOOD_TXT }])
    const cdStart = good.readUInt32LE(good.length - 6)
    const bad = Buffer.from(good)
    bad.writeUInt32LE(0xdeadbeef, cdStart + 46 + 'a.txt'.length) // second central header's signature
    const p = write('cd.zip', bad)
    const events = nonProgress(await collect([p]))
    expect(events.at(-1)).toMatchObject({ kind: 'failed', file: p, code: 'corrupt', reason: expect.stringContaining('central directory') })
  })

  it('small entries (read whole) and large ones (streamed) give back their exact bytes, and the file is released', async () => {
    // Over FAST_ENTRY_BYTES (1 MiB) compressed, an entry takes yauzl's streaming path; smaller ones one read.
    const noise = randomBytes(1_600_000)
    const entries = [
      { name: 'big-stored.bin', data: noise, method: 0 as const },
      { name: 'big-deflated.bin', data: Buffer.concat([noise, noise.subarray(0, 1000)]) },
      ...Array.from({ length: 300 }, (_, i) => ({ name: `small/${i}.txt`, data: `第${i}篇\n${HUALONG.slice(0, 500 + i)}`, method: (i % 2 ? 0 : 8) as 0 | 8 }))
    ]
    const p = write('mixed.zip', makeZip(entries))
    const fds = (): number => (process.platform === 'linux' ? readdirSync('/proc/self/fd').length : 0)
    const before = fds()
    const got = new Map<string, Buffer>()
    for await (const item of readZip({ path: p }, DEFAULT_LIMITS)) if (item.kind === 'entry') got.set(item.name, item.bytes)
    expect(got.size).toBe(entries.length)
    for (const e of entries) expect(got.get(e.name)?.equals(Buffer.from(e.data)), e.name).toBe(true)
    // The same from a buffer (a nested zip), and stopping half-way still releases the file.
    const fromBuffer = new Map<string, Buffer>()
    for await (const item of readZip({ buffer: readFileSync(p) }, DEFAULT_LIMITS)) if (item.kind === 'entry') fromBuffer.set(item.name, item.bytes)
    expect([...fromBuffer.keys()]).toEqual([...got.keys()])
    for await (const item of readZip({ path: p }, DEFAULT_LIMITS)) if (item.name === 'small/3.txt') break
    await new Promise((r) => setTimeout(r, 50))
    expect(fds()).toBe(before)
  })

  it('empty entries → empty', async () => {
    const p = write('e.zip', makeZip([{ name: 'zero.txt', data: '' }, { name: 'ok.txt', data: HUALONG }]))
    expect(summary(await collect([p]))).toEqual([['failed', '~/e.zip!zero.txt', 'empty'], ['file', '~/e.zip!ok.txt']])
  })
})

describe('zip bombs and limits', () => {
  it('too many entries → the whole archive is refused before reading', async () => {
    const p = write('many.zip', makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `${i}.txt`, data: HUALONG }))))
    const events = nonProgress(await collect([p], { limits: { maxZipEntries: 20 } }))
    expect(events).toEqual([{ kind: 'failed', file: p, code: 'zip-bomb', reason: 'archive has 30 entries, more than the 20-entry limit' }])
  })

  it('an entry with a huge compression ratio is skipped (header check), the rest imports', async () => {
    const p = write('ratio.zip', makeZip([{ name: 'bomb.txt', data: Buffer.alloc(20 * 1024 * 1024, 0x41) }, { name: 'ok.txt', data: HUALONG }]))
    expect(summary(await collect([p]))).toEqual([['failed', '~/ratio.zip!bomb.txt', 'zip-bomb'], ['file', '~/ratio.zip!ok.txt']])
  })

  it('an entry that expands beyond its declared size is stopped while streaming', async () => {
    const p = write('liar.zip', makeZip([{ name: 'liar.txt', data: Buffer.alloc(5 * 1024 * 1024, 0x41), declaredSize: 50_000 }]))
    const events = nonProgress(await collect([p]))
    expect(events).toEqual([{ kind: 'failed', file: `${p}!liar.txt`, code: 'zip-bomb', reason: expect.stringContaining('expands beyond its declared size (50000 bytes)') }])
  })

  it('a large streamed entry that expands beyond its declared size is stopped too', async () => {
    // Random bytes do not compress: 1.5 MB deflated is over the 1 MiB fast-path bound, so this one streams.
    const p = write('big-liar.zip', makeZip([{ name: 'liar.bin', data: randomBytes(1_500_000), declaredSize: 1_200_000 }]))
    const events = nonProgress(await collect([p]))
    expect(events).toEqual([{ kind: 'failed', file: `${p}!liar.bin`, code: 'zip-bomb', reason: expect.stringContaining('expands beyond its declared size (1200000 bytes)') }])
  })

  it('total uncompressed size over the budget stops the archive (nested zips share the budget)', async () => {
    // 6.6 KB per text entry, plus the inner zip's own bytes: a + inner.zip + x1 + x2 ≈ 26 KB fit in 30 KB, z.txt does not.
    const entry = Buffer.from(HUALONG)
    const inner = makeZip([{ name: 'x1.txt', data: entry }, { name: 'x2.txt', data: entry }])
    const p = write('total.zip', makeZip([{ name: 'a.txt', data: entry }, { name: 'inner.zip', data: inner, method: 0 }, { name: 'z.txt', data: entry }]))
    const events = nonProgress(await collect([p], { limits: { maxZipTotalBytes: 30_000 } }))
    expect(events.map((e) => [e.kind, e.file.replace(t.dir, '~'), e.kind === 'failed' ? e.reason : ''])).toEqual([
      ['file', '~/total.zip!a.txt', ''],
      ['file', '~/total.zip!inner.zip!x1.txt', ''],
      ['file', '~/total.zip!inner.zip!x2.txt', ''],
      ['failed', '~/total.zip', 'archive expands beyond the 30000-byte total limit']
    ])
    // With a smaller budget the nested archive itself is cut off, then the outer one.
    const small = nonProgress(await collect([p], { limits: { maxZipTotalBytes: 16_000 } }))
    expect(small.map((e) => [e.kind, e.file.replace(t.dir, '~'), e.kind === 'failed' ? e.code : ''])).toEqual([
      ['file', '~/total.zip!a.txt', ''],
      ['failed', '~/total.zip!inner.zip', 'zip-bomb'],
      ['failed', '~/total.zip', 'zip-bomb']
    ])
  })

  it('archives nested deeper than maxNesting are refused', async () => {
    let z = makeZip([{ name: 'deep.txt', data: HUALONG }])
    for (let i = 0; i < 4; i++) z = makeZip([{ name: `level${i}.zip`, data: z, method: 0 }])
    const p = write('nest.zip', z)
    const events = nonProgress(await collect([p], { limits: { maxNesting: 3 } }))
    expect(events).toEqual([
      { kind: 'failed', file: `${p}!level3.zip!level2.zip!level1.zip`, code: 'too-deep', params: { levels: 3, what: 'archive' }, reason: 'archive nested more than 3 levels deep' }
    ])
  })

  it('an entry over the per-file limit → too-large', async () => {
    const p = write('large.zip', makeZip([{ name: 'big.txt', data: Buffer.alloc(4096, 0x41), method: 0 }]))
    const events = nonProgress(await collect([p], { limits: { maxFileBytes: 1024 } }))
    expect(events).toEqual([{ kind: 'failed', file: `${p}!big.txt`, code: 'too-large', reason: expect.stringContaining('1024-byte limit') }])
  })
})

describe('JSON Lines streaming', () => {
  it('imports every good record and reports each broken line by number', async () => {
    const lines = [
      JSON.stringify({ title: '第一篇', content: '第一篇的正文，讲述基层治理。' }),
      '{"title": "坏的一行", "content": ',
      '',
      JSON.stringify({ title: '第三篇', content: '第三篇的正文，讲述经济发展。' })
    ]
    const file = write('feed.jsonl', lines.join('\n') + '\n')
    const events = nonProgress(await collect([file]))
    const imported = events.flatMap((e) => (e.kind === 'file' ? e.articles.map((a) => a.title) : []))
    expect(imported).toEqual(['第一篇', '第三篇'])
    const failures = events.filter((e) => e.kind === 'failed')
    expect(failures).toEqual([expect.objectContaining({ file: `${file}#L2`, code: 'parse-error' })])
  })

  it('reads \\r\\n and lone \\r line ends, and numbers broken lines the same way', async () => {
    const good = (i: number) => JSON.stringify({ title: `第${i}篇`, content: `第${i}篇的正文。`.repeat(3) })
    for (const [name, eol] of [['crlf.jsonl', '\r\n'], ['cr.jsonl', '\r']] as const) {
      const file = write(name, [good(1), '{"title": "坏', good(3), good(4)].join(eol) + eol)
      const events = nonProgress(await collect([file]))
      expect(events.flatMap((e) => (e.kind === 'file' ? e.articles.map((a) => a.title) : [])), name).toEqual(['第1篇', '第3篇', '第4篇'])
      expect(events.filter((e) => e.kind === 'failed').map((e) => e.file)).toEqual([`${file}#L2`])
    }
  })

  it('streams a large file in chunks, each record whole', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ title: `文章${i}`, content: `正文${i}：`.repeat(20) }))
    const file = write('big.jsonl', rows.join('\n'))
    const events = nonProgress(await collect([file]))
    const chunks = events.filter((e) => e.kind === 'file')
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.flatMap((e) => (e.kind === 'file' ? e.articles : [])).map((a) => a.rawText)).toEqual(rows)
  })
})

describe('empty archives', () => {
  it('reports an empty zip by name instead of saying nothing', async () => {
    const file = write('empty.zip', makeZip([]))
    const events = nonProgress(await collect([file]))
    expect(events).toEqual([expect.objectContaining({ kind: 'failed', file, code: 'empty' })])
  })
})
