// Id lists in SQL, in the two forms the queries need.
import { sql, sqlConstant, sqlJoin, type SqlFragment } from './sql'

/**
 * `(SELECT value FROM json_each(?))`: any number of ids as one parameter, so the statement text (and its
 * cached statement) is the same whatever the list. For `id IN …` lookups of articles by rowid.
 */
export function idSet(ids: readonly number[]): SqlFragment {
  return sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`
}

/**
 * The ids written into the text (`tag_id IN (${idLiterals(ids)})`): the planner then sees the list and
 * drives article_tags_tag from it. For tag ids, which are few and recur.
 */
export function idLiterals(ids: readonly number[]): SqlFragment {
  return sqlJoin(ids.map(sqlConstant), ',')
}
