// Library backups (main process and CLI): online copies made with SQLite's backup API through the one
// writer connection (never a file copy of a live database), written under a temporary name, checked, then
// renamed into place, so a backup file at its final name is always complete and valid.
// Restore runs while the library is closed: the caller closes the database, calls restoreBackup, reopens.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, copyFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { backupDatabaseTo, countLibraryRows, sealBackupCopy } from '../../db/backup-file'
import { checkLibraryFile, isIntact } from '../../db/integrity'
import type { Db } from '../../db/connection'
import { MIGRATIONS } from '../../db/migrations'

export const BACKUP_PREFIX = 'marginalia-'
export const BACKUP_EXT = '.sqlite'
const PARTIAL_EXT = '.partial'
const NAME_RE = /^marginalia-(\d{8})-(\d{6})-(\d{3})(?:-\d+)?\.sqlite$/
const SQLITE_MAGIC = 'SQLite format 3\u0000'

export class BackupError extends Error {
  constructor(
    readonly code: 'invalid-backup' | 'exists' | 'io',
    message: string
  ) {
    super(message)
    this.name = 'BackupError'
  }
}

export interface BackupInfo {
  file: string
  createdAt: Date
  bytes: number
}

export interface BackupResult extends BackupInfo {
  /** Backups deleted because more than `keep` existed. */
  pruned: string[]
  ms: number
}

export type ValidationResult =
  | { ok: true; migrations: string[]; articles: number; annotations: number }
  | { ok: false; reason: string }

function stamp(date: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0')
  return (
    `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}-${p(date.getUTCMilliseconds(), 3)}`
  )
}

/** A name that sorts by time; `-N` is added only if two backups land in the same millisecond. */
export function backupFileName(date: Date, dir?: string): string {
  const base = `${BACKUP_PREFIX}${stamp(date)}`
  if (!dir) return base + BACKUP_EXT
  let name = base + BACKUP_EXT
  for (let n = 2; existsSync(join(dir, name)) || existsSync(join(dir, name + PARTIAL_EXT)); n++) name = `${base}-${n}${BACKUP_EXT}`
  return name
}

function dateFromName(name: string): Date | null {
  const m = NAME_RE.exec(name)
  if (!m) return null
  const [d, t, ms] = [m[1] as string, m[2] as string, m[3] as string]
  return new Date(
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)), Number(t.slice(0, 2)), Number(t.slice(2, 4)), Number(t.slice(4, 6)), Number(ms))
  )
}

/** Backups in `dir`, newest first (by the time in their name). Partial files are never listed. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return []
  const out: BackupInfo[] = []
  for (const name of readdirSync(dir)) {
    const createdAt = dateFromName(name)
    if (!createdAt) continue
    try {
      const st = statSync(join(dir, name))
      if (st.isFile()) out.push({ file: join(dir, name), createdAt, bytes: st.size })
    } catch {
      // vanished between readdir and stat
    }
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.file < b.file ? 1 : -1))
}

/** True when there is no backup yet, or the newest one is older than `intervalMs`. */
export function shouldAutoBackup(dir: string, intervalMs: number, now: number = Date.now()): boolean {
  const newest = listBackups(dir)[0]
  return !newest || now - newest.createdAt.getTime() >= intervalMs
}

function fsyncPath(path: string, directory = false): void {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch (error) {
    // Directories cannot be fsynced on Windows; a file must be.
    if (!directory) throw error
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function readMagic(file: string): string {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(16)
    const n = readSync(fd, buf, 0, 16, 0)
    return buf.subarray(0, n).toString('latin1')
  } finally {
    closeSync(fd)
  }
}

/**
 * Checks a backup (or any library file) without changing it: a SQLite file, integrity_check ok, no
 * foreign-key violations, and only migrations this version knows.
 */
export function validateBackup(file: string, known: readonly string[] = MIGRATIONS.map((m) => m.name)): ValidationResult {
  try {
    if (!existsSync(file)) return { ok: false, reason: `${file} does not exist` }
    if (statSync(file).size === 0) return { ok: false, reason: 'the file is empty' }
    if (readMagic(file) !== SQLITE_MAGIC) return { ok: false, reason: 'not a SQLite database' }
  } catch (error) {
    return { ok: false, reason: `cannot read the file: ${(error as Error).message}` }
  }
  try {
    const check = checkLibraryFile(file, { foreignKeys: true })
    if (!isIntact(check.integrity)) return { ok: false, reason: `integrity_check: ${check.integrity.slice(0, 3).join('; ')}` }
    if (check.foreignKeyViolations) return { ok: false, reason: `${check.foreignKeyViolations} foreign-key violation(s)` }
    if (!check.migrations) return { ok: false, reason: 'not a Marginalia library (no schema_migrations table)' }
    const unknown = check.migrations.filter((m) => !known.includes(m))
    if (unknown.length > 0) return { ok: false, reason: `written by a newer version of Marginalia (unknown migrations: ${unknown.join(', ')})` }
    const { articles, annotations } = countLibraryRows(file, ['articles', 'annotations'])
    return { ok: true, migrations: check.migrations, articles, annotations }
  } catch (error) {
    return { ok: false, reason: (error as Error).message }
  }
}

/**
 * Writes an online backup of `db` to exactly `target`: backup API → `target.partial`, made a
 * self-contained rollback-journal file, checked with integrity_check, fsynced, then renamed to `target`.
 * A crash at any moment leaves either no file at `target` or a complete, valid one.
 */
export async function backupToFile(db: Db, target: string, options: { overwrite?: boolean } = {}): Promise<BackupInfo & { ms: number }> {
  const t0 = performance.now()
  if (existsSync(target) && !options.overwrite) throw new BackupError('exists', `${target} already exists`)
  mkdirSync(dirname(target), { recursive: true })
  const partial = target + PARTIAL_EXT
  rmSync(partial, { force: true })
  try {
    await backupDatabaseTo(db, partial)
    sealBackupCopy(partial)
    const { integrity } = checkLibraryFile(partial)
    if (!isIntact(integrity)) throw new BackupError('invalid-backup', `the new backup failed integrity_check: ${integrity[0]}`)
    fsyncPath(partial)
    renameSync(partial, target)
    fsyncPath(dirname(target), true)
  } catch (error) {
    rmSync(partial, { force: true })
    for (const side of ['-journal', '-wal', '-shm']) rmSync(partial + side, { force: true })
    if (error instanceof BackupError) throw error
    throw new BackupError('io', `backup to ${target} failed: ${(error as Error).message}`)
  }
  return { file: target, createdAt: new Date(), bytes: statSync(target).size, ms: performance.now() - t0 }
}

/** A timestamped backup in `dir`, then only the newest `keep` backups are kept. */
export async function backupNow(db: Db, dir: string, options: { keep?: number; now?: Date } = {}): Promise<BackupResult> {
  const keep = Math.max(1, options.keep ?? 7)
  mkdirSync(dir, { recursive: true })
  // Partial files are leftovers of a backup a crash interrupted; they were never valid backups.
  for (const name of readdirSync(dir)) {
    if (name.startsWith(BACKUP_PREFIX) && (name.endsWith(PARTIAL_EXT) || name.includes(PARTIAL_EXT + '-'))) rmSync(join(dir, name), { force: true })
  }
  const now = options.now ?? new Date()
  const info = await backupToFile(db, join(dir, backupFileName(now, dir)))
  const result: BackupResult = { ...info, createdAt: now, pruned: [] }
  for (const old of listBackups(dir).slice(keep)) {
    rmSync(old.file, { force: true })
    result.pruned.push(old.file)
  }
  return result
}

/** The newest backup in `dir` that passes validateBackup, or null. */
export function latestValidBackup(dir: string): (BackupInfo & { articles: number }) | null {
  for (const b of listBackups(dir)) {
    const v = validateBackup(b.file)
    if (v.ok) return { ...b, articles: v.articles }
  }
  return null
}

export interface RestoreResult {
  restoredFrom: string
  /** Where the library that was replaced now lives (untouched), or null if there was none. */
  keptAside: string | null
  articles: number
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const

/** Moves a database file and its -wal/-shm/-journal together to `to` (+ same suffixes). Never deletes. */
export function moveDatabaseFiles(from: string, to: string): void {
  // The main file first: a -wal must never end up beside a database it does not belong to.
  renameSync(from, to)
  for (const side of SIDE_FILES) if (existsSync(from + side)) renameSync(from + side, to + side)
}

/** `library.sqlite` → `library.sqlite.<label>-<timestamp>` in the same folder (no collisions). */
export function asideName(file: string, label: string, now: Date = new Date()): string {
  const base = `${file}.${label}-${stamp(now)}`
  let name = base
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`
  return name
}

/**
 * Replaces the (closed) library at `currentDbPath` with a copy of `backupFile`. The backup is validated
 * first; the current file and its -wal/-shm are renamed aside with a timestamp, never modified or deleted.
 */
export function restoreBackup(currentDbPath: string, backupFile: string, options: { now?: Date } = {}): RestoreResult {
  const check = validateBackup(backupFile)
  if (!check.ok) throw new BackupError('invalid-backup', `cannot restore ${basename(backupFile)}: ${check.reason}`)
  const now = options.now ?? new Date()
  mkdirSync(dirname(currentDbPath), { recursive: true })
  // 1. A complete, synced copy beside the library, under a name SQLite will never open by itself.
  const incoming = `${currentDbPath}.restoring`
  rmSync(incoming, { force: true })
  copyFileSync(backupFile, incoming)
  fsyncPath(incoming)
  const copied = validateBackup(incoming)
  if (!copied.ok) {
    rmSync(incoming, { force: true })
    throw new BackupError('io', `the copy of the backup is not valid: ${copied.reason}`)
  }
  // 2. The current library (with its -wal/-shm) aside, untouched.
  let keptAside: string | null = null
  if (existsSync(currentDbPath)) {
    keptAside = asideName(currentDbPath, 'before-restore', now)
    moveDatabaseFiles(currentDbPath, keptAside)
  } else {
    // No main file but stray side files: they belong to no database we are about to open.
    for (const side of SIDE_FILES) {
      if (existsSync(currentDbPath + side)) {
        keptAside ??= asideName(currentDbPath, 'orphan', now)
        renameSync(currentDbPath + side, keptAside + side)
      }
    }
  }
  // 3. The copy into place.
  renameSync(incoming, currentDbPath)
  fsyncPath(dirname(currentDbPath), true)
  return { restoredFrom: backupFile, keptAside, articles: check.articles }
}

/**
 * Finishes a restore a crash interrupted between steps 2 and 3 (library missing, complete copy waiting).
 * Call before opening the library; returns true when it finished one.
 */
export function finishInterruptedRestore(currentDbPath: string): boolean {
  const incoming = `${currentDbPath}.restoring`
  if (!existsSync(incoming)) return false
  if (existsSync(currentDbPath) || !validateBackup(incoming).ok) {
    // Step 2 never happened (or the copy is incomplete): the library in place wins; keep the copy aside.
    renameSync(incoming, asideName(currentDbPath, 'unfinished-restore'))
    return false
  }
  for (const side of SIDE_FILES) if (existsSync(currentDbPath + side)) renameSync(currentDbPath + side, asideName(currentDbPath, 'orphan') + side)
  renameSync(incoming, currentDbPath)
  fsyncPath(dirname(currentDbPath), true)
  return true
}
