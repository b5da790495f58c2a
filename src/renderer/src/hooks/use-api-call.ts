// "Call the API while mounted": runs a request when its deps change (or on reload()), ignores answers that
// arrive after unmount or after a newer request started, and reports failures as an error toast. The last
// answer stays in `data` while a newer request runs, so a view can keep showing it (or check `loading`).
import { useCallback, useEffect, useEffectEvent, useState, type DependencyList } from 'react'
import type { MessageKey } from '../i18n'
import { reportError } from '../app/toast-store'

export interface ApiCallState<T> {
  /** The latest answer (kept while a newer request runs, and when it fails); undefined before the first. */
  data: T | undefined
  /** Why the latest settled request failed; null when it did not. */
  error: unknown
  /** True from the render that asks for a new request until it settles. */
  loading: boolean
  /** Runs the request again with the same deps. */
  reload: () => void
  /** Edits `data` locally (an optimistic change), until the next answer replaces it. */
  mutate: (edit: (data: T) => T) => void
}

export interface ApiCallOptions {
  /** The action named in the error toast; `quiet` reports nothing (the caller shows the failure itself). */
  action?: MessageKey
  quiet?: boolean
}

interface Request {
  deps: DependencyList
  reloads: number
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]))
}

/**
 * `request` is called whenever `deps` change (compared like an effect's deps); pass null to make no request
 * (e.g. while a panel is closed). Read what it uses from deps, as an effect would.
 */
export function useApiCall<T>(request: (() => Promise<T>) | null, deps: DependencyList, options: ApiCallOptions = {}): ApiCallState<T> {
  const [reloads, setReloads] = useState(0)
  // The request this render asks for; a new object whenever deps or the reload count change (adjusting state
  // while rendering, so `loading` is true in the very render the deps change).
  const [current, setCurrent] = useState<Request>({ deps, reloads })
  let wanted = current
  if (reloads !== current.reloads || !sameDeps(deps, current.deps)) {
    wanted = { deps, reloads }
    setCurrent(wanted)
  }
  const [settled, setSettled] = useState<{ request: Request; data: T | undefined; error: unknown } | null>(null)
  const enabled = request !== null

  const start = useEffectEvent(() => request?.())
  const fail = useEffectEvent((error: unknown) => {
    if (!options.quiet) reportError(error, options.action)
  })

  useEffect(() => {
    const pending = start()
    if (!pending) return
    let alive = true
    pending.then(
      (data) => {
        if (alive) setSettled({ request: current, data, error: null })
      },
      (error: unknown) => {
        if (!alive) return
        setSettled((s) => ({ request: current, data: s?.data, error: error ?? new Error(String(error)) }))
        fail(error)
      }
    )
    return () => {
      alive = false
    }
  }, [current, enabled])

  const reload = useCallback(() => setReloads((n) => n + 1), [])
  const mutate = useCallback(
    (edit: (data: T) => T) => setSettled((s) => (s && s.data !== undefined ? { ...s, data: edit(s.data) } : s)),
    []
  )

  return {
    data: settled?.data,
    error: settled?.error ?? null,
    loading: enabled && settled?.request !== wanted,
    reload,
    mutate
  }
}
