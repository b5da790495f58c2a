// An article's body as the group stores it: the texts highlights are anchored on, verbatim, so a
// colleague's library holds the same texts and every offset means the same words there. Metadata that
// can be edited (title, author, source, url, date) travels as versioned fields instead, so the body and
// its hash never change after import. The sanitised HTML stays home: the reader shows plain text, and HTML
// from another machine would be input no sanitiser of ours has seen.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { ArticleRow, NewArticleRow } from '../../db/database'
import { PENDING_HASH_PREFIX, type BodyTexts } from '../../db/repositories/sync.repository'

const articleDoc = z.strictObject({
  v: z.literal(1),
  rawText: z.string(),
  rawFormat: z.string(),
  rawEncoding: z.string().nullable(),
  bodyText: z.string(),
  removedJson: z.string(),
  sourceScript: z.string().nullable(),
  contentHash: z.string(),
  editor: z.string().nullable(),
  originalFile: z.string().nullable()
})
export type ArticleDoc = z.infer<typeof articleDoc>

/** The body to upload and its address (sha256 of the UTF-8 bytes). Keys in a fixed order: same texts, same hash, on any desk. */
export function articleBody(row: ArticleRow): { body: string; hash: string } {
  const doc: ArticleDoc = {
    v: 1,
    rawText: row.raw_text,
    rawFormat: row.raw_format,
    rawEncoding: row.raw_encoding,
    bodyText: row.body_text,
    removedJson: row.removed_json,
    sourceScript: row.source_script,
    contentHash: row.content_hash,
    editor: row.editor,
    // Not the file it came from: that path is this machine's, and with it the same page imported on two
    // desks would be two articles of the group (the key is the body's hash).
    originalFile: null
  }
  const body = JSON.stringify(doc)
  return { body, hash: sha256(body) }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * The row a pulled article has before its body arrives: empty texts, `pending:<key>` as its content hash
 * (the marker the body fetch looks for) and `pending` as its format, which the reader shows as a body
 * still downloading. Metadata comes as fields, as for any article.
 */
export function placeholderRow(key: string, title: string, now: string): NewArticleRow {
  return {
    title,
    source: null,
    url: null,
    author: null,
    editor: null,
    published_at: null,
    imported_at: now,
    raw_text: '',
    raw_format: PENDING_FORMAT,
    raw_encoding: null,
    original_file: null,
    body_text: '',
    body_html: null,
    removed_json: '{}',
    source_script: null,
    content_hash: PENDING_HASH_PREFIX + key,
    import_id: null,
    script_override: null,
    last_opened_at: null,
    updated_at: now
  }
}

export const PENDING_FORMAT = 'pending'

/** A pulled body as the texts of its article; null when it is not one of ours or does not match its hash. */
export function textsFromBody(body: string, hash: string): BodyTexts | null {
  if (sha256(body) !== hash) return null
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return null
  }
  const parsed = articleDoc.safeParse(value)
  if (!parsed.success) return null
  const d = parsed.data
  return {
    raw_text: d.rawText,
    raw_format: d.rawFormat,
    raw_encoding: d.rawEncoding,
    original_file: d.originalFile,
    body_text: d.bodyText,
    removed_json: d.removedJson,
    source_script: d.sourceScript,
    content_hash: d.contentHash,
    editor: d.editor
  }
}
