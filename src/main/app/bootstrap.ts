// Opens the library for any host (Electron main, preview host, CLI): open → migrate → close imports a crash
// left running → seed the sample articles into a brand-new library.
import { mkdirSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { closeDatabase, openDatabase, type Db, type OpenOptions } from '../db/connection'
import { migrate } from '../db/migrate'
import { countArticles } from '../db/repositories/article.repository'
import { closeInterruptedImports } from '../db/repositories/import.repository'
import { isFlagSet, setFlag } from '../db/repositories/settings.repository'
import { importPaths } from '../services/import-pipeline/pipeline'
import { ensureSearchIndexCurrent } from '../services/search'

export interface OpenLibraryOptions extends OpenOptions {
  /** Folder with sample articles imported into a new, empty library. */
  samplesDir?: string
}

export async function openLibrary(dbPath: string, options: OpenLibraryOptions = {}): Promise<Db> {
  mkdirSync(dirname(dbPath), { recursive: true })
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
