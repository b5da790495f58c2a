// Every tag name (for the add/merge inputs' suggestion lists), fetched when a form opens.
import { call } from '../../api/client'
import { useApiCall } from '../../hooks/use-api-call'

const NONE: string[] = []

export function useTagNames(active: boolean): string[] {
  const { data } = useApiCall(
    active ? () => call('tags:counts', { sort: 'name' }).then((rows) => rows.filter((r) => !r.implicit).map((r) => r.name)) : null,
    [active],
    { quiet: true }
  )
  return data ?? NONE
}
