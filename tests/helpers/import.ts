// Shared test helpers: fixture paths, temp folders, and collecting readSources events.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readSources, type SourceEvent } from '../../src/main/services/import-pipeline/sources'

export const FIXTURES = resolve(__dirname, '../fixtures/import')

export function fixture(rel: string): Buffer {
  return readFileSync(join(FIXTURES, rel))
}

export function fixturePath(rel: string): string {
  return join(FIXTURES, rel)
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-import-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function collect(...args: Parameters<typeof readSources>): Promise<SourceEvent[]> {
  const out: SourceEvent[] = []
  for await (const e of readSources(...args)) out.push(e)
  return out
}

export function nonProgress(events: SourceEvent[]): Array<Exclude<SourceEvent, { kind: 'progress' }>> {
  return events.filter((e): e is Exclude<SourceEvent, { kind: 'progress' }> => e.kind !== 'progress')
}

/** Runs fn and returns the ImportError code + message it throws (fails the test if it does not throw). */
export function thrown(fn: () => unknown): { code: string; message: string } {
  try {
    fn()
  } catch (e) {
    const err = e as { code?: string; message: string }
    return { code: err.code ?? 'not-an-import-error', message: err.message }
  }
  throw new Error('expected an ImportError to be thrown')
}

export async function thrownAsync(fn: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await fn()
  } catch (e) {
    const err = e as { code?: string; message: string }
    return { code: err.code ?? 'not-an-import-error', message: err.message }
  }
  throw new Error('expected an ImportError to be thrown')
}
