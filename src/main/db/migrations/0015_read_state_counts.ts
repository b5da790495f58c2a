// Migration 0015: the number of articles in each read state, kept by triggers (issue 16). Frozen in time:
// never edit after release; add a new migration.
//
// The read filter's total was counted from articles_read_imported on every page after a write: 700,100
// unread articles on 1,000,000 took 40-47 ms (the middle page of the unread list spent as long counting
// as reading its rows), and the first page showed "about 700,000". One row per state makes it exact and free.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const exec = (statement: string) => sql.raw(statement).execute(db)
  await exec('CREATE TABLE read_state_counts (read_state TEXT PRIMARY KEY, article_count INTEGER NOT NULL) WITHOUT ROWID')
  await exec(`INSERT INTO read_state_counts (read_state, article_count)
    SELECT s.state, (SELECT count(*) FROM articles INDEXED BY articles_read_imported WHERE read_state = s.state)
    FROM (SELECT 'unread' AS state UNION ALL SELECT 'read') s`)
  await exec(`CREATE TRIGGER read_state_counts_ai AFTER INSERT ON articles BEGIN
    UPDATE read_state_counts SET article_count = article_count + 1 WHERE read_state = new.read_state; END`)
  await exec(`CREATE TRIGGER read_state_counts_ad AFTER DELETE ON articles BEGIN
    UPDATE read_state_counts SET article_count = article_count - 1 WHERE read_state = old.read_state; END`)
  await exec(`CREATE TRIGGER read_state_counts_au AFTER UPDATE OF read_state ON articles WHEN old.read_state IS NOT new.read_state BEGIN
    UPDATE read_state_counts SET article_count = article_count - 1 WHERE read_state = old.read_state;
    UPDATE read_state_counts SET article_count = article_count + 1 WHERE read_state = new.read_state; END`)
}
