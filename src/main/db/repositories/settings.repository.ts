// Settings persisted as JSON values keyed by name (main process).
import { DEFAULT_SETTINGS, type Settings } from '@shared/types'
import { SettingsPatchSchema } from '@shared/api'
import { transaction, type Db } from '../connection'
import type { SettingTable } from '../database'
import { allRows, getRow, runWrite, sql } from '../sql'

export function getSettings(db: Db): Settings {
  const rows = allRows<SettingTable>(db, sql`SELECT key, value_json FROM settings`)
  const stored: Record<string, unknown> = {}
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value_json)
    } catch {
      // a damaged value falls back to its default below
    }
  }
  // Re-validate what is stored so a bad value never reaches the renderer.
  const parsed = SettingsPatchSchema.safeParse(
    Object.fromEntries(Object.entries(stored).filter(([k]) => k in DEFAULT_SETTINGS))
  )
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? stripUndefined(parsed.data) : {}) }
}

export function setSettings(db: Db, patch: Partial<Settings>): Settings {
  transaction(db, () => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue
      runWrite(
        db,
        sql`INSERT INTO settings (key, value_json) VALUES (${key}, ${JSON.stringify(value)}) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json`
      )
    }
  })
  return getSettings(db)
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Internal one-way flags kept beside the settings (never sent to the renderer), e.g. 'samplesSeeded'. */
export function isFlagSet(db: Db, key: string): boolean {
  return getRow(db, sql`SELECT 1 FROM settings WHERE key = ${key}`) !== undefined
}

export function setFlag(db: Db, key: string): void {
  runWrite(db, sql`INSERT OR REPLACE INTO settings (key, value_json) VALUES (${key}, 'true')`)
}
