// The member's private state across their own libraries (issue 15): reading state per article and the
// synced settings (SYNCED_SETTINGS). The outbox holds at most one row per article or setting, its current
// value (migration 0013); the server keeps it for this member alone and the later write wins. A pulled
// value never overwrites one still waiting to go out here: that one is the later and goes out next.
import { SettingsPatchSchema } from '@shared/api'
import type { Operation, SyncObject } from '@shared/sync-protocol'
import type { Db } from '../../db/connection'
import { getObject, liveArticleKey, pendingFor, pendingSetting, setObjectVersion, setReadingState, type OutboxRow } from '../../db/repositories/sync.repository'
import { setSettings } from '../../db/repositories/settings.repository'

export interface PrivateOperation {
  op: Operation
  kind: 'reading' | 'setting'
  key: string
}

/** The operation of one 'reading' or 'setting' outbox row; undefined when it no longer means anything. */
export function privateOperation(db: Db, row: OutboxRow): PrivateOperation | undefined {
  const p = JSON.parse(row.payload) as Record<string, unknown>
  if (row.entity === 'setting') {
    const name = String(p.name)
    return { op: { op: 'put_setting', opId: row.op_id, name, value: p.value } as Operation, kind: 'setting', key: name }
  }
  const article = liveArticleKey(db, row.local_id)
  if (!article) return undefined
  const data = { readState: p.readState === 'read' ? 'read' : 'unread', position: Math.max(0, Math.trunc(Number(p.position) || 0)), progress: Math.min(1, Math.max(0, Number(p.progress) || 0)) } as const
  return { op: { op: 'put_reading', opId: row.op_id, article, data }, kind: 'reading', key: article }
}

/** Applies a pulled reading state or setting; 'wait' when its article has not arrived yet. */
export function applyPrivate(db: Db, o: SyncObject): 'new' | 'known' | 'wait' {
  if (o.kind === 'reading') {
    const article = getObject(db, 'article', o.key)
    if (!article || article.deleted || article.local_id === null) return 'wait'
    const d = o.data
    if (pendingFor(db, 'reading', article.local_id).length === 0) {
      const applied = setReadingState(db, article.local_id, {
        readState: d.readState === 'read' ? 'read' : 'unread',
        position: Math.max(0, Math.trunc(Number(d.position) || 0)),
        progress: Math.min(1, Math.max(0, Number(d.progress) || 0))
      })
      if (!applied) return 'wait'
    }
  } else {
    const patch = SettingsPatchSchema.safeParse({ [o.key]: o.data.value })
    // A setting this version does not know, or a value it refuses: only the version is learnt.
    if (patch.success && !pendingSetting(db, o.key)) setSettings(db, patch.data)
  }
  setObjectVersion(db, o.kind, o.key, o.version, false)
  return 'new'
}
