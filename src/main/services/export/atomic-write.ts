// Atomic file writes for exports (main process / CLI): write a temp file in the destination folder, fsync
// it, rename it over the target, then fsync the folder. A reader sees the old file or the whole new one,
// never a half-written file, and a failure leaves no temp file behind.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path).slice(0, 100)}.${randomBytes(6).toString('hex')}.tmp`)
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  let fd: number | null = openSync(temp, 'wx', 0o644)
  try {
    let offset = 0
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
    fsyncSync(fd)
    closeSync(fd)
    fd = null
    renameSync(temp, path)
  } catch (error) {
    if (fd !== null) closeSync(fd)
    try {
      unlinkSync(temp)
    } catch {
      // already gone (or never created)
    }
    throw error
  }
  syncDirectory(dir)
}

/** Makes the rename durable. Directories cannot be opened for fsync on Windows; there it is skipped. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return
  let fd: number | null = null
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // some file systems refuse fsync on directories; the file itself is already synced
  } finally {
    if (fd !== null) closeSync(fd)
  }
}
