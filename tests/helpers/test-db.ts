// Test databases: real SQLite files in a fresh temp folder, migrated to latest (or to a named migration).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closeDatabase, openDatabase, type Db } from '../../src/main/db/connection'
import { migrate } from '../../src/main/db/migrate'

export interface TestDb {
  db: Db
  dir: string
  file: string
  cleanup(): void
}

export function tempDir(prefix = 'marginalia-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function createTestDb(target?: string): Promise<TestDb> {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'library.sqlite')
  const db = openDatabase(file)
  await migrate(db, target)
  return {
    db,
    dir,
    file,
    cleanup: () => {
      closeDatabase(db)
      cleanup()
    }
  }
}

export const FIXTURES = join(__dirname, '..', 'fixtures')
export const SAMPLES = join(__dirname, '..', '..', 'resources', 'samples')
