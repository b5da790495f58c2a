// Shared by the fault tests: the bundled CLI, child processes that are killed with SIGKILL, a seeded PRNG,
// database checks, and the one "faults: …" line each test prints.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { mulberry32 } from '../../bench/lib'

export const ROOT = resolve(__dirname, '../..')
/** Under node_modules so the bundle resolves better-sqlite3 and the other externals from the repo. */
export const FAULT_CLI_DIR = join(ROOT, 'node_modules/.cache/marginalia-faults/cli')
export const FAULT_CLI = join(FAULT_CLI_DIR, 'index.js')

/** One seed per run, printed in every figure line, so a failing kill point can be replayed (FAULTS_SEED=…). */
export const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000)
export function rng(salt: number): () => number {
  return mulberry32(SEED * 7919 + salt)
}

export function figures(line: string): void {
  console.log(`faults: ${line} [seed ${SEED}]`)
}

export function tempDir(prefix = 'marginalia-faults-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function cliSync(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [FAULT_CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, MARGINALIA_DB: '', ...env }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/**
 * A TypeScript child (tests/faults/children/*.ts) run by node itself with tsx as a loader (`--import tsx`),
 * not through the tsx CLI: the CLI runs the script in a grandchild, which SIGKILL on the CLI would miss.
 */
export function spawnTs(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'children', script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json'), ...env }
  })
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })))
}

/** Calls `onLine` for every complete stdout line (a line cut by the kill is never seen). */
export function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buffer = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    let nl: number
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, nl))
      buffer = buffer.slice(nl + 1)
    }
  })
}

export interface DbHealth {
  integrity: string
  foreignKeyViolations: number
}

export function dbHealth(file: string): DbHealth {
  const conn = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  try {
    return {
      integrity: (conn.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
      foreignKeyViolations: (conn.pragma('foreign_key_check') as unknown[]).length
    }
  } finally {
    conn.close()
  }
}

export function withDb<T>(file: string, fn: (conn: BetterSqlite3.Database) => T): T {
  const conn = new BetterSqlite3(file, { fileMustExist: true })
  try {
    return fn(conn)
  } finally {
    conn.close()
  }
}

export function scalar(conn: BetterSqlite3.Database, sqlText: string, ...params: unknown[]): number {
  return Number(Object.values(conn.prepare(sqlText).get(...params) as Record<string, unknown>)[0])
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
