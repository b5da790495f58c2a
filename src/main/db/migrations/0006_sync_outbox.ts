// Migration 0006: the team-archive client's state (issue 15). Frozen in time: never edit after release;
// add a new migration.
//
// - sync_binding: the one group this library is joined to (server, group, member, last pulled version,
//   last result). `applying` is 1 only inside the transaction that applies a pull, so the triggers below
//   never echo the server's changes back to it. The member token lives beside the settings (key
//   'sync.token'), never in this table and never sent to the renderer.
// - sync_outbox: every shared change, written by triggers IN THE SAME TRANSACTION as the change, whatever
//   wrote it (import, annotation import, undo, tag operations). op_id is the operation id sent to the
//   server, so a resend after a cut connection is recognised there and applied once. The payload is the
//   change as it was made (a later edit is a later row), so a resend is byte for byte the same request.
// - sync_objects: the server's objects this library knows: key ↔ local id and the version last seen
//   (what a write is conditional on). Deleted objects stay, marked, so a late echo is recognised.
// - annotations.author: null for this library's own member; the colleague's name for their layer.
//
// Triggers record only while the library is bound (and not applying a pull): an unbound library keeps no
// outbox, and binding enqueues what exists then in one statement per table (sync.repository seedOutbox).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const exec = (statement: string) => sql.raw(statement).execute(db)

  await exec(`CREATE TABLE sync_binding (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server TEXT NOT NULL,
    group_id TEXT NOT NULL,
    member_name TEXT NOT NULL,
    member_role TEXT NOT NULL,
    last_version INTEGER NOT NULL DEFAULT 0,
    last_synced_at TEXT,
    last_error TEXT,
    applying INTEGER NOT NULL DEFAULT 0,
    bound_at TEXT NOT NULL)`)
  await exec(`CREATE TABLE sync_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    entity TEXT NOT NULL CHECK (entity IN ('article','field','tag','annotation')),
    op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    local_id INTEGER NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`)
  await exec(`CREATE TABLE sync_objects (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    local_id INTEGER,
    version INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, key)) WITHOUT ROWID`)
  await exec('CREATE INDEX sync_objects_local ON sync_objects (kind, local_id)')
  await exec('ALTER TABLE annotations ADD COLUMN author TEXT')

  const recording = 'EXISTS (SELECT 1 FROM sync_binding WHERE applying = 0)'
  const articleExists = (ref: string): string => `EXISTS (SELECT 1 FROM articles WHERE id = ${ref})`
  const liveKey = (ref: string): string => `(SELECT key FROM sync_objects WHERE kind = 'annotation' AND local_id = ${ref} AND deleted = 0)`
  const annotationPayload = `json_object('article', new.article_id, 'start', new.start_offset, 'end', new.end_offset, 'quote', new.exact,
      'note', coalesce(new.note, ''), 'color', new.color, 'textKind', new.text_kind)`
  const outbox = 'INSERT INTO sync_outbox (entity, op, local_id, payload)'

  await exec(`CREATE TRIGGER sync_articles_ai AFTER INSERT ON articles WHEN ${recording} BEGIN
    ${outbox} VALUES ('article', 'insert', new.id, '{}'); END`)
  // The key is read now: the object map outlives the row.
  await exec(`CREATE TRIGGER sync_articles_ad AFTER DELETE ON articles WHEN ${recording} BEGIN
    ${outbox} VALUES ('article', 'delete', old.id,
      json_object('key', (SELECT key FROM sync_objects WHERE kind = 'article' AND local_id = old.id AND deleted = 0 LIMIT 1))); END`)
  const field = (name: string, column: string): string =>
    `${outbox} SELECT 'field', 'update', new.id, json_object('field', '${name}', 'value', new.${column}) WHERE old.${column} IS NOT new.${column};`
  await exec(`CREATE TRIGGER sync_articles_au AFTER UPDATE OF title, author, source, url, published_at ON articles WHEN ${recording} BEGIN
    ${field('title', 'title')}
    ${field('author', 'author')}
    ${field('source', 'source')}
    ${field('url', 'url')}
    ${field('publishedAt', 'published_at')} END`)

  // Tags as a set of (article, name). A link removed because its article was deleted is not a tag change;
  // a link removed because its tag was deleted is recorded before the tag goes (the cascade runs after it).
  const tagName = (ref: string): string => `(SELECT name FROM tags WHERE id = ${ref})`
  await exec(`CREATE TRIGGER sync_article_tags_ai AFTER INSERT ON article_tags WHEN ${recording} BEGIN
    ${outbox} VALUES ('tag', 'insert', new.article_id, json_object('tag', ${tagName('new.tag_id')})); END`)
  await exec(`CREATE TRIGGER sync_article_tags_ad AFTER DELETE ON article_tags
    WHEN ${recording} AND ${articleExists('old.article_id')} AND EXISTS (SELECT 1 FROM tags WHERE id = old.tag_id) BEGIN
    ${outbox} VALUES ('tag', 'delete', old.article_id, json_object('tag', ${tagName('old.tag_id')})); END`)
  await exec(`CREATE TRIGGER sync_article_tags_au AFTER UPDATE OF tag_id ON article_tags WHEN ${recording} AND old.tag_id IS NOT new.tag_id BEGIN
    ${outbox} VALUES ('tag', 'delete', old.article_id, json_object('tag', ${tagName('old.tag_id')}));
    ${outbox} VALUES ('tag', 'insert', new.article_id, json_object('tag', ${tagName('new.tag_id')})); END`)
  await exec(`CREATE TRIGGER sync_tags_bd BEFORE DELETE ON tags WHEN ${recording} BEGIN
    ${outbox} SELECT 'tag', 'delete', article_id, json_object('tag', old.name) FROM article_tags WHERE tag_id = old.id; END`)
  await exec(`CREATE TRIGGER sync_tags_au AFTER UPDATE OF name ON tags WHEN ${recording} AND old.name IS NOT new.name BEGIN
    ${outbox} SELECT 'tag', 'delete', article_id, json_object('tag', old.name) FROM article_tags WHERE tag_id = new.id;
    ${outbox} SELECT 'tag', 'insert', article_id, json_object('tag', new.name) FROM article_tags WHERE tag_id = new.id; END`)

  // Only the member's own highlights (author null) are theirs to change on the server. Each gets its
  // server key when it is made; a re-inserted one (undo of a delete) gets a new key, the old one is gone.
  await exec(`CREATE TRIGGER sync_annotations_ai AFTER INSERT ON annotations WHEN ${recording} AND new.author IS NULL BEGIN
    INSERT INTO sync_objects (kind, key, local_id) VALUES ('annotation', lower(hex(randomblob(16))), new.id);
    ${outbox} VALUES ('annotation', 'insert', new.id, ${annotationPayload}); END`)
  await exec(`CREATE TRIGGER sync_annotations_au AFTER UPDATE OF color, note, start_offset, end_offset, exact ON annotations
    WHEN ${recording} AND new.author IS NULL BEGIN
    ${outbox} VALUES ('annotation', 'update', new.id, ${annotationPayload}); END`)
  // Highlights removed with their article are not deletions of their own (the article's is).
  await exec(`CREATE TRIGGER sync_annotations_ad AFTER DELETE ON annotations
    WHEN ${recording} AND old.author IS NULL AND ${articleExists('old.article_id')} BEGIN
    ${outbox} VALUES ('annotation', 'delete', old.id, json_object('key', ${liveKey('old.id')}));
    UPDATE sync_objects SET deleted = 1 WHERE kind = 'annotation' AND local_id = old.id AND deleted = 0; END`)
}
