// What an operation costs in statements: the text of every statement it runs, for the tests that bound
// the work of a search page, a tag merge or a delete.
import type { Db } from '../../src/main/db/connection'

/** The statements `fn` runs with their arguments (one per run/get/all/iterate call). */
export function statementCalls(db: Db, fn: () => void): { text: string; args: unknown[] }[] {
  const sqlite = db.sqlite
  const prepare = sqlite.prepare.bind(sqlite)
  const seen: { text: string; args: unknown[] }[] = []
  sqlite.prepare = ((text: string) => {
    const stmt = prepare(text)
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt)
      ;(stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        seen.push({ text, args })
        return original(...args)
      }
    }
    return stmt
  }) as typeof sqlite.prepare
  try {
    fn()
  } finally {
    sqlite.prepare = prepare as typeof sqlite.prepare
  }
  return seen
}

/** The texts of the statements `fn` runs. */
export function statementsRun(db: Db, fn: () => void): string[] {
  return statementCalls(db, fn).map((c) => c.text)
}
