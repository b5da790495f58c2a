// Issue 13 finding 9: text from the library or from file names cannot drive the terminal. Escape sequences,
// C1 controls, bidi overrides and line breaks in titles, tags and file names are printed as visible
// escapes in text output; --json keeps the exact values (JSON-escaped).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { terminalSafe } from '../../../src/main/cli/io'
import { cli } from '../../helpers/cli'
import { tempDir } from '../../helpers/test-db'

const ESC = '\u001b'
const HOSTILE_TITLE = `Breaking${ESC}]0;owned${ESC}\\${ESC}[2J\u009b31m\u202enews\nforged line`
/** Anything a terminal would act on, or that reorders or splits what it shows. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

describe('cli text output', () => {
  const tmp = tempDir()
  const db = join(tmp.dir, 'lib.sqlite')
  const hostileName = join(tmp.dir, `report${ESC}[31m\u202etxt.exe.txt`)
  beforeAll(async () => {
    const json = join(tmp.dir, 'feed.json')
    writeFileSync(json, JSON.stringify([{ title: HOSTILE_TITLE, content: '第一段正文，說明終端機控制字元。', tags: [`tag${ESC}[8m`] }]))
    writeFileSync(hostileName, '這是一篇以檔名為標題的文章，正文在此。\n第二段。')
    const r = await cli(['--db', db, 'import', '--json', json, hostileName])
    expect(r.code).toBe(0)
  })
  afterAll(() => tmp.cleanup())

  it('escapes controls in list, show, search, tags and import lines; --json keeps the values', async () => {
    const outputs = [
      await cli(['--db', db, 'list']),
      await cli(['--db', db, 'show', '1']),
      await cli(['--db', db, 'search', 'news']),
      await cli(['--db', db, 'tags']),
      await cli(['--db', db, 'import', hostileName])
    ]
    const raw = outputs.filter((o) => RAW.test(o.stdout) || RAW.test(o.stderr)).length
    console.log(`terminal output: ${raw}/${outputs.length} text outputs carry a raw control character`)
    expect(raw).toBe(0)
    const list = outputs[0]!.stdout
    // One line per article: the title's line break did not forge a record.
    expect(list.trimEnd().split('\n')).toHaveLength(2)
    expect(list).toContain('\\u001b]0;owned')
    expect(list).toContain('\\u202e')
    const json = JSON.parse((await cli(['--db', db, 'list', '--json'])).stdout) as { title: string; tags: string[] }[]
    // The stored title keeps its characters; only the terminal rendering escapes them.
    expect(json.some((a) => a.title.includes(`${ESC}]0;owned`) && a.title.includes('\u202e'))).toBe(true)
    expect((await cli(['--db', db, 'list', '--json'])).stdout).not.toMatch(RAW)
  })

  it('keeps line breaks and tabs in an article body, escapes them in one-line fields', () => {
    expect(terminalSafe('a\tb\nc\u001b[0m', 'block')).toBe('a\tb\nc\\u001b[0m')
    expect(terminalSafe('a\tb\nc')).toBe('a\\u0009b\\u000ac')
    expect(terminalSafe('華龍區 plain')).toBe('華龍區 plain')
  })
})
