// SQL for the list filters (main process): read state, annotated, source, date range and the tag filters,
// as one WHERE fragment over `articles AS a`. Shared by the list query and search.
import type { ListQuery } from '@shared/types'
import type { Db } from '../../db/connection'
import { normalizeTagName } from '../../db/repositories/tag.repository'

export type ListFilters = Pick<
  ListQuery,
  'filter' | 'tagsAll' | 'tagsAny' | 'tagsNone' | 'source' | 'dateFrom' | 'dateTo'
>

export interface WhereClause {
  /** Conditions to AND; empty when nothing filters. */
  conditions: string[]
  params: (string | number)[]
  /** True when a filter can match nothing (an unknown tag in tagsAll/tagsAny). */
  empty: boolean
  /** The conditions that read only `a.id` (tags, annotated); they take no parameters. */
  idConditions: string[]
  /** Positive tag conditions (each tagsAll name, the tagsAny union) as tag id sets, with estimated sizes. */
  tagSets: { ids: number[]; estimate: number }[]
  /** idConditions other than the positive tag sets (annotated, tagsNone). */
  otherIdConditions: string[]
  /** The conditions that read article columns, with `params` in order. */
  columnConditions: string[]
  /**
   * A narrow index holding every article column the conditions read (plus the id), for counting: a
   * count that probes 20k ids in the articles table reads 20k large rows (~250 ms on 100k articles),
   * scanning a covering index of 100k entries takes a few ms.
   */
  countIndex: string | null
}

/**
 * Ids of the tag with this name and of all its sub-tags (`政法` → 政法, 政法/平安建设, …), compared by the
 * script-folded name so 華龍區 and 华龙区 are one tag. The range form keeps the lookup on the unique index.
 */
export function tagSubtreeIds(db: Db, name: string): number[] {
  const norm = normalizeTagName(name).replace(/\/+$/u, '')
  if (!norm) return []
  return (
    db.sqlite
      .prepare('SELECT id FROM tags WHERE norm_name = ? OR (norm_name >= ? AND norm_name < ?)')
      .all(norm, norm + '/', norm + '0') as { id: number }[]
  ).map((r) => r.id)
}

// A bare date ('2024-05-31') as an upper bound should include that whole day.
function upperBound(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/u.test(date) ? date + '\uffff' : date
}

export function buildWhere(db: Db, f: ListFilters): WhereClause {
  const columnConditions: string[] = []
  const idConditions: string[] = []
  const tagSets: number[][] = []
  const params: (string | number)[] = []
  let empty = false
  const columns = new Set<'read' | 'source' | 'date'>()
  if (f.filter === 'unread' || f.filter === 'read') {
    columnConditions.push('a.read_state = ?')
    params.push(f.filter)
    columns.add('read')
  } else if (f.filter === 'annotated') {
    idConditions.push('EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)')
  }
  if (f.source) {
    columnConditions.push('a.source = ?')
    params.push(f.source)
    columns.add('source')
  }
  // The same expression as the articles_date index (migration 0002), so the range can use it.
  if (f.dateFrom) {
    columnConditions.push('coalesce(a.published_at, a.imported_at) >= ?')
    params.push(f.dateFrom)
    columns.add('date')
  }
  if (f.dateTo) {
    columnConditions.push('coalesce(a.published_at, a.imported_at) <= ?')
    params.push(upperBound(f.dateTo))
    columns.add('date')
  }
  // Tag ids are resolved first and inlined as integers: the IN lists then drive article_tags_tag directly.
  const inTags = (ids: number[]) => `SELECT article_id FROM article_tags WHERE tag_id IN (${ids.join(',')})`
  for (const name of f.tagsAll ?? []) {
    const ids = tagSubtreeIds(db, name)
    if (ids.length === 0) empty = true
    else tagSets.push(ids)
  }
  if (f.tagsAny && f.tagsAny.length > 0) {
    const ids = [...new Set(f.tagsAny.flatMap((name) => tagSubtreeIds(db, name)))]
    if (ids.length === 0) empty = true
    else tagSets.push(ids)
  }
  const none = [...new Set((f.tagsNone ?? []).flatMap((name) => tagSubtreeIds(db, name)))]
  if (none.length > 0) idConditions.push(`a.id NOT IN (${inTags(none)})`)
  const only = columns.size === 1 ? [...columns][0] : columns.size === 0 ? 'none' : null
  const countIndex =
    only === 'none'
      ? 'articles_imported'
      : only === 'read'
        ? 'articles_read_imported'
        : only === 'source'
          ? 'articles_source'
          : only === 'date'
            ? 'articles_date'
            : null
  // Sizes from tag_stats (an upper bound: an article may carry several tags of one set).
  const estimate = (ids: number[]) =>
    (db.sqlite.prepare(`SELECT coalesce(sum(article_count), 0) AS n FROM tag_stats WHERE tag_id IN (${ids.join(',')})`).get() as { n: number }).n
  const sets = tagSets.map((ids) => ({ ids, estimate: estimate(ids) }))
  const allId = [...sets.map((set) => `a.id IN (${inTags(set.ids)})`), ...idConditions]
  // Column conditions first: `params` belong to them, in order.
  return {
    conditions: [...columnConditions, ...allId],
    params,
    empty,
    idConditions: allId,
    tagSets: sets,
    otherIdConditions: idConditions,
    columnConditions,
    countIndex
  }
}

/** `a.id IN (…)` for one tag id set. */
export function inTagSet(ids: readonly number[]): string {
  return `a.id IN (SELECT article_id FROM article_tags WHERE tag_id IN (${ids.join(',')}))`
}

export function whereSql(w: WhereClause): string {
  return w.conditions.length ? `WHERE ${w.conditions.join(' AND ')}` : ''
}
