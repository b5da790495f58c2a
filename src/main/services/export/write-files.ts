// Writing a multi-file export into a folder (main process / CLI): every file atomically, names made safe
// and unique within the export (case-insensitively), and one policy for files already in the folder.
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ExportFile } from '@shared/anchoring/types'
import { AppError } from '@shared/result'
import { writeFileAtomic } from './atomic-write'
import { safeFileName, uniqueFileName } from './safe-file-name'

/**
 * What happens to a file of the same name already in the folder:
 * - 'overwrite': it is replaced whole (the CLI: a rerun refreshes its own output);
 * - 'unique': it is kept and the new file becomes "title (2).md" (a folder the user picked in a dialog);
 * - 'fail': nothing is written and the export fails with a 'conflict' error.
 */
export type ExistingFilePolicy = 'overwrite' | 'unique' | 'fail'

/** Writes `files` into `dir` (created if missing) and returns their paths, in order. */
export function writeExportFiles(
  dir: string,
  files: readonly Pick<ExportFile, 'fileName' | 'content'>[],
  policy: ExistingFilePolicy
): string[] {
  mkdirSync(dir, { recursive: true })
  const taken = new Set(policy === 'unique' ? readdirSync(dir).map((n) => n.toLowerCase()) : [])
  // A name is never trusted as a path: 255 bytes keeps names safeFileName already made (≤ 200) unchanged.
  const paths = files.map((f) => join(dir, uniqueFileName(safeFileName(f.fileName, { maxBytes: 255 }), taken)))
  if (policy === 'fail') {
    const existing = paths.filter((p) => existsSync(p))
    if (existing.length > 0) throw new AppError('conflict', `${existing.join(', ')} already exist(s)`)
  }
  files.forEach((f, i) => writeFileAtomic(paths[i] as string, f.content))
  return paths
}
