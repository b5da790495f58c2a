// Test library builder for the search, list and tag tests: real SQLite files (tests/helpers/test-db.ts),
// real text: the hualong fixture (Traditional, tests/fixtures/import) and the Sina news corpus from
// ../shared when it is there (it has no licence, so it is never copied), else generated Simplified text.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../../src/main/db/connection'
import { removePinyinGlosses } from '../../src/main/services/cleanup/pinyin-gloss'
import { attachTags } from '../../src/main/db/repositories/tag.repository'
import { indexArticles } from '../../src/main/services/search'
import { generateArticles } from '../../bench/lib'

const SHARED = join(__dirname, '..', '..', '..', 'shared')

/** The raw hualong fixture (Traditional, machine-converted, with pinyin glosses such as 區(qū)). */
export const HUALONG_RAW = readFileSync(join(__dirname, '..', 'fixtures', 'import', 'hualong-article.txt'), 'utf8')
/** Its cleaned text, as the import stores it in body_text (glosses removed by the import cleanup). */
export const HUALONG = removePinyinGlosses(HUALONG_RAW).text

/** The first `count` articles of the shared news corpus (never copied into the repo). */
export function corpusArticles(count: number): { title: string; content: string }[] {
  const file = join(SHARED, 'corpus', 'chinese_news_2018_sina.jsonl')
  if (!existsSync(file)) return generateArticles(count, 11)
  const out: { title: string; content: string }[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (out.length >= count) break
    if (!line.trim()) continue
    const obj = JSON.parse(line) as { title?: string; content?: string }
    if (obj.content) out.push({ title: String(obj.title ?? ''), content: obj.content })
  }
  return out
}

export interface NewArticle {
  title: string
  body: string
  source?: string | null
  publishedAt?: string | null
  importedAt?: string
  read?: boolean
  tags?: string[]
}

let seq = 0

/** Inserts an article row directly (as the import pipeline would) and indexes it. */
export function addArticle(db: Db, a: NewArticle): number {
  const now = a.importedAt ?? new Date(Date.UTC(2024, 0, 1) + seq * 60_000).toISOString()
  seq++
  const id = Number(
    db.sqlite
      .prepare(
        `INSERT INTO articles (title, source, published_at, imported_at, raw_text, raw_format, body_text, content_hash, read_state, updated_at)
         VALUES (?, ?, ?, ?, ?, 'txt', ?, ?, ?, ?)`
      )
      .run(a.title, a.source ?? null, a.publishedAt ?? null, now, a.body, a.body, `hash-${seq}-${Math.random()}`, a.read ? 'read' : 'unread', now)
      .lastInsertRowid
  )
  if (a.tags?.length) attachTags(db, id, a.tags, 'import')
  indexArticles(db, [id])
  return id
}

export const unmark = (s: string | undefined) => (s ?? '').replace(/\uE000/g, '[').replace(/\uE001/g, ']')
