// Migration 0002: full-text search index, tag count cache and list indexes. Frozen in time: never edit after
// release; add a new migration.
//
// - search_bi: contentless FTS5 table of overlapping bigrams (+ whole Latin words) of the script-folded
//   title, body and "meta" (tag names, annotation quotes and notes); detail=full because a word of three or
//   more characters is matched as a phrase of consecutive bigrams. Contentless: the text is already stored
//   in `articles`, so the index holds only the token lists.
// - search_uni: the distinct characters of each article, detail=none, for one-character queries.
// - search_dirty: article ids whose index entry is stale. Triggers fill it whenever something the index
//   reads changes (also from code that does not know about search); the search service drains it.
// - tag_stats: per-tag article counts kept by triggers, so the tag list never counts 100k rows.
// - tag_ancestors / tag_tree_stats: every tag's path prefixes (itself included) and, per prefix, the number
//   of distinct articles in that subtree, kept by triggers so hierarchical counts need no DISTINCT over
//   100k links. Triggers cannot loop or use CTEs, so prefixes are cut at the '/' positions listed in
//   tag_positions (1..200, the longest tag name). A rename or a deleted tag only marks the tree counts
//   stale (search_meta 'tag_tree_stale'); the tag service then recounts once.
// - tag_undo: the change log of recent tag operations (see services/tags/operations.ts), in the database so
//   an undo token works from the app, the preview host and the CLI alike, and survives a restart.
//
// A migration never imports live code: the tokenizer below is version 1 as this migration shipped it,
// written out here. Script folding (foldForSearch) is shared data, not search code; a change to it or to
// the live tokenizer bumps TOKENIZER_VERSION, and ensureSearchIndexCurrent rebuilds the index at start.
import { sql, type Kysely } from 'kysely'
import { foldForSearch } from '@shared/script'

const TOKENIZER_VERSION = 1
const RUN_BREAK = '\uE002'
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3007\u3005]/u
const WORD = /[\p{L}\p{N}\p{M}]/u

// Character classes (0 separator, 1 CJK, 2 word character), memoised per BMP code unit.
const bmpClass = new Int8Array(0x10000).fill(-1)

function classOf(ch: string): number {
  const code = ch.length === 1 ? ch.charCodeAt(0) : -1
  const known = code >= 0 ? (bmpClass[code] as number) : -1
  if (known >= 0) return known
  const cls = CJK.test(ch) ? 1 : WORD.test(ch) ? 2 : 0
  if (code >= 0) bmpClass[code] = cls
  return cls
}

/** Runs of CJK characters or of word characters, by code point; anything else ends a run. */
function runsOf(folded: string): { cjk: boolean; chars: string[] }[] {
  const runs: { cjk: boolean; chars: string[] }[] = []
  let current: { cjk: boolean; chars: string[] } | null = null
  for (const ch of folded) {
    const cls = classOf(ch)
    if (cls === 0) {
      current = null
      continue
    }
    if (!current || current.cjk !== (cls === 1)) {
      current = { cjk: cls === 1, chars: [] }
      runs.push(current)
    }
    current.chars.push(ch)
  }
  return runs
}

/** Overlapping bigrams of each CJK run (a lone character as itself), whole words, RUN_BREAK between AB。BC. */
function documentTokens(folded: string): string {
  const out: string[] = []
  let last = ''
  for (const { cjk, chars } of runsOf(folded)) {
    if (!cjk) {
      out.push(chars.join(''))
      last = ''
      continue
    }
    if (chars[0] === last) out.push(RUN_BREAK)
    if (chars.length === 1) out.push(chars[0] as string)
    for (let k = 0; k + 1 < chars.length; k++) out.push((chars[k] as string) + (chars[k + 1] as string))
    last = chars[chars.length - 1] as string
  }
  return out.join(' ')
}

/** The distinct CJK characters of some folded texts. */
function unigramTokens(...folded: string[]): string {
  const seen = new Set<string>()
  for (const text of folded) for (const ch of text) if (classOf(ch) === 1) seen.add(ch)
  return [...seen].join(' ')
}

/** An article's index entry; meta is its tag names, annotation quotes and notes. */
function buildSearchDoc(input: { title: string; body: string; meta: string[] }): { title: string; body: string; meta: string; uni: string } {
  const title = foldForSearch(input.title)
  const body = foldForSearch(input.body)
  // Newlines keep separate items from forming bigrams across their boundary.
  const meta = foldForSearch(input.meta.join('\n'))
  return { title: documentTokens(title), body: documentTokens(body), meta: documentTokens(meta), uni: unigramTokens(title, body, meta) }
}

export async function up(db: Kysely<any>): Promise<void> {
  const exec = (statement: string) => sql.raw(statement).execute(db)

  await exec(
    "CREATE VIRTUAL TABLE search_bi USING fts5(title, body, meta, content='', contentless_delete=1, detail=full, tokenize='ascii')"
  )
  await exec(
    "CREATE VIRTUAL TABLE search_uni USING fts5(chars, content='', contentless_delete=1, detail=none, tokenize='ascii')"
  )
  await exec('CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
  await exec('CREATE TABLE search_dirty (article_id INTEGER PRIMARY KEY)')

  // Staleness triggers. Deleting an article drops its entries at once (no stale hits after an undo).
  await exec(`CREATE TRIGGER search_articles_ai AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) VALUES (new.id); END`)
  await exec(`CREATE TRIGGER search_articles_au AFTER UPDATE OF title, body_text ON articles BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) VALUES (new.id); END`)
  await exec(`CREATE TRIGGER search_articles_ad AFTER DELETE ON articles BEGIN
    DELETE FROM search_bi WHERE rowid = old.id;
    DELETE FROM search_uni WHERE rowid = old.id;
    DELETE FROM search_dirty WHERE article_id = old.id; END`)
  await exec(`CREATE TRIGGER search_article_tags_ai AFTER INSERT ON article_tags BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) VALUES (new.article_id); END`)
  await exec(`CREATE TRIGGER search_article_tags_ad AFTER DELETE ON article_tags BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) SELECT old.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = old.article_id); END`)
  await exec(`CREATE TRIGGER search_tags_au AFTER UPDATE OF name ON tags BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) SELECT article_id FROM article_tags WHERE tag_id = new.id; END`)
  await exec(`CREATE TRIGGER search_annotations_ai AFTER INSERT ON annotations BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) VALUES (new.article_id); END`)
  await exec(`CREATE TRIGGER search_annotations_au AFTER UPDATE OF exact, note ON annotations BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) VALUES (new.article_id); END`)
  await exec(`CREATE TRIGGER search_annotations_ad AFTER DELETE ON annotations BEGIN
    INSERT OR IGNORE INTO search_dirty (article_id) SELECT old.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = old.article_id); END`)

  // Tag counts: article_tags has (article_id, tag_id) as primary key, so the row count is the article count.
  await exec(`CREATE TABLE tag_stats (
    tag_id INTEGER PRIMARY KEY REFERENCES tags(id) ON DELETE CASCADE,
    article_count INTEGER NOT NULL DEFAULT 0)`)
  await exec(`CREATE TRIGGER tag_stats_ai AFTER INSERT ON article_tags BEGIN
    INSERT INTO tag_stats (tag_id, article_count) VALUES (new.tag_id, 1)
      ON CONFLICT (tag_id) DO UPDATE SET article_count = article_count + 1; END`)
  await exec(`CREATE TRIGGER tag_stats_ad AFTER DELETE ON article_tags BEGIN
    UPDATE tag_stats SET article_count = article_count - 1 WHERE tag_id = old.tag_id; END`)
  await exec(`CREATE TRIGGER tag_stats_au AFTER UPDATE OF tag_id ON article_tags WHEN old.tag_id <> new.tag_id BEGIN
    UPDATE tag_stats SET article_count = article_count - 1 WHERE tag_id = old.tag_id;
    INSERT INTO tag_stats (tag_id, article_count) VALUES (new.tag_id, 1)
      ON CONFLICT (tag_id) DO UPDATE SET article_count = article_count + 1; END`)
  await exec(
    'INSERT INTO tag_stats (tag_id, article_count) SELECT tag_id, count(*) FROM article_tags GROUP BY tag_id'
  )

  await exec('CREATE TABLE tag_positions (i INTEGER PRIMARY KEY)')
  await exec('WITH RECURSIVE s(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM s WHERE i < 200) INSERT INTO tag_positions (i) SELECT i FROM s')
  await exec(`CREATE TABLE tag_ancestors (tag_id INTEGER NOT NULL, anc TEXT NOT NULL, PRIMARY KEY (tag_id, anc)) WITHOUT ROWID`)
  await exec('CREATE TABLE tag_tree_stats (anc TEXT PRIMARY KEY, article_count INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID')
  const prefixesOf = (tag: string) => `SELECT ${tag}.id, ${tag}.norm_name
      UNION SELECT ${tag}.id, substr(${tag}.norm_name, 1, p.i - 1) FROM tag_positions p
      WHERE p.i <= length(${tag}.norm_name) AND substr(${tag}.norm_name, p.i, 1) = '/'`
  await exec(`CREATE TRIGGER tag_ancestors_ai AFTER INSERT ON tags BEGIN
    INSERT OR IGNORE INTO tag_ancestors (tag_id, anc) ${prefixesOf('new')}; END`)
  await exec(`CREATE TRIGGER tag_ancestors_au AFTER UPDATE OF norm_name ON tags BEGIN
    DELETE FROM tag_ancestors WHERE tag_id = old.id;
    INSERT OR IGNORE INTO tag_ancestors (tag_id, anc) ${prefixesOf('new')};
    INSERT OR REPLACE INTO search_meta (key, value) VALUES ('tag_tree_stale', '1'); END`)
  await exec(`CREATE TRIGGER tag_ancestors_ad AFTER DELETE ON tags BEGIN
    DELETE FROM tag_ancestors WHERE tag_id = old.id;
    INSERT OR REPLACE INTO search_meta (key, value) VALUES ('tag_tree_stale', '1'); END`)
  // An article counts in a subtree once: only its first tag there adds it, only its last one removes it.
  const otherInSubtree = (link: string) => `EXISTS (SELECT 1 FROM article_tags x JOIN tag_ancestors tb ON tb.tag_id = x.tag_id AND tb.anc = ta.anc
      WHERE x.article_id = ${link}.article_id AND x.tag_id <> ${link}.tag_id)`
  await exec(`CREATE TRIGGER tag_tree_stats_ai AFTER INSERT ON article_tags BEGIN
    INSERT INTO tag_tree_stats (anc, article_count)
      SELECT ta.anc, 1 FROM tag_ancestors ta WHERE ta.tag_id = new.tag_id AND NOT ${otherInSubtree('new')}
      ON CONFLICT (anc) DO UPDATE SET article_count = article_count + 1; END`)
  await exec(`CREATE TRIGGER tag_tree_stats_ad AFTER DELETE ON article_tags BEGIN
    UPDATE tag_tree_stats SET article_count = article_count - 1
      WHERE anc IN (SELECT ta.anc FROM tag_ancestors ta WHERE ta.tag_id = old.tag_id AND NOT ${otherInSubtree('old')}); END`)
  await exec(`INSERT INTO tag_ancestors (tag_id, anc) SELECT t.id, t.norm_name FROM tags t
      UNION SELECT t.id, substr(t.norm_name, 1, p.i - 1) FROM tags t JOIN tag_positions p
      ON p.i <= length(t.norm_name) AND substr(t.norm_name, p.i, 1) = '/'`)
  await exec(`INSERT INTO tag_tree_stats (anc, article_count)
      SELECT ta.anc, count(DISTINCT at.article_id) FROM article_tags at JOIN tag_ancestors ta ON ta.tag_id = at.tag_id GROUP BY ta.anc`)

  await exec(`CREATE TABLE tag_undo (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    changes_json TEXT NOT NULL,
    created_at TEXT NOT NULL)`)

  // List filters that would otherwise read whole article rows (read_state is stored after the large text
  // columns, so reading it follows each row's overflow pages).
  await exec('CREATE INDEX articles_read_imported ON articles (read_state, imported_at, id)')
  await exec('CREATE INDEX articles_date ON articles (coalesce(published_at, imported_at), id)')

  await sql`INSERT INTO search_meta (key, value) VALUES ('tokenizer_version', ${String(TOKENIZER_VERSION)})`.execute(db)

  // Index the articles that already exist, in batches (this runs inside the migration's transaction).
  let lastId = 0
  for (;;) {
    const rows = (
      await sql<{ id: number; title: string; body_text: string }>`
        SELECT id, title, body_text FROM articles WHERE id > ${lastId} ORDER BY id LIMIT 200`.execute(db)
    ).rows
    if (rows.length === 0) break
    lastId = rows[rows.length - 1]!.id
    const ids = rows.map((r) => r.id)
    const meta = new Map<number, string[]>()
    const add = (id: number, text: string | null) => {
      if (!text) return
      const list = meta.get(id) ?? []
      list.push(text)
      meta.set(id, list)
    }
    const tags = await sql<{ article_id: number; name: string }>`
      SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
      WHERE at.article_id IN (${sql.join(ids)})`.execute(db)
    for (const t of tags.rows) add(t.article_id, t.name)
    const notes = await sql<{ article_id: number; exact: string; note: string | null }>`
      SELECT article_id, exact, note FROM annotations WHERE article_id IN (${sql.join(ids)})`.execute(db)
    for (const n of notes.rows) {
      add(n.article_id, n.exact)
      add(n.article_id, n.note)
    }
    for (const row of rows) {
      const doc = buildSearchDoc({ title: row.title, body: row.body_text, meta: meta.get(row.id) ?? [] })
      await sql`INSERT INTO search_bi (rowid, title, body, meta) VALUES (${row.id}, ${doc.title}, ${doc.body}, ${doc.meta})`.execute(db)
      await sql`INSERT INTO search_uni (rowid, chars) VALUES (${row.id}, ${doc.uni})`.execute(db)
    }
  }
  await exec('DELETE FROM search_dirty')
}
