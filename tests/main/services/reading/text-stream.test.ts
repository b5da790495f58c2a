// Streamed UTF-8 reading (issue 13): a JSON Lines line is refused as undecodable only when its bytes are
// not UTF-8, so a genuine U+FFFD (the replacement character written as text) imports like any other.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readLines, readUtf8Chunks } from '../../../../src/main/services/reading/text-stream'
import { collect, nonProgress, tempDir } from '../../../helpers/import'

describe('reading UTF-8 from the bytes', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it('a JSON Lines line with a real U+FFFD imports; only a line of invalid bytes is undecodable', async () => {
    const file = join(tmp.dir, 'fffd.jsonl')
    const good = (title: string, content: string): Buffer => Buffer.from(JSON.stringify({ title, content }) + '\n')
    writeFileSync(
      file,
      Buffer.concat([
        good('替换字符', '这篇文章里真有一个 \ufffd 字符，是原文的一部分。'),
        Buffer.concat([Buffer.from('{"title": "坏字节", "content": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]),
        good('第三篇', '第三篇的正文。')
      ])
    )
    const events = nonProgress(await collect([file]))
    const imported = events.flatMap((e) => (e.kind === 'file' ? e.articles : []))
    const failed = events.filter((e) => e.kind === 'failed')
    console.log(`U+FFFD line: ${imported.length} imported (${imported.map((a) => a.title).join(', ')}), ${failed.map((f) => `${f.file.slice(tmp.dir.length + 1)} ${f.kind === 'failed' ? f.code : ''}`).join(', ')}`)
    expect(imported.map((a) => a.title)).toEqual(['替换字符', '第三篇'])
    expect(imported[0]?.text).toContain('\ufffd')
    expect(failed).toEqual([expect.objectContaining({ file: `${file}#L2`, code: 'undecodable' })])
  })

  it('splits LF, CRLF and lone CR, also where a chunk ends between CR and LF', async () => {
    const file = join(tmp.dir, 'lines.txt')
    const first = 'a'.repeat(1024 * 1024 - 1) // its CR is the last byte of the first megabyte chunk
    writeFileSync(file, `${first}\r\nb\rc\nd`)
    const lines: { n: number; text: string | null }[] = []
    for await (const l of readLines(file)) lines.push({ n: l.n, text: l.text && l.text.length > 10 ? `${l.text.length} chars` : l.text })
    console.log(`line ends across a chunk boundary: ${JSON.stringify(lines)}`)
    expect(lines).toEqual([
      { n: 1, text: `${first.length} chars` },
      { n: 2, text: 'b' },
      { n: 3, text: 'c' },
      { n: 4, text: 'd' }
    ])
  })

  it('whole-file chunks: a character split between chunks decodes whole, invalid bytes are refused with their offset', async () => {
    const file = join(tmp.dir, 'split.json')
    const text = 'x'.repeat(1024 * 1024 - 1) + '中文'
    writeFileSync(file, '\ufeff' + text)
    let got = ''
    for await (const t of readUtf8Chunks(file)) got += t
    expect(got).toBe(text)
    const bad = join(tmp.dir, 'bad.json')
    writeFileSync(bad, Buffer.concat([Buffer.from('[1,'), Buffer.from([0xc3, 0x28]), Buffer.from(']')]))
    await expect(async () => {
      for await (const t of readUtf8Chunks(bad)) void t
    }).rejects.toMatchObject({ code: 'undecodable', message: expect.stringContaining('after byte 0') })
  })

  it('a line over the cap is skipped as it streams (never held) and refused with the limit; the lines around it import', async () => {
    const file = join(tmp.dir, 'long-line.jsonl')
    const record = (title: string): string => JSON.stringify({ title, content: `${title}的正文，一句完整的话。` })
    // 5 MB of one line against a record limit of 100,000 characters: a cap of 300,000 bytes.
    const huge = `{"title":"巨大","content":"${'a'.repeat(5 * 1024 * 1024)}"}`
    writeFileSync(file, `${record('第一篇')}\n${huge}\r\n${record('第三篇')}\n`)
    const held: number[] = []
    for await (const l of readLines(file, undefined, 300_000)) held.push(l.text?.length ?? -1)
    const events = nonProgress(await collect([file], { limits: { maxRecordChars: 100_000 } }))
    const imported = events.flatMap((e) => (e.kind === 'file' ? e.articles.map((a) => a.title) : []))
    const failed = events.flatMap((e) => (e.kind === 'failed' ? [{ file: e.file.slice(tmp.dir.length + 1), code: e.code, reason: e.reason }] : []))
    console.log(`over-long line: text lengths held per line ${JSON.stringify(held)}; imported ${imported.join(', ')}; refused ${JSON.stringify(failed)}`)
    expect(held).toEqual([expect.any(Number), -1, expect.any(Number)])
    expect(imported).toEqual(['第一篇', '第三篇'])
    expect(failed).toEqual([{ file: 'long-line.jsonl#L2', code: 'too-large', reason: expect.stringContaining('300,000-byte limit per record') }])
    expect(failed[0]?.reason).toContain(`${(Buffer.byteLength(huge) + 2).toLocaleString('en')} bytes`)
  })
})
