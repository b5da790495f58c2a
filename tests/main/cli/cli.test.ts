// The CLI on real fixture files and real SQLite files: import / list / show / tags / convert, the --json
// shapes other tools rely on, and exit codes 0 / 1 / 2.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, cliProcess } from '../../helpers/cli'
import { SAMPLES, tempDir } from '../../helpers/test-db'

describe('cli', () => {
  const tmp = tempDir()
  const db = join(tmp.dir, 'lib.sqlite')
  const hualong = join(SAMPLES, 'hualong-article.txt')
  afterAll(() => tmp.cleanup())

  let importedId = 0
  beforeAll(async () => {
    const r = await cli(['--db', db, 'import', '--json', hualong])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.duplicates).toEqual([])
    expect(report.failed).toEqual([])
    expect(report.imported).toHaveLength(1)
    expect(report.imported[0]).toMatchObject({ file: hualong, title: '華龍區扎實推進市域社會治理現代化工作側記' })
    importedId = report.imported[0].id
  })

  it('lists articles as JSON with the documented shape', async () => {
    const r = await cli(['--db', db, 'list', '--json'])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout)
    expect(list).toHaveLength(1)
    expect(Object.keys(list[0]).sort()).toEqual(
      ['author', 'editor', 'id', 'importedAt', 'proofreadFindings', 'publishedAt', 'source', 'tags', 'title'].sort()
    )
    // Open proofreading findings of the machine-converted seed (issue 14): counted, never zero for it.
    expect(list[0].proofreadFindings).toBeGreaterThan(0)
    expect(list[0]).toMatchObject({ id: importedId, source: '天天快報', editor: '劉循源', author: '全媒體記者 張洪中 通訊員 劉麗萍' })
  })

  it('shows one article with cleaned text and the verbatim original', async () => {
    const r = await cli(['--db', db, 'show', String(importedId), '--json'])
    expect(r.code).toBe(0)
    const a = JSON.parse(r.stdout)
    const { readFileSync } = await import('node:fs')
    expect(a.rawText).toBe(readFileSync(hualong, 'utf8'))
    expect(a.text).toContain('華龍區作為我市主城區')
    expect(a.text).not.toMatch(/\((?:qū|xiàn|chuàng)\)/)
    expect(a.text).not.toContain('【資料圖】')
  })

  it('converts an article for display without changing what is stored', async () => {
    const r = await cli(['--db', db, 'show', String(importedId), '--json', '--script', 'cn'])
    const a = JSON.parse(r.stdout)
    expect(a.title).toContain('华龙区')
    expect(a.text).toContain('华龙区作为我市主城区')
    const again = JSON.parse((await cli(['--db', db, 'show', String(importedId), '--json'])).stdout)
    expect(again.text).toContain('華龍區作為我市主城區')
  })

  it('skips a duplicate import (same article, other script) and says so', async () => {
    const simplified = join(tmp.dir, 'hualong-simplified.txt')
    const converted = await cli(['convert', '--to', 'cn', '--from', 't'], (await import('node:fs')).readFileSync(hualong, 'utf8'))
    expect(converted.code).toBe(0)
    writeFileSync(simplified, converted.stdout)
    const r = await cli(['--db', db, 'import', '--json', simplified])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.imported).toEqual([])
    expect(report.duplicates).toEqual([{ file: simplified, duplicateOf: importedId }])
  })

  it('exits 1 when some inputs failed, after importing the rest', async () => {
    const good = join(SAMPLES, '维密超模何穗说：西裤搭毛衣才最时髦.txt')
    const missing = join(tmp.dir, 'does-not-exist.txt')
    const empty = join(tmp.dir, 'empty.txt')
    writeFileSync(empty, '')
    const r = await cli(['--db', db, 'import', '--json', good, missing, empty])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.imported.map((i: { file: string }) => i.file)).toEqual([good])
    expect(report.failed.map((f: { file: string }) => f.file).sort()).toEqual([empty, missing].sort())
    for (const f of report.failed) expect(f.reason.length).toBeGreaterThan(3)
    // Progress names the file being read, counting from 1 as the app does (it printed "0 files" before).
    const progress = [...r.stderr.matchAll(/^importing file (\d+):/gm)].map((m) => Number(m[1]))
    expect(progress.length).toBeGreaterThan(0)
    expect(Math.min(...progress)).toBe(1)
  })

  it('searches in any script and prints [{id, title, snippet, score}]', async () => {
    for (const q of ['华龙区', '華龍區', '華龍区', '治理', '治']) {
      const r = await cli(['--db', db, 'search', q, '--json'])
      expect(r.code, q).toBe(0)
      const hits = JSON.parse(r.stdout)
      expect(hits.map((h: { id: number }) => h.id), q).toContain(importedId)
      expect(Object.keys(hits[0]).sort()).toEqual(['id', 'score', 'snippet', 'title'])
      expect(hits[0].snippet).toMatch(/\uE000.+\uE001/)
    }
    expect(JSON.parse((await cli(['--db', db, 'search', '不存在的词语组合', '--json'])).stdout)).toEqual([])
  })

  it('checks the library (integrity, foreign keys, search index)', async () => {
    const r = await cli(['--db', db, 'check', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeyViolations: 0, searchIndex: { ok: true } })
  })

  it('lists tags as JSON', async () => {
    const r = await cli(['--db', db, 'tags', '--json'])
    expect(r.code).toBe(0)
    expect(Array.isArray(JSON.parse(r.stdout))).toBe(true)
  })

  it('exits 2 with one line on stderr for usage errors, without creating a database', async () => {
    const fresh = join(tmp.dir, 'never.sqlite')
    for (const args of [
      ['--db', fresh],
      ['--db', fresh, 'frobnicate'],
      ['--db', fresh, 'import'],
      ['--db', fresh, 'show', 'abc'],
      ['--db', fresh, 'show', '1', '--script', 'klingon'],
      ['--db', fresh, 'list', '--bogus'],
      ['convert', '--to', 'xx'],
      ['--db', fresh, 'search'],
      ['--db', fresh, 'search', 'x', '--limit', '0'],
      ['--nope']
    ]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
    expect(existsSync(fresh)).toBe(false)
  })

  it('prints the help, built from every command, with the formats import reads', async () => {
    const r = await cli(['--help'])
    expect(r.code).toBe(0)
    for (const command of ['import', 'list', 'show', 'tags', 'search', 'check', 'reindex', 'convert', 'export-notes', 'export-articles', 'backup', 'restore']) {
      expect(r.stdout, command).toMatch(new RegExp(`^  ${command} `, 'm'))
    }
    expect(r.stdout).toContain('original|cn|t|tw|twp|hk|jp')
    expect(r.stdout).toMatch(/EPUB \(\.epub\)/)
  })

  it('works as a real process: exit codes and stdout', () => {
    const list = cliProcess(['--db', db, 'list', '--json'])
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout).length).toBeGreaterThanOrEqual(2)
    const usage = cliProcess(['--db', db, 'wat'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/unknown command wat/)
    const convert = cliProcess(['convert', '--to', 'tw'], '软件和鼠标')
    expect(convert.code).toBe(0)
    expect(convert.stdout).toContain('軟')
  })
})
