// sync:* handlers (team archive, issue 15). Thin: connect and "sync now" run as rounds of the app's
// scheduler (so two rounds never run at once); the status is read from the library. The token is stored
// by the sync service and never returned.
import type { SyncStatusView } from '@shared/types'
import { AppError } from '@shared/result'
import { disconnect, SyncError, syncMember, syncStatus } from '../../services/sync'
import { groupActivity } from '../../services/sync/activity'
import type { AppContext } from '../../app/context'
import type { ApiHandlers } from '../dispatch'

function statusOf(ctx: AppContext): SyncStatusView {
  const s = syncStatus(ctx.db)
  const m = syncMember(ctx.db)
  const kind = s.lastError ? ctx.sync.lastErrorKind : null
  return {
    ...s,
    syncing: ctx.sync.syncing,
    ...(m ? { member: { name: m.name, role: m.role as 'admin' | 'editor' | 'viewer' }, server: m.server, group: m.group } : {}),
    ...(kind ? { lastErrorKind: kind } : {})
  }
}

/** A failed round as an API error whose details.kind the window words in its own language. */
function refusal(error: unknown): AppError {
  const e = error instanceof SyncError ? error : new SyncError('refused', (error as Error).message)
  return new AppError('io', e.message, { kind: e.kind })
}

export const syncHandlers: Pick<ApiHandlers, 'sync:status' | 'sync:connect' | 'sync:now' | 'sync:disconnect' | 'sync:activity'> = {
  'sync:status': (_args, ctx) => statusOf(ctx),
  'sync:connect': async ({ server, token, group }, ctx) => {
    try {
      await ctx.sync.connect({ server, token, group })
    } catch (error) {
      throw refusal(error)
    } finally {
      ctx.events.emit('library:changed', { reason: 'sync' })
    }
    return statusOf(ctx)
  },
  'sync:now': async (_args, ctx) => {
    if (syncStatus(ctx.db).state === 'unbound') throw new AppError('invalid-argument', 'this library is not joined to a team archive')
    await ctx.sync.now()
    return statusOf(ctx)
  },
  'sync:disconnect': async (_args, ctx) => {
    await ctx.sync.idle()
    disconnect(ctx.db)
    ctx.sync.lastErrorKind = null
    return statusOf(ctx)
  },
  'sync:activity': async ({ days }, ctx) => {
    if (syncStatus(ctx.db).state === 'unbound') throw new AppError('invalid-argument', 'this library is not joined to a team archive')
    try {
      const a = await groupActivity(ctx.db, days, { vault: ctx.sync.vault })
      return { days: a.days, rows: a.activity }
    } catch (error) {
      throw refusal(error)
    }
  }
}
