// Tag counts for the tag browser (main process). Per-tag counts come from tag_stats and subtree counts
// (distinct articles under a path: an article tagged 政法 and 政法/平安建设 counts once) from
// tag_tree_stats, both kept by triggers (migration 0002), so the whole list is two small queries
// (db/repositories/tag.repository.ts).
import type { TagCount } from '@shared/types'
import type { Db } from '../../db/connection'
import { normalizeTagName, refreshTagTreeStats, tagDirectCounts, tagTreeCounts } from '../../db/repositories/tag.repository'

export interface TagCountRow extends TagCount {
  /** Articles carrying exactly this tag (count also includes sub-tags). */
  direct: number
  /** True for a path prefix no article carries itself (`政法` when only `政法/平安建设` exists). */
  implicit: boolean
}

export interface TagTreeNode {
  /** Full path, e.g. 政法/平安建设. */
  name: string
  /** Last path segment, e.g. 平安建设. */
  label: string
  count: number
  direct: number
  implicit: boolean
  children: TagTreeNode[]
}

export type TagSort = 'count' | 'name'

const collator = new Intl.Collator('zh', { numeric: true })

/** Every tag in use with its article count (including sub-tags), plus implicit parent paths. */
export function listTagCounts(db: Db, sort: TagSort = 'count'): TagCountRow[] {
  refreshTagTreeStats(db)
  const rows = tagDirectCounts(db)
  const tree = tagTreeCounts(db)
  const out = new Map<string, TagCountRow>()
  for (const r of rows) {
    const count = tree.get(r.norm) ?? r.direct
    if (count > 0) out.set(r.norm, { name: r.name, count, direct: r.direct, implicit: false })
  }
  // Path prefixes no article carries itself: display them in the spelling of a child that has them.
  for (const r of rows) {
    const normParts = r.norm.split('/')
    const nameParts = r.name.split('/')
    for (let depth = normParts.length - 1; depth >= 1; depth--) {
      const norm = normParts.slice(0, depth).join('/')
      const count = tree.get(norm)
      if (out.has(norm) || !count) continue
      const name = nameParts.length === normParts.length ? nameParts.slice(0, depth).join('/') : norm
      out.set(norm, { name, count, direct: 0, implicit: true })
    }
  }
  const list = [...out.values()]
  if (sort === 'name') list.sort((a, b) => collator.compare(a.name, b.name))
  else list.sort((a, b) => b.count - a.count || collator.compare(a.name, b.name))
  return list
}

/** Builds the tag tree from flat rows (any order); children sorted like the input order. */
export function buildTagTree(rows: readonly TagCountRow[]): TagTreeNode[] {
  const byPath = new Map<string, TagTreeNode>()
  const roots: TagTreeNode[] = []
  // Script-insensitive keys: a parent spelled 華龍 still adopts the child 华龙/x.
  const key = (name: string) => normalizeTagName(name)
  for (const row of rows) {
    const parts = row.name.split('/')
    byPath.set(key(row.name), {
      name: row.name,
      label: parts[parts.length - 1] ?? row.name,
      count: row.count,
      direct: row.direct,
      implicit: row.implicit,
      children: []
    })
  }
  for (const row of rows) {
    const node = byPath.get(key(row.name)) as TagTreeNode
    const parts = row.name.split('/')
    let parent: TagTreeNode | undefined
    for (let depth = parts.length - 1; depth >= 1 && !parent; depth--) parent = byPath.get(key(parts.slice(0, depth).join('/')))
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}
