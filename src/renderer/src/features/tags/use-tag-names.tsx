// Every tag name (for the add/merge inputs' suggestion lists), fetched when a form opens.
import { useEffect, useState } from 'react'
import { call } from '../../api/client'

export function useTagNames(active: boolean): string[] {
  const [names, setNames] = useState<string[]>([])
  useEffect(() => {
    if (!active) return
    let alive = true
    call('tags:counts', { sort: 'name' }).then(
      (rows) => alive && setNames(rows.filter((r) => !r.implicit).map((r) => r.name)),
      () => undefined
    )
    return () => {
      alive = false
    }
  }, [active])
  return names
}

/** A <datalist> of tag names, shown in the chosen script but inserting the stored name. */
export function TagDatalist({ id, names, display }: { id: string; names: string[]; display: (s: string) => string }) {
  return (
    <datalist id={id}>
      {names.map((n) => {
        const shown = display(n)
        return <option key={n} value={n} label={shown !== n ? shown : undefined} />
      })}
    </datalist>
  )
}
