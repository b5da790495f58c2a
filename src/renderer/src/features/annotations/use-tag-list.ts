// Tag names with counts for the notes view and export dialog filters (loaded once per mount).
import type { TagCount } from '@shared/types'
import { call } from '../../api/client'
import { useApiCall } from '../../hooks/use-api-call'

export function useTagList(): TagCount[] | null {
  return useApiCall(() => call('tags:list', {}), [], { action: 'error.action.tags' }).data ?? null
}
