// Tag names with counts for the notes view and export dialog filters (loaded once per mount).
import { useEffect, useState } from 'react'
import type { TagCount } from '@shared/types'
import { call } from '../../api/client'
import { reportError } from '../../components/toast-store'

export function useTagList(): TagCount[] | null {
  const [tags, setTags] = useState<TagCount[] | null>(null)
  useEffect(() => {
    let alive = true
    call('tags:list', {}).then(
      (list) => alive && setTags(list),
      (e: unknown) => alive && reportError(e, 'error.action.tags')
    )
    return () => {
      alive = false
    }
  }, [])
  return tags
}
