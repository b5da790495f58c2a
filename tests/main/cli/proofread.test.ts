// `cli proofread ID [--json]` on the seed article: offsets into the cleaned text `show --json` prints, the
// seed's half-width punctuation found, exit codes 0 / 1 / 2.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { SAMPLES, tempDir } from '../../helpers/test-db'

describe('cli proofread', () => {
  const tmp = tempDir()
  const db = join(tmp.dir, 'lib.sqlite')
  let id = 0
  afterAll(() => tmp.cleanup())
  beforeAll(async () => {
    const r = await cli(['--db', db, 'import', '--json', join(SAMPLES, 'hualong-article.txt')])
    id = JSON.parse(r.stdout).imported[0].id
  }, 60_000)

  it('prints findings whose offsets point into the text show --json prints', async () => {
    const text: string = JSON.parse((await cli(['--db', db, 'show', String(id), '--json'])).stdout).text
    const r = await cli(['--db', db, 'proofread', String(id), '--json'])
    expect(r.code).toBe(0)
    const findings = JSON.parse(r.stdout) as { kind: string; start: number; end: number; text: string; suggestion: string; message: string }[]
    expect(findings.length).toBeGreaterThan(50)
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['end', 'kind', 'message', 'start', 'suggestion', 'text'])
      expect(text.slice(f.start, f.end)).toBe(f.text)
    }
    const commas = findings.filter((f) => f.kind === 'punctuation' && f.text === ',')
    expect(commas.length).toBeGreaterThan(20)
    expect(commas.every((f) => f.suggestion === '，')).toBe(true)
    // The article's own script (Traditional) is the standard: clean Traditional words are not flagged.
    expect(findings.some((f) => f.kind === 'mixed-script')).toBe(false)
  }, 60_000)

  it('narrows to the kinds asked for and prints plain lines without --json', async () => {
    const r = await cli(['--db', db, 'proofread', String(id), '--kind', 'spacing'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\d+ findings?, standard t/)
    for (const line of r.stdout.trim().split('\n').slice(1)) expect(line).toMatch(/^\d+-\d+\tspacing\t/)
  }, 60_000)

  it('writes the report as md and csv with --report --out, and list --json counts open findings', async () => {
    const findings = JSON.parse((await cli(['--db', db, 'proofread', String(id), '--json'])).stdout) as unknown[]
    const listed = () => cli(['--db', db, 'list', '--json']).then((r) => JSON.parse(r.stdout) as { id: number; proofreadFindings: number }[])
    const before = (await listed()).find((a) => a.id === id)
    expect(before?.proofreadFindings).toBe(findings.length)
    for (const format of ['md', 'csv']) {
      const out = join(tmp.dir, `report.${format}`)
      const r = await cli(['--db', db, 'proofread', String(id), '--report', format, '--out', out])
      expect(r.code).toBe(0)
      const content = readFileSync(out, 'utf8')
      const rows = format === 'csv' ? content.trimEnd().split('\r\n').length - 1 : content.split('\n').filter((l) => /^\| [a-z-]+ \| [a-z.-]+ \| \d/.test(l)).length
      console.log(`proofread --report ${format}: ${rows} rows for ${findings.length} findings`)
      expect(rows).toBe(findings.length)
    }
    expect((await cli(['--db', db, 'proofread', String(id), '--report', 'pdf', '--out', 'x'])).code).toBe(2)
    expect((await cli(['--db', db, 'proofread', String(id), '--report', 'md'])).code).toBe(2)
    expect((await cli(['--db', db, 'proofread', String(id), '--report', 'md', '--out', 'x', '--json'])).code).toBe(2)
    // Every other field of list --json is unchanged.
    expect(Object.keys(before ?? {}).sort()).toEqual(['author', 'editor', 'id', 'importedAt', 'proofreadFindings', 'publishedAt', 'source', 'tags', 'title'])
  }, 60_000)

  it('exits 1 for a missing article and 2 for bad arguments', async () => {
    expect((await cli(['--db', db, 'proofread', '999999'])).code).toBe(1)
    expect((await cli(['--db', db, 'proofread', String(id), '--kind', 'grammar'])).code).toBe(2)
    expect((await cli(['--db', db, 'proofread', String(id), '--standard', 'xx'])).code).toBe(2)
  })
})
