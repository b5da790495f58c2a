// Opens the library for any host (Electron main, preview host, CLI): health check → create a new library
// whole, or open → migrate → close imports a crash left running → seed the samples into a new library.
import { randomBytes } from 'node:crypto'
import { constants, copyFileSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { closeDatabase, foldIntoOneFile, openDatabase, type Db, type OpenOptions } from '../db/connection'
import { migrate } from '../db/migrate'
import { countArticles } from '../db/repositories/article.repository'
import { closeInterruptedImports } from '../db/repositories/import.repository'
import { isFlagSet, setFlag } from '../db/repositories/settings.repository'
import { inspectLibrary, LibraryHealthError } from '../services/health'
import { importPaths } from '../services/import-pipeline/pipeline'
import { ensureSearchIndexCurrent } from '../services/search'

export interface OpenLibraryOptions extends OpenOptions {
  /** Folder with sample articles imported into a new, empty library. */
  samplesDir?: string
}

/**
 * Throws LibraryHealthError (the verdict, with what to do) before anything is written when the file is
 * damaged, locked, not a library or from a newer version: no journal-mode change, no migration.
 */
export async function openLibrary(dbPath: string, options: OpenLibraryOptions = {}): Promise<Db> {
  const verdict = inspectLibrary(dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  if (!verdict.ok) throw new LibraryHealthError(verdict)
  if (!verdict.exists) await createLibrary(dbPath, options)
  const db = openDatabase(dbPath, options)
  try {
    await migrate(db)
    closeInterruptedImports(db)
    // Rebuilds the search index only when its tokenizer version changed (never a full scan otherwise).
    ensureSearchIndexCurrent(db)
    if (options.samplesDir) await seedSamples(db, options.samplesDir)
    return db
  } catch (error) {
    closeDatabase(db)
    throw error
  }
}

/**
 * Builds a migrated library under a temporary name and links it into place, so the library path never
 * holds an empty or half-made file (the health check can call an empty one damaged), and processes
 * creating the same library at once end up on one file: the first link wins, the others use it.
 */
async function createLibrary(dbPath: string, options: OpenOptions): Promise<void> {
  mkdirSync(dirname(dbPath), { recursive: true })
  const temp = `${dbPath}.new-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    const db = openDatabase(temp, options)
    try {
      await migrate(db)
      foldIntoOneFile(db)
    } finally {
      closeDatabase(db)
    }
    try {
      linkSync(temp, dbPath)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') return
      // File systems without hard links (FAT): an exclusive copy still never replaces someone's library.
      try {
        copyFileSync(temp, dbPath, constants.COPYFILE_EXCL)
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code !== 'EEXIST') throw copyError
      }
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(temp + suffix, { force: true })
  }
}

const SAMPLES_SEEDED = 'samplesSeeded'

/** Imports the bundled samples once, the first time a library is created. */
export async function seedSamples(db: Db, samplesDir: string): Promise<boolean> {
  if (isFlagSet(db, SAMPLES_SEEDED)) return false
  const empty = countArticles(db) === 0
  if (empty) {
    const files = readdirSync(samplesDir)
      .filter((f) => !f.startsWith('.') && f !== 'PROVENANCE.md')
      .sort()
      .map((f) => join(samplesDir, f))
    if (files.length > 0) await importPaths(db, files)
  }
  setFlag(db, SAMPLES_SEEDED)
  return empty
}
