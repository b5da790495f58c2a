// Migration 0013: the member's private state follows them across their own libraries (issue 15): reading
// state per article and the settings that are a person's preferences. Frozen in time: never edit after
// release; add a new migration.
//
// - sync_outbox takes entities 'reading' and 'setting': rebuilt as 0011 rebuilt it (rows, ids, the
//   AUTOINCREMENT counter and the op_id default kept; the triggers that write to it dropped first and
//   recreated from their own stored SQL).
// - Each records the current value, not the change: a new change replaces the pending row of its article
//   (or setting) instead of adding one, so scrolling through an article leaves one row, however long.
// - The synced settings are listed here as they are today (never imported: a migration is frozen). The
//   token, the map owner and window state never match, so they never leave the machine.
// - Recorded while bound and not applying a pull, as in 0006.
import { sql, type Kysely } from 'kysely'

const SYNCED_SETTINGS = ['uiLanguage', 'theme', 'fontSize', 'lineHeight', 'script', 'writing', 'ruby', 'colleagueLayers']

export async function up(db: Kysely<any>): Promise<void> {
  const exec = (statement: string) => sql.raw(statement).execute(db)

  const writers = (
    await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_outbox%' ORDER BY name`.execute(db)
  ).rows
  for (const w of writers) await exec(`DROP TRIGGER "${w.name}"`)
  const seq = (await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'`.execute(db)).rows[0]?.seq
  await exec(`CREATE TABLE sync_outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    entity TEXT NOT NULL CHECK (entity IN ('article','field','tag','annotation','comment','reading','setting')),
    op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    local_id INTEGER NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`)
  await exec('INSERT INTO sync_outbox_new (id, op_id, entity, op, local_id, payload, created_at) SELECT id, op_id, entity, op, local_id, payload, created_at FROM sync_outbox')
  await exec('DROP TABLE sync_outbox')
  await exec('ALTER TABLE sync_outbox_new RENAME TO sync_outbox')
  if (seq !== undefined) {
    await exec(`DELETE FROM sqlite_sequence WHERE name = 'sync_outbox'`)
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_outbox', ${seq})`.execute(db)
  }
  for (const w of writers) await exec(w.sql)
  // The replace-the-pending-row lookups, run on every scroll while bound.
  await exec('CREATE INDEX sync_outbox_local ON sync_outbox (entity, local_id)')

  const recording = 'EXISTS (SELECT 1 FROM sync_binding WHERE applying = 0)'
  const outbox = 'INSERT INTO sync_outbox (entity, op, local_id, payload)'
  await exec(`CREATE TRIGGER sync_reading_au AFTER UPDATE OF read_state, reading_position, progress ON articles
    WHEN ${recording} AND (old.read_state IS NOT new.read_state OR old.reading_position IS NOT new.reading_position OR old.progress IS NOT new.progress) BEGIN
    DELETE FROM sync_outbox WHERE entity = 'reading' AND local_id = new.id;
    ${outbox} VALUES ('reading', 'update', new.id,
      json_object('readState', new.read_state, 'position', new.reading_position, 'progress', new.progress)); END`)

  // A setting has no row id of meaning (its name is its key): local_id is 0 and the name is in the payload.
  const synced = `new.key IN (${SYNCED_SETTINGS.map((k) => `'${k}'`).join(', ')}) AND json_valid(new.value_json)`
  const record = `DELETE FROM sync_outbox WHERE entity = 'setting' AND local_id = 0 AND json_extract(payload, '$.name') = new.key;
    ${outbox} VALUES ('setting', 'update', 0, json_object('name', new.key, 'value', json(new.value_json)));`
  await exec(`CREATE TRIGGER sync_settings_ai AFTER INSERT ON settings WHEN ${recording} AND ${synced} BEGIN ${record} END`)
  await exec(`CREATE TRIGGER sync_settings_au AFTER UPDATE OF value_json ON settings
    WHEN ${recording} AND ${synced} AND old.value_json IS NOT new.value_json BEGIN ${record} END`)
}
