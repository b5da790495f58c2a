// The tag filter above the article list: tags to include (combined with AND or OR) and tags to exclude (NOT).
// Pure helpers, shared by the tag browser, the filter chips and the list query.
import type { ListQuery } from '@shared/types'

export type TagMode = 'and' | 'or'

export interface TagFilter {
  include: string[]
  exclude: string[]
  mode: TagMode
}

export const EMPTY_TAG_FILTER: TagFilter = { include: [], exclude: [], mode: 'and' }

export function isTagFilterEmpty(f: TagFilter): boolean {
  return f.include.length === 0 && f.exclude.length === 0
}

/** The articles:list arguments for this filter (absent keys when unused). */
export function tagFilterParams(f: TagFilter): Pick<ListQuery, 'tagsAll' | 'tagsAny' | 'tagsNone'> {
  const out: Pick<ListQuery, 'tagsAll' | 'tagsAny' | 'tagsNone'> = {}
  if (f.include.length > 0) {
    if (f.mode === 'or' && f.include.length > 1) out.tagsAny = f.include
    else out.tagsAll = f.include
  }
  if (f.exclude.length > 0) out.tagsNone = f.exclude
  return out
}

/** Plain click: show only this tag (a second click on the only active tag clears the filter). */
export function onlyTag(f: TagFilter, name: string): TagFilter {
  if (f.include.length === 1 && f.include[0] === name && f.exclude.length === 0) return { ...f, include: [] }
  return { ...f, include: [name], exclude: [] }
}

/** Ctrl/Cmd-click: add this tag to (or take it out of) the included tags. */
export function toggleInclude(f: TagFilter, name: string): TagFilter {
  const include = f.include.includes(name) ? f.include.filter((x) => x !== name) : [...f.include, name]
  return { ...f, include, exclude: f.exclude.filter((x) => x !== name) }
}

/** Alt-click / menu: exclude this tag (or stop excluding it). */
export function toggleExclude(f: TagFilter, name: string): TagFilter {
  const exclude = f.exclude.includes(name) ? f.exclude.filter((x) => x !== name) : [...f.exclude, name]
  return { ...f, exclude, include: f.include.filter((x) => x !== name) }
}

export function removeTag(f: TagFilter, name: string): TagFilter {
  return { ...f, include: f.include.filter((x) => x !== name), exclude: f.exclude.filter((x) => x !== name) }
}

/** Path-aware rename (`政法` → `法治` also turns `政法/平安建設` into `法治/平安建設`). */
export function renamePath(name: string, from: string, to: string): string {
  if (name === from) return to
  if (name.startsWith(from + '/')) return to + name.slice(from.length)
  return name
}

function unique(names: string[]): string[] {
  return [...new Set(names)]
}

/** Keeps the filter pointing at the same tags after a rename or merge. */
export function renameInFilter(f: TagFilter, from: string, to: string): TagFilter {
  return {
    ...f,
    include: unique(f.include.map((x) => renamePath(x, from, to))),
    exclude: unique(f.exclude.map((x) => renamePath(x, from, to)))
  }
}

/** Drops a deleted tag and its sub-tags from the filter. */
export function dropFromFilter(f: TagFilter, name: string): TagFilter {
  const keep = (x: string) => x !== name && !x.startsWith(name + '/')
  return { ...f, include: f.include.filter(keep), exclude: f.exclude.filter(keep) }
}

/** Splits what the user typed into tag names: commas (ASCII or full-width), 、 and semicolons separate. */
export function parseTagNames(input: string): string[] {
  return unique(
    input
      .split(/[,，、;；\n]+/u)
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
  )
}
