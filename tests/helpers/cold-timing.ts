// Timing in the large-library tests: each figure printed as a median with its spread, over "cold" runs
// that follow a write, so no total or id set cached per database state (change-stamp.ts) is reused.
import { performance } from 'node:perf_hooks'
import type { Db } from '../../src/main/db/connection'

let touches = 0

/** A write that changes no article but every cache keyed on the database state. */
export function touchState(db: Db): void {
  db.sqlite.prepare("INSERT OR REPLACE INTO settings (key, value_json) VALUES ('test-touch', ?)").run(String(touches++))
}

/** Median and spread (min-max) of 7 runs of `f`, each after a write unless `warm`. */
export function timed7(db: Db, f: () => unknown, warm = false): { median: number; text: string } {
  const ts: number[] = []
  for (let i = 0; i < 7; i++) {
    if (!warm) touchState(db)
    const t0 = performance.now()
    f()
    ts.push(performance.now() - t0)
  }
  ts.sort((a, b) => a - b)
  const [min, median, max] = [ts[0] as number, ts[3] as number, ts[6] as number]
  return { median, text: `${median.toFixed(1)} ms (${min.toFixed(1)}-${max.toFixed(1)})` }
}
