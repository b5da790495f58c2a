// Tag edits (main process): add/remove on many articles, rename (with sub-tags), merge and delete, each
// recorded as a list of primitive changes so `undoTagOperation` can reverse it exactly.
//
// Why a change log rather than inverse operations: a rename that lands on an existing name becomes a
// merge, and a merge cannot be reversed from its arguments alone (which article had which tag is lost).
// Recording every created/renamed/deleted tag and every added/removed link keeps undo exact.
import { randomUUID } from 'node:crypto'
import { AppError } from '@shared/result'
import type { Db } from '../../db/connection'
import { cleanTagName, normalizeTagName } from '../../db/repositories/tag.repository'

interface TagInfo {
  id: number
  name: string
  norm_name: string
  created_at: string
}

type Change =
  | { kind: 'tagCreated'; tag: TagInfo }
  | { kind: 'tagDeleted'; tag: TagInfo }
  | { kind: 'tagRenamed'; id: number; from: { name: string; norm: string }; to: { name: string; norm: string } }
  | { kind: 'linkAdded'; articleId: number; tagId: number }
  | { kind: 'linkRemoved'; articleId: number; tagId: number; origin: 'import' | 'user' }

export type TagOperationKind = 'add' | 'remove' | 'rename' | 'merge' | 'delete'

export interface TagOperationResult {
  /** Pass to undoTagOperation to reverse this operation (the last 100 operations are kept, in tag_undo). */
  token: string
  kind: TagOperationKind
  /** Articles whose tags changed. */
  articles: number
  /** Tags created, renamed or deleted. */
  tags: number
}


const MAX_UNDO = 100

/** Display form of a tag name: NFKC, trimmed segments, single spaces, no empty path segments. */
export { cleanTagName }

function tagNorm(name: string): string {
  return normalizeTagName(cleanTagName(name))
}

/** Records changes while applying them. */
class ChangeLog {
  readonly changes: Change[] = []
  readonly articles = new Set<number>()
  readonly tags = new Set<number>()
  constructor(private readonly db: Db) {}

  private get sql() {
    return this.db.sqlite
  }

  findTag(norm: string): TagInfo | undefined {
    return this.sql.prepare('SELECT id, name, norm_name, created_at FROM tags WHERE norm_name = ?').get(norm) as
      | TagInfo
      | undefined
  }

  /** The tag with this name and its sub-tags, parents first. */
  subtree(norm: string): TagInfo[] {
    return this.sql
      .prepare(
        'SELECT id, name, norm_name, created_at FROM tags WHERE norm_name = ? OR (norm_name >= ? AND norm_name < ?) ORDER BY norm_name'
      )
      .all(norm, norm + '/', norm + '0') as TagInfo[]
  }

  ensureTag(name: string): TagInfo {
    const display = cleanTagName(name)
    const norm = normalizeTagName(display)
    const existing = this.findTag(norm)
    if (existing) return existing
    const createdAt = new Date().toISOString()
    const id = Number(
      this.sql.prepare('INSERT INTO tags (name, norm_name, created_at) VALUES (?, ?, ?)').run(display, norm, createdAt)
        .lastInsertRowid
    )
    const tag = { id, name: display, norm_name: norm, created_at: createdAt }
    this.changes.push({ kind: 'tagCreated', tag })
    this.tags.add(id)
    return tag
  }

  addLink(articleId: number, tagId: number, origin: 'import' | 'user' = 'user'): void {
    const r = this.sql
      .prepare('INSERT OR IGNORE INTO article_tags (article_id, tag_id, origin) VALUES (?, ?, ?)')
      .run(articleId, tagId, origin)
    if (r.changes > 0) {
      this.changes.push({ kind: 'linkAdded', articleId, tagId })
      this.articles.add(articleId)
    }
  }

  removeLink(articleId: number, tagId: number): void {
    const row = this.sql
      .prepare('SELECT origin FROM article_tags WHERE article_id = ? AND tag_id = ?')
      .get(articleId, tagId) as { origin: 'import' | 'user' } | undefined
    if (!row) return
    this.sql.prepare('DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?').run(articleId, tagId)
    this.changes.push({ kind: 'linkRemoved', articleId, tagId, origin: row.origin })
    this.articles.add(articleId)
  }

  links(tagId: number): { article_id: number; origin: 'import' | 'user' }[] {
    return this.sql.prepare('SELECT article_id, origin FROM article_tags WHERE tag_id = ? ORDER BY article_id').all(tagId) as {
      article_id: number
      origin: 'import' | 'user'
    }[]
  }

  deleteTag(tag: TagInfo): void {
    for (const link of this.links(tag.id)) this.removeLink(link.article_id, tag.id)
    this.sql.prepare('DELETE FROM tags WHERE id = ?').run(tag.id)
    this.changes.push({ kind: 'tagDeleted', tag })
    this.tags.add(tag.id)
  }

  renameTag(tag: TagInfo, name: string, norm: string): void {
    this.sql.prepare('UPDATE tags SET name = ?, norm_name = ? WHERE id = ?').run(name, norm, tag.id)
    this.changes.push({ kind: 'tagRenamed', id: tag.id, from: { name: tag.name, norm: tag.norm_name }, to: { name, norm } })
    this.tags.add(tag.id)
    for (const link of this.links(tag.id)) this.articles.add(link.article_id)
  }

  /** Moves every link of `from` onto `to` (keeping each link's origin) and deletes `from`. */
  mergeInto(from: TagInfo, to: TagInfo): void {
    for (const link of this.links(from.id)) {
      this.removeLink(link.article_id, from.id)
      this.addLink(link.article_id, to.id, link.origin)
    }
    this.deleteTag(from)
  }

  /** Renames `from` and its sub-tags to `to`; where a new name already exists the tags are merged. */
  renameSubtree(fromName: string, toName: string): void {
    const fromNorm = tagNorm(fromName)
    const toDisplay = cleanTagName(toName)
    const toNorm = normalizeTagName(toDisplay)
    if (!fromNorm || !toNorm) throw new AppError('invalid-argument', 'tag names cannot be empty')
    if (toNorm.startsWith(fromNorm + '/')) throw new AppError('invalid-argument', `cannot move “${fromName}” under itself`)
    const tags = this.subtree(fromNorm)
    if (tags.length === 0) throw new AppError('not-found', `no tag “${fromName}”`)
    const depth = fromNorm.split('/').length
    for (const tag of tags) {
      const rest = tag.name.split('/').slice(depth)
      const name = [toDisplay, ...rest].join('/')
      const norm = normalizeTagName(name)
      if (name === tag.name) continue
      const target = norm === tag.norm_name ? undefined : this.findTag(norm)
      if (target) this.mergeInto(tag, target)
      else this.renameTag(tag, name, norm)
    }
  }

  /** Saves the change log in the operation's transaction, so the log and the change never disagree. */
  save(kind: TagOperationKind): TagOperationResult {
    const token = randomUUID()
    this.sql
      .prepare('INSERT INTO tag_undo (token, kind, changes_json, created_at) VALUES (?, ?, ?, ?)')
      .run(token, kind, JSON.stringify(this.changes), new Date().toISOString())
    this.sql
      .prepare('DELETE FROM tag_undo WHERE rowid NOT IN (SELECT rowid FROM tag_undo ORDER BY rowid DESC LIMIT ?)')
      .run(MAX_UNDO)
    return { token, kind, articles: this.articles.size, tags: this.tags.size }
  }
}

function run(db: Db, kind: TagOperationKind, fn: (log: ChangeLog) => void): TagOperationResult {
  const log = new ChangeLog(db)
  const apply = () => {
    fn(log)
    return log.save(kind)
  }
  return db.sqlite.inTransaction ? apply() : db.sqlite.transaction(apply).immediate()
}

function checkNames(names: readonly string[]): string[] {
  const cleaned = [...new Set(names.map(cleanTagName).filter((n) => n.length > 0))]
  if (cleaned.length === 0) throw new AppError('invalid-argument', 'no tag name given')
  return cleaned
}

/** Adds these tags (created when new; script variants of an existing name reuse it) to these articles. */
export function addTags(db: Db, articleIds: readonly number[], names: readonly string[]): TagOperationResult {
  const cleaned = checkNames(names)
  return run(db, 'add', (log) => {
    const existing = new Set(
      (db.sqlite.prepare(`SELECT id FROM articles WHERE id IN (${articleIds.map(Number).join(',') || 'NULL'})`).all() as {
        id: number
      }[]).map((r) => r.id)
    )
    if (existing.size === 0) throw new AppError('not-found', 'no such article')
    for (const name of cleaned) {
      const tag = log.ensureTag(name)
      for (const id of articleIds) if (existing.has(id)) log.addLink(id, tag.id, 'user')
    }
  })
}

/** Removes these tags (exact names, script-insensitive; sub-tags stay) from these articles. */
export function removeTags(db: Db, articleIds: readonly number[], names: readonly string[]): TagOperationResult {
  const cleaned = checkNames(names)
  return run(db, 'remove', (log) => {
    for (const name of cleaned) {
      const tag = log.findTag(normalizeTagName(name))
      if (!tag) continue
      for (const id of articleIds) log.removeLink(id, tag.id)
    }
  })
}

/** Renames a tag; its sub-tags follow (政法/x → 法治/x). Renaming onto an existing name merges. */
export function renameTag(db: Db, from: string, to: string): TagOperationResult {
  return run(db, 'rename', (log) => log.renameSubtree(from, to))
}

/** Merges these tags (with their sub-tags) into `to`, which is created when it does not exist. */
export function mergeTags(db: Db, from: readonly string[], to: string): TagOperationResult {
  const target = cleanTagName(to)
  if (!target) throw new AppError('invalid-argument', 'no target tag')
  return run(db, 'merge', (log) => {
    const targetNorm = normalizeTagName(target)
    let merged = 0
    for (const name of checkNames(from)) {
      const norm = tagNorm(name)
      if (norm === targetNorm) continue
      if (log.subtree(norm).length === 0) continue
      if (!log.findTag(targetNorm)) log.ensureTag(target)
      log.renameSubtree(name, target)
      merged++
    }
    if (merged === 0) throw new AppError('not-found', 'none of these tags exist')
  })
}

/** Deletes a tag and its sub-tags from every article. */
export function deleteTag(db: Db, name: string): TagOperationResult {
  return run(db, 'delete', (log) => {
    const tags = log.subtree(tagNorm(name))
    if (tags.length === 0) throw new AppError('not-found', `no tag “${name}”`)
    // Children first, so a parent is never gone while its children still point at its name.
    for (const tag of tags.reverse()) log.deleteTag(tag)
  })
}

/** Reverses an operation exactly (changes undone in reverse order). A token works once. */
export function undoTagOperation(db: Db, token: string): { articles: number } {
  const touched = new Set<number>()
  const apply = () => {
    const s = db.sqlite
    const record = s.prepare('SELECT changes_json FROM tag_undo WHERE token = ?').get(token) as
      | { changes_json: string }
      | undefined
    if (!record) throw new AppError('not-found', 'nothing to undo (unknown, too old or already used token)')
    const changes = JSON.parse(record.changes_json) as Change[]
    for (const change of changes.reverse()) {
      switch (change.kind) {
        case 'linkAdded':
          s.prepare('DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?').run(change.articleId, change.tagId)
          touched.add(change.articleId)
          break
        case 'linkRemoved':
          // The article may have been deleted since; then there is nothing to restore.
          s.prepare(
            'INSERT OR IGNORE INTO article_tags (article_id, tag_id, origin) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?) AND EXISTS (SELECT 1 FROM tags WHERE id = ?)'
          ).run(change.articleId, change.tagId, change.origin, change.articleId, change.tagId)
          touched.add(change.articleId)
          break
        case 'tagRenamed': {
          const clash = s.prepare('SELECT id FROM tags WHERE norm_name = ? AND id <> ?').get(change.from.norm, change.id)
          if (clash) throw new AppError('conflict', `cannot undo: a tag “${change.from.name}” exists again`)
          s.prepare('UPDATE tags SET name = ?, norm_name = ? WHERE id = ?').run(change.from.name, change.from.norm, change.id)
          break
        }
        case 'tagDeleted': {
          const clash = s.prepare('SELECT id FROM tags WHERE norm_name = ?').get(change.tag.norm_name)
          if (clash) throw new AppError('conflict', `cannot undo: a tag “${change.tag.name}” exists again`)
          s.prepare('INSERT INTO tags (id, name, norm_name, created_at) VALUES (?, ?, ?, ?)').run(
            change.tag.id,
            change.tag.name,
            change.tag.norm_name,
            change.tag.created_at
          )
          break
        }
        case 'tagCreated':
          // Keep it if someone else has used it since.
          s.prepare('DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_tags WHERE tag_id = ?)').run(
            change.tag.id,
            change.tag.id
          )
          break
      }
    }
    s.prepare('DELETE FROM tag_undo WHERE token = ?').run(token)
  }
  if (db.sqlite.inTransaction) apply()
  else db.sqlite.transaction(apply).immediate()
  return { articles: touched.size }
}
