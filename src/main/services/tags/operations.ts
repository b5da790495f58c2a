// Tag edits (main process): add/remove on many articles, rename (with sub-tags), merge and delete, each
// recorded as a list of primitive changes so `undoTagOperation` can reverse it exactly.
//
// Why a change log rather than inverse operations: a rename that lands on an existing name becomes a
// merge, and a merge cannot be reversed from its arguments alone (which article had which tag is lost).
// Recording every created/renamed/deleted tag and every added/removed link keeps undo exact. A merged
// or deleted tag is one change holding its articles' ids (its links moved or removed set-based, not link by
// link: issue 16).
import { randomUUID } from 'node:crypto'
import { AppError } from '@shared/result'
import { transaction, type Db } from '../../db/connection'
import type { TagRow } from '../../db/database'
import { existingArticleIds } from '../../db/repositories/article.repository'
import {
  addArticleTag,
  allLinks,
  cleanTagName,
  deleteTagIfUnused,
  deleteTagUndo,
  deleteTagWithLinks,
  findTagByNorm,
  insertTag,
  mergeTagInto,
  normalizeTagName,
  removeArticleTag,
  renameTagRow,
  restoreArticleTag,
  restoreTag,
  restoreTagWithLinks,
  saveTagUndo,
  moveSubtreeCounts,
  subtreeArticleCount,
  treeCountsStale,
  tagLinks,
  tagSubtree,
  tagUndoChanges,
  unmergeTag,
  type MergedLinks,
  type TagLinks
} from '../../db/repositories/tag.repository'

type Change =
  | { kind: 'tagCreated'; tag: TagRow }
  // Records written before the set-based delete have no `links`: their links follow as linkRemoved changes.
  | { kind: 'tagDeleted'; tag: TagRow; links?: TagLinks }
  | { kind: 'tagRenamed'; id: number; from: { name: string; norm: string }; to: { name: string; norm: string } }
  | { kind: 'linkAdded'; articleId: number; tagId: number }
  | { kind: 'linkRemoved'; articleId: number; tagId: number; origin: 'import' | 'user' }
  | ({ kind: 'tagMerged'; tag: TagRow; into: number } & MergedLinks)

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

/** Applies tag changes through the repository while recording them. */
class ChangeLog {
  readonly changes: Change[] = []
  readonly articles = new Set<number>()
  readonly tags = new Set<number>()
  /** Articles counted without listing them (a rename's subtree), on top of `articles`. */
  private counted = 0
  constructor(private readonly db: Db) {}

  ensureTag(name: string): TagRow {
    const display = cleanTagName(name)
    const norm = normalizeTagName(display)
    const existing = findTagByNorm(this.db, norm)
    if (existing) return existing
    const createdAt = new Date().toISOString()
    const tag = { id: insertTag(this.db, display, norm, createdAt), name: display, norm_name: norm, created_at: createdAt }
    this.changes.push({ kind: 'tagCreated', tag })
    this.tags.add(tag.id)
    return tag
  }

  addLink(articleId: number, tagId: number, origin: 'import' | 'user' = 'user'): void {
    if (addArticleTag(this.db, articleId, tagId, origin)) {
      this.changes.push({ kind: 'linkAdded', articleId, tagId })
      this.articles.add(articleId)
    }
  }

  removeLink(articleId: number, tagId: number): void {
    const origin = removeArticleTag(this.db, articleId, tagId)
    if (!origin) return
    this.changes.push({ kind: 'linkRemoved', articleId, tagId, origin })
    this.articles.add(articleId)
  }

  deleteTag(tag: TagRow): void {
    const links = deleteTagWithLinks(this.db, tag.id)
    this.changes.push({ kind: 'tagDeleted', tag, links })
    for (const id of allLinks(links)) this.articles.add(id)
    this.tags.add(tag.id)
  }

  renameTag(tag: TagRow, name: string, norm: string): void {
    renameTagRow(this.db, tag.id, name, norm)
    this.changes.push({ kind: 'tagRenamed', id: tag.id, from: { name: tag.name, norm: tag.norm_name }, to: { name, norm } })
    this.tags.add(tag.id)
  }

  /** Moves every link of `from` onto `to` (keeping each link's origin) and deletes `from`. */
  mergeInto(from: TagRow, to: TagRow): void {
    const merged = mergeTagInto(this.db, from.id, to.id)
    this.changes.push({ kind: 'tagMerged', tag: from, into: to.id, ...merged })
    for (const id of allLinks(merged.links)) this.articles.add(id)
    this.tags.add(from.id)
  }

  /** Renames `from` and its sub-tags to `to`; where a new name already exists the tags are merged. */
  renameSubtree(fromName: string, toName: string): void {
    const fromNorm = tagNorm(fromName)
    const toDisplay = cleanTagName(toName)
    const toNorm = normalizeTagName(toDisplay)
    if (!fromNorm || !toNorm) throw new AppError('invalid-argument', 'tag names cannot be empty')
    if (toNorm.startsWith(fromNorm + '/')) throw new AppError('invalid-argument', `cannot move “${fromName}” under itself`)
    const tags = tagSubtree(this.db, fromNorm)
    if (tags.length === 0) throw new AppError('not-found', `no tag “${fromName}”`)
    const depth = fromNorm.split('/').length
    // Counted before the rename (its trigger marks the subtree counts stale): reading every link to
    // count the articles cost 480 ms for 179,185 articles on 1M.
    const carried = subtreeArticleCount(this.db, fromNorm, tags.map((t) => t.id))
    const countsCurrent = !treeCountsStale(this.db)
    let merged = false
    let renamed = false
    for (const tag of tags) {
      const rest = tag.name.split('/').slice(depth)
      const name = [toDisplay, ...rest].join('/')
      const norm = normalizeTagName(name)
      if (name === tag.name) continue
      const target = norm === tag.norm_name ? undefined : findTagByNorm(this.db, norm)
      if (target) {
        this.mergeInto(tag, target)
        merged = true
      } else {
        this.renameTag(tag, name, norm)
        renamed = true
      }
    }
    // A merge lists the links it moves; the articles of the renamed tags are then among the subtree's.
    if (merged) for (const tag of tags) for (const link of tagLinks(this.db, tag.id)) this.articles.add(link.article_id)
    else if (renamed) {
      this.counted += carried
      const parent = (norm: string) => norm.slice(0, Math.max(0, norm.lastIndexOf('/')))
      if (countsCurrent && parent(fromNorm) === parent(toNorm)) moveSubtreeCounts(this.db, fromNorm, toNorm)
    }
  }

  /** Saves the change log in the operation's transaction, so the log and the change never disagree. */
  save(kind: TagOperationKind): TagOperationResult {
    const token = randomUUID()
    saveTagUndo(this.db, token, kind, JSON.stringify(this.changes), MAX_UNDO)
    return { token, kind, articles: this.articles.size + this.counted, tags: this.tags.size }
  }
}

function run(db: Db, kind: TagOperationKind, fn: (log: ChangeLog) => void): TagOperationResult {
  const log = new ChangeLog(db)
  return transaction(db, () => {
    fn(log)
    return log.save(kind)
  })
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
    const existing = new Set(existingArticleIds(db, articleIds))
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
      const tag = findTagByNorm(db, normalizeTagName(name))
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
      if (tagSubtree(db, norm).length === 0) continue
      if (!findTagByNorm(db, targetNorm)) log.ensureTag(target)
      log.renameSubtree(name, target)
      merged++
    }
    if (merged === 0) throw new AppError('not-found', 'none of these tags exist')
  })
}

/** Deletes a tag and its sub-tags from every article. */
export function deleteTag(db: Db, name: string): TagOperationResult {
  return run(db, 'delete', (log) => {
    const tags = tagSubtree(db, tagNorm(name))
    if (tags.length === 0) throw new AppError('not-found', `no tag “${name}”`)
    // Children first, so a parent is never gone while its children still point at its name.
    for (const tag of tags.reverse()) log.deleteTag(tag)
  })
}

/** Reverses an operation exactly (changes undone in reverse order). A token works once. */
export function undoTagOperation(db: Db, token: string): { articles: number } {
  const touched = new Set<number>()
  transaction(db, () => {
    const record = tagUndoChanges(db, token)
    if (record === undefined) throw new AppError('not-found', 'nothing to undo (unknown, too old or already used token)')
    const changes = JSON.parse(record) as Change[]
    for (const change of changes.reverse()) {
      switch (change.kind) {
        case 'linkAdded':
          removeArticleTag(db, change.articleId, change.tagId)
          touched.add(change.articleId)
          break
        case 'linkRemoved':
          // The article may have been deleted since; then there is nothing to restore.
          restoreArticleTag(db, change.articleId, change.tagId, change.origin)
          touched.add(change.articleId)
          break
        case 'tagRenamed': {
          const clash = findTagByNorm(db, change.from.norm)
          if (clash && clash.id !== change.id) throw new AppError('conflict', `cannot undo: a tag “${change.from.name}” exists again`)
          renameTagRow(db, change.id, change.from.name, change.from.norm)
          break
        }
        case 'tagMerged':
          if (findTagByNorm(db, change.tag.norm_name)) throw new AppError('conflict', `cannot undo: a tag “${change.tag.name}” exists again`)
          unmergeTag(db, change.tag, change.into, change)
          for (const id of allLinks(change.links)) touched.add(id)
          break
        case 'tagDeleted':
          if (findTagByNorm(db, change.tag.norm_name)) throw new AppError('conflict', `cannot undo: a tag “${change.tag.name}” exists again`)
          if (!change.links) restoreTag(db, change.tag)
          else {
            restoreTagWithLinks(db, change.tag, change.links)
            for (const id of allLinks(change.links)) touched.add(id)
          }
          break
        case 'tagCreated':
          // Keep it if someone else has used it since.
          deleteTagIfUnused(db, change.tag.id)
          break
      }
    }
    deleteTagUndo(db, token)
  })
  return { articles: touched.size }
}
