// writeExportFiles: the one way a multi-file export lands in a folder, with each existing-file policy the
// hosts use (the CLI overwrites its own output, a folder picked in a dialog keeps what is there).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/result'
import { writeExportFiles } from '../../../../src/main/services/export/write-files'

describe('writeExportFiles', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-write-files-'))
    writeFileSync(join(dir, '標題.md'), 'old')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const files = [
    { fileName: '標題.md', content: 'one' },
    { fileName: '標題.MD', content: 'two' }
  ]

  it("'overwrite' replaces a file of the same name and numbers duplicates within the export", () => {
    const paths = writeExportFiles(dir, files, 'overwrite')
    expect(paths).toEqual([join(dir, '標題.md'), join(dir, '標題 (2).MD')])
    expect(readFileSync(join(dir, '標題.md'), 'utf8')).toBe('one')
    expect(readdirSync(dir).sort()).toEqual(['標題 (2).MD', '標題.md'])
  })

  it("'unique' keeps what is in the folder and numbers the new files", () => {
    const paths = writeExportFiles(dir, files, 'unique')
    expect(paths).toEqual([join(dir, '標題 (2).md'), join(dir, '標題 (3).MD')])
    expect(readFileSync(join(dir, '標題.md'), 'utf8')).toBe('old')
  })

  it("'fail' writes nothing when a name is taken", () => {
    expect(() => writeExportFiles(dir, [{ fileName: 'new.md', content: 'x' }, ...files], 'fail')).toThrow(AppError)
    expect(readdirSync(dir)).toEqual(['標題.md'])
    expect(writeExportFiles(dir, [{ fileName: 'new.md', content: 'x' }], 'fail')).toEqual([join(dir, 'new.md')])
  })

  it('creates the folder and never writes outside it', () => {
    const target = join(dir, 'out', 'nested')
    expect(writeExportFiles(target, [{ fileName: '../../escape.md', content: 'x' }], 'overwrite')).toEqual([join(target, '_.._escape.md')])
    expect(readdirSync(dir).sort()).toEqual(['out', '標題.md'])
  })
})
