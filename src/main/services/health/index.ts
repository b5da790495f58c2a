// Health check of the library file, run by openLibrary before anything is written (every host): tells a
// damaged, foreign, locked or too-new database apart from a healthy one without ever writing to it, moves
// a damaged file aside (never deletes it), and describes the choices the shell offers the user.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import type { Db } from '../../db/connection'
import { checkLibraryFile, foreignKeyViolations, integrityCheck, isIntact, probeWriteLock } from '../../db/integrity'
import { MIGRATIONS } from '../../db/migrations'
import { checkIndex, type IndexCheck } from '../search'
import { asideName, latestValidBackup, moveDatabaseFiles, restoreBackup, type BackupInfo, type RestoreResult } from '../backup'

export type DamageKind = 'truncated' | 'not-a-database' | 'corrupt' | 'locked' | 'newer-version' | 'unreadable'

export type HealthVerdict =
  | { ok: true; file: string; exists: boolean }
  | { ok: false; kind: DamageKind; file: string; /** 简体中文, then English, one paragraph each. */ message: string; zh: string; en: string; detail: string }

export interface InspectOptions {
  /** How long to wait for a lock held by another process (default 2000 ms). */
  busyTimeoutMs?: number
  /** integrity_check instead of quick_check (slower; use after a crash or from Help > Check library). */
  thorough?: boolean
  migrations?: readonly string[]
  nativeBinding?: string
}

const MESSAGES: Record<DamageKind, { zh: string; en: string }> = {
  truncated: {
    zh: '资料库文件不完整（文件被截断），可能是磁盘故障或复制中断造成的。',
    en: 'The library file is incomplete (truncated), perhaps by a disk fault or an interrupted copy.'
  },
  'not-a-database': {
    zh: '资料库文件已损坏：它不是一个 SQLite 数据库。',
    en: 'The library file is damaged: it is not a SQLite database.'
  },
  corrupt: {
    zh: '资料库文件内部已损坏（完整性检查未通过）。',
    en: 'The library file is damaged inside (the integrity check failed).'
  },
  locked: {
    zh: '资料库正被另一个程序使用（可能是另一个 Marginalia 窗口或命令行导入）。请关闭它后重试。',
    en: 'The library is in use by another program (perhaps another Marginalia window or a command-line import). Close it and try again.'
  },
  'newer-version': {
    zh: '此资料库由更新版本的 Marginalia 创建。请更新本应用后再打开，资料库不会被修改。',
    en: 'This library was created by a newer version of Marginalia. Update the app to open it; the library has not been changed.'
  },
  unreadable: {
    zh: '无法读取资料库文件（权限或磁盘错误）。',
    en: 'The library file cannot be read (a permission or disk error).'
  }
}

function verdict(kind: DamageKind, file: string, detail: string): HealthVerdict {
  const { zh, en } = MESSAGES[kind]
  return { ok: false, kind, file, zh, en, message: `${zh}\n${en}`, detail }
}

export type BadVerdict = Extract<HealthVerdict, { ok: false }>

/** What a user of the CLI or the preview host can do about each kind (the shell offers these as buttons). */
const ADVICE: Record<DamageKind, string> = {
  truncated: 'It has not been changed. Restore a backup with `marginalia --db FILE restore BACKUP` (the damaged file is kept aside), or move the file away to start a new library.',
  'not-a-database': 'It has not been changed. Check the path; to recover a library, restore a backup with `marginalia --db FILE restore BACKUP`.',
  corrupt: 'It has not been changed. Restore a backup with `marginalia --db FILE restore BACKUP` (the damaged file is kept aside; the app keeps automatic backups in the `backups` folder of its data folder).',
  locked: 'Close the other program and try again.',
  'newer-version': 'Update Marginalia, or restore a backup this version wrote with `marginalia --db FILE restore BACKUP`.',
  unreadable: 'Check the file\'s permissions and the disk, then try again.'
}

/** Thrown by openLibrary when the health check fails: nothing has been written to the file. */
export class LibraryHealthError extends Error {
  constructor(readonly verdict: BadVerdict) {
    super(`${verdict.en} (${verdict.file}: ${verdict.detail}) ${ADVICE[verdict.kind]}`)
    this.name = 'LibraryHealthError'
  }
}

function sqliteCode(error: unknown): string {
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : ''
}

/**
 * Whether an error from opening the library is about the library file itself (damaged, locked, newer,
 * unreadable) rather than anything else (disk full during a migration, a missing samples folder, a bug):
 * only the first kind may offer to set the file aside or restore a backup.
 */
export function isLibraryFault(error: unknown): boolean {
  if (error instanceof LibraryHealthError) return true
  if (error instanceof Error && error.name === 'NewerDatabaseError') return true
  return /^SQLITE_(BUSY|LOCKED|NOTADB|CORRUPT|IOERR_SHORT_READ|CANTOPEN|PERM|READONLY)/.test(sqliteCode(error))
}

/** Maps an error thrown while opening or migrating the library to a verdict (for errors inspect cannot foresee). */
export function verdictFromError(file: string, error: unknown): HealthVerdict {
  if (error instanceof LibraryHealthError) return error.verdict
  const code = sqliteCode(error)
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof Error && error.name === 'NewerDatabaseError') return verdict('newer-version', file, message)
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return verdict('locked', file, message)
  if (code === 'SQLITE_NOTADB') return verdict('not-a-database', file, message)
  if (code.startsWith('SQLITE_CORRUPT')) return verdict('corrupt', file, message)
  if (code.startsWith('SQLITE_IOERR_SHORT_READ')) return verdict('truncated', file, message)
  return verdict('unreadable', file, message)
}

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(100)
    const n = readSync(fd, buf, 0, 100, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/**
 * Inspects the library before it is opened normally. Never writes to the database file: reads go through a
 * read-only connection, and the write-lock probe runs only when closing it cannot checkpoint anything.
 */
export function inspectLibrary(dbPath: string, options: InspectOptions = {}): HealthVerdict {
  const busy = options.busyTimeoutMs ?? 2000
  const known = options.migrations ?? MIGRATIONS.map((m) => m.name)
  if (!existsSync(dbPath)) return { ok: true, file: dbPath, exists: false }
  let size: number
  let header: Buffer
  try {
    const stat = statSync(dbPath)
    if (stat.isDirectory()) return verdict('not-a-database', dbPath, 'a folder, not a library file')
    size = stat.size
    // openLibrary creates a new library whole under another name, so an empty file at the path is damage
    // (a failed copy or sync), never a library still being made; opening it would fill it and hide that.
    if (size === 0) return verdict('truncated', dbPath, 'the file is empty (0 bytes)')
    header = readHeader(dbPath)
  } catch (error) {
    return verdict('unreadable', dbPath, (error as Error).message)
  }
  if (header.length < 100) {
    return header.subarray(0, Math.min(header.length, 16)).toString('latin1') === 'SQLite format 3\u0000'.slice(0, Math.min(header.length, 16))
      ? verdict('truncated', dbPath, `only ${size} bytes: shorter than the 100-byte SQLite header`)
      : verdict('not-a-database', dbPath, `${size} bytes without a SQLite header`)
  }
  if (header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') {
    return verdict('not-a-database', dbPath, 'the file does not start with the SQLite header')
  }
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return verdict('corrupt', dbPath, `invalid page size ${rawPageSize} in the header`)
  }
  const headerPages = header.readUInt32BE(28)
  const changeCounter = header.readUInt32BE(24)
  const validFor = header.readUInt32BE(92)
  if (size % pageSize !== 0) return verdict('truncated', dbPath, `${size} bytes is not a whole number of ${pageSize}-byte pages`)
  const walPath = `${dbPath}-wal`
  const walHasData = existsSync(walPath) && statSync(walPath).size > 0
  // With frames in the -wal the main file may be short of what its header counts (a checkpoint cut off by
  // a full disk): SQLite completes it from the WAL, so only the open and integrity check below can judge.
  if (!walHasData && changeCounter === validFor && headerPages > 0 && headerPages * pageSize > size) {
    return verdict('truncated', dbPath, `the header counts ${headerPages} pages but the file holds ${size / pageSize}`)
  }
  const connection = { busyTimeoutMs: busy, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) }
  try {
    const check = checkLibraryFile(dbPath, { ...connection, depth: options.thorough ? 'full' : 'quick' })
    if (!isIntact(check.integrity)) return verdict('corrupt', dbPath, check.integrity.slice(0, 5).join('; '))
    const unknown = (check.migrations ?? []).filter((n) => !known.includes(n))
    if (unknown.length > 0) return verdict('newer-version', dbPath, `unknown migrations: ${unknown.join(', ')}`)
    // The write-lock probe runs only when no -wal holds un-checkpointed data (closing it could checkpoint).
    if (!walHasData) probeWriteLock(dbPath, connection)
  } catch (error) {
    return verdictFromError(dbPath, error)
  }
  return { ok: true, file: dbPath, exists: true }
}

/** Moves a damaged library (and its -wal/-shm) aside as `<file>.damaged-<time>`; returns the new path. */
export function quarantine(dbPath: string, now: Date = new Date()): string {
  const target = asideName(dbPath, 'damaged', now)
  moveDatabaseFiles(dbPath, target)
  return target
}

/** The newest backup in `dir` that passes validation (integrity, foreign keys, known migrations). */
export function latestGoodBackup(dir: string): (BackupInfo & { articles: number }) | null {
  return latestValidBackup(dir)
}

export type RecoveryChoice = 'restore' | 'new' | 'retry' | 'quit'

export interface HealthDialog {
  type: 'error' | 'warning'
  title: string
  message: string
  detail: string
  buttons: { choice: RecoveryChoice; label: string }[]
  defaultId: number
  cancelId: number
}

/** What the shell shows (dialog.showMessageBox) for a bad verdict; button order = response index. */
export function healthDialog(v: BadVerdict, backup: BackupInfo | null): HealthDialog {
  const detail = `${v.file}\n${v.detail}`
  if (v.kind === 'locked') {
    return {
      type: 'warning',
      title: '资料库正在使用中 / Library in use',
      message: v.message,
      detail,
      buttons: [
        { choice: 'retry', label: '重试 / Try again' },
        { choice: 'quit', label: '退出 / Quit' }
      ],
      defaultId: 0,
      cancelId: 1
    }
  }
  if (v.kind === 'newer-version') {
    // Not damaged: never offer to replace it.
    return { type: 'warning', title: '需要更新 / Update needed', message: v.message, detail, buttons: [{ choice: 'quit', label: '退出 / Quit' }], defaultId: 0, cancelId: 0 }
  }
  const when = backup ? backup.createdAt.toLocaleString('zh-CN') : ''
  const buttons: HealthDialog['buttons'] = []
  if (backup) buttons.push({ choice: 'restore', label: `恢复最近的备份（${when}）/ Restore the latest backup` })
  buttons.push({ choice: 'new', label: '新建空资料库（保留损坏的文件）/ Start a new empty library (keep the damaged file)' })
  buttons.push({ choice: 'quit', label: '退出 / Quit' })
  return {
    type: 'error',
    title: '资料库已损坏 / The library is damaged',
    message: v.message,
    detail: `${detail}\n\n损坏的文件会被保留，不会被删除。/ The damaged file is kept, never deleted.`,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1
  }
}

export type RecoveryOutcome =
  | { action: 'restored'; restore: RestoreResult }
  | { action: 'new'; quarantined: string }
  | { action: 'retry' | 'quit' }

/** Carries out the user's choice. The library must be closed (it is never open when inspect fails). */
export function applyRecovery(dbPath: string, choice: RecoveryChoice, backupDir: string): RecoveryOutcome {
  if (choice === 'restore') {
    const backup = latestValidBackup(backupDir)
    if (!backup) throw new Error('no valid backup to restore')
    // restoreBackup keeps the damaged file aside itself (…before-restore-<time>).
    return { action: 'restored', restore: restoreBackup(dbPath, backup.file) }
  }
  if (choice === 'new') return { action: 'new', quarantined: quarantine(dbPath) }
  return { action: choice }
}

export interface LibraryCheck {
  ok: boolean
  /** integrity_check rows: ['ok'] when healthy. */
  integrity: string[]
  foreignKeyViolations: number
  searchIndex: IndexCheck
}

/** The thorough check of an open library (`marginalia check`): SQLite's integrity, foreign keys, the search index. */
export function checkLibrary(db: Db): LibraryCheck {
  const integrity = integrityCheck(db, 'full')
  const fk = foreignKeyViolations(db)
  const searchIndex = checkIndex(db)
  return { ok: isIntact(integrity) && fk === 0 && searchIndex.ok, integrity, foreignKeyViolations: fk, searchIndex }
}
