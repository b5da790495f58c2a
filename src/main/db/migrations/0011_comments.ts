// Migration 0011: a discussion thread per article in the team archive (issue 15). Frozen in time: never
// edit after release; add a new migration.
//
// - comments: one row per comment, every member's; author is null for this library's own member (as
//   annotations.author), the colleague's name otherwise. They go with their article.
// - sync_outbox takes entity 'comment': SQLite cannot change a CHECK in place, so the table is rebuilt
//   (rows, ids, the AUTOINCREMENT counter and the op_id default kept). The triggers of 0006 that write to
//   it are dropped first and recreated from their own stored SQL: a rename checks every trigger, and
//   theirs would name a table that is gone for a moment.
// - Triggers record the member's own comments only while bound and not applying a pull, as in 0006.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const exec = (statement: string) => sql.raw(statement).execute(db)

  await exec(`CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    author TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL)`)
  await exec('CREATE INDEX comments_article ON comments (article_id, created_at)')

  const writers = (
    await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%sync_outbox%' ORDER BY name`.execute(db)
  ).rows
  for (const w of writers) await exec(`DROP TRIGGER "${w.name}"`)
  const seq = (await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'`.execute(db)).rows[0]?.seq
  await exec(`CREATE TABLE sync_outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    entity TEXT NOT NULL CHECK (entity IN ('article','field','tag','annotation','comment')),
    op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    local_id INTEGER NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`)
  await exec('INSERT INTO sync_outbox_new (id, op_id, entity, op, local_id, payload, created_at) SELECT id, op_id, entity, op, local_id, payload, created_at FROM sync_outbox')
  await exec('DROP TABLE sync_outbox')
  await exec('ALTER TABLE sync_outbox_new RENAME TO sync_outbox')
  // Ids of rows already pushed are never handed out again (what AUTOINCREMENT promised before).
  if (seq !== undefined) {
    await exec(`DELETE FROM sqlite_sequence WHERE name = 'sync_outbox'`)
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_outbox', ${seq})`.execute(db)
  }
  for (const w of writers) await exec(w.sql)

  const recording = 'EXISTS (SELECT 1 FROM sync_binding WHERE applying = 0)'
  const payload = `json_object('article', new.article_id, 'text', new.text)`
  const outbox = 'INSERT INTO sync_outbox (entity, op, local_id, payload)'
  // Each own comment gets its server key when it is written; a colleague's comes with theirs (a pull).
  // The key is a UUIDv7 (hex) whose time is the comment's creation: the protocol carries no creation
  // time and the server's is that of the last edit, so the key is how other libraries place it in the
  // thread (services/sync/comments.ts keyTime).
  const ms = `CAST(coalesce(unixepoch(new.created_at, 'subsec'), unixepoch('subsec')) * 1000 AS INTEGER)`
  const uuid7 = `lower(printf('%012x', ${ms}) || '7' || substr(hex(randomblob(2)), 1, 3) || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(8)), 1, 15))`
  await exec(`CREATE TRIGGER sync_comments_ai AFTER INSERT ON comments WHEN ${recording} AND new.author IS NULL BEGIN
    INSERT INTO sync_objects (kind, key, local_id) VALUES ('comment', ${uuid7}, new.id);
    ${outbox} VALUES ('comment', 'insert', new.id, ${payload}); END`)
  await exec(`CREATE TRIGGER sync_comments_au AFTER UPDATE OF text ON comments
    WHEN ${recording} AND new.author IS NULL AND old.text IS NOT new.text BEGIN
    ${outbox} VALUES ('comment', 'update', new.id, ${payload}); END`)
  // Comments removed with their article are not deletions of their own (the article's is).
  await exec(`CREATE TRIGGER sync_comments_ad AFTER DELETE ON comments
    WHEN ${recording} AND old.author IS NULL AND EXISTS (SELECT 1 FROM articles WHERE id = old.article_id) BEGIN
    ${outbox} VALUES ('comment', 'delete', old.id,
      json_object('key', (SELECT key FROM sync_objects WHERE kind = 'comment' AND local_id = old.id AND deleted = 0 LIMIT 1)));
    UPDATE sync_objects SET deleted = 1 WHERE kind = 'comment' AND local_id = old.id AND deleted = 0; END`)
}
