// An article's proofreading in the reader: loaded once it is needed (the panel or the corrected view is
// open), and the editor's decisions sent to main, whose answer replaces what is shown.
import { useState } from 'react'
import type { FindingKind } from '@shared/proofread/types'
import type { ArticleProofread, ProofreadDecision, ProofreadItem } from '@shared/types'
import { call } from '../../api/client'
import { reportError } from '../../app/toast-store'
import { useApiCall } from '../../hooks/use-api-call'

export interface Proofreading {
  data: ArticleProofread | undefined
  loading: boolean
  error: unknown
  busy: boolean
  decide: (target: { items: ProofreadItem[] } | { kind: FindingKind }, decision: ProofreadDecision | 'open') => Promise<void>
}

export function useProofread(articleId: number, needed: boolean): Proofreading {
  // Once loaded it stays loaded: closing the panel keeps the corrected view working.
  const [wanted, setWanted] = useState(needed)
  if (needed && !wanted) setWanted(true)
  const load = useApiCall(wanted ? () => call('proofread:get', { articleId }) : null, [articleId, wanted], { action: 'error.action.load' })
  const [busy, setBusy] = useState(false)
  const decide: Proofreading['decide'] = async (target, decision) => {
    setBusy(true)
    try {
      const args =
        'kind' in target
          ? { articleId, decision, kind: target.kind }
          : { articleId, decision, items: target.items.map(({ code, start, end, text }) => ({ code, start, end, text })) }
      const next = await call('proofread:decide', args)
      load.mutate(() => next)
    } catch (e) {
      reportError(e, 'error.action.save')
    } finally {
      setBusy(false)
    }
  }
  return { data: load.data, loading: load.loading, error: load.error, busy, decide }
}
