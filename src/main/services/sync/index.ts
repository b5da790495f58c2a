// Team archive client (issue 15): one push-then-pull round against the group server. The outbox is
// filled by triggers in each change's own transaction (migration 0006), so nothing here is on the path
// of an edit; a network failure leaves the outbox as it was and is reported in plain words. The token is
// kept through the host's TokenVault (./vault): sealed by the OS keychain in the desktop app.
import { z } from 'zod'
import type { Db } from '../../db/connection'
import {
  bindLibrary,
  countOutbox,
  deleteOutboxRows,
  getBinding,
  getToken,
  outboxBatch,
  recordSyncResult,
  saveToken,
  setObjectVersion,
  unbindLibrary,
  updateBindingMember
} from '../../db/repositories/sync.repository'
import { ArchiveClient, SyncError, type ClientOptions } from './client'
import { pullChanges, type PullOutcome } from './pull'
import { acknowledge, buildBatch, ROWS_PER_BATCH } from './push'
import { plainTokenVault, signInAgain, type StoredToken, type TokenVault } from './vault'

export { SyncError } from './client'
export { plainTokenVault, type TokenVault } from './vault'

export interface SyncReport {
  pushed: number
  pulled: number
  conflicts: number
  /** The member's own highlights and comments kept on the unattached-notes list because a colleague deleted their article (absent when none). */
  kept?: number
  /** Values repaired or left out of a push, with the reason (absent when there were none). */
  notes?: string[]
}

export interface SyncStatus {
  state: 'unbound' | 'synced' | 'pending'
  pending: number
  lastError?: string
  lastSyncedAt?: string
}

export const syncTarget = z.strictObject({
  server: z
    .string()
    .url()
    .refine((s) => /^https?:$/.test(new URL(s).protocol), 'the server URL must be http:// or https://')
    .transform((s) => (s.endsWith('/') ? s : `${s}/`)),
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'a member token is 20 to 100 characters of A-Z a-z 0-9 _ -'),
  group: z.uuid('the group id is a UUID (as create-group printed it)')
})
export type SyncTarget = z.infer<typeof syncTarget>

/** How often a push answered 412 is retried after pulling, within one round. */
const CONFLICT_ROUNDS = 3

export interface SyncOptions extends Pick<ClientOptions, 'timeoutMs' | 'fetch'> {
  /** How the token is kept at rest (the host's; plain by default: the CLI and the preview host). */
  vault?: TokenVault
  /** The token came from the library itself (a background round): nothing to store. */
  tokenStored?: boolean
}

export async function syncOnce(db: Db, target: SyncTarget, options: SyncOptions = {}): Promise<SyncReport> {
  const { vault = plainTokenVault, tokenStored = false, ...clientOptions } = options
  const t = syncTarget.parse(target)
  const bound = getBinding(db)
  if (bound && (bound.server !== t.server || bound.group_id !== t.group)) {
    throw new SyncError('refused', `this library is joined to group ${bound.group_id} at ${bound.server}, not this one; use a new library to join another group`)
  }
  const client = new ArchiveClient({ ...t, ...clientOptions })
  try {
    const info = await client.group()
    if (bound && bound.member_name !== info.member.name) {
      // The outbox holds the previous member's changes: sent with this token they would become this member's.
      throw new SyncError(
        'refused',
        `this library is signed in to the group as ${bound.member_name}; leave the group first to sign in as ${info.member.name} (${bound.member_name}'s notes stay, as their layer)`
      )
    }
    const stored = tokenStored ? undefined : await tokenToStore(db, vault, t.token)
    if (!bound) bindLibrary(db, { server: t.server, group: t.group, memberName: info.member.name, role: info.member.role }, stored ?? (await vault.seal(t.token)))
    else {
      updateBindingMember(db, info.member.name, info.member.role)
      if (stored) saveToken(db, stored)
    }
    const report: SyncReport = { pushed: 0, pulled: 0, conflicts: 0 }
    await pushAll(db, client, info.member.name, info.member.role, report)
    const pulled = await pullChanges(db, client, getBinding(db)!.last_version, info.member.name)
    addPulled(report, pulled)
    recordSyncResult(db, { at: new Date().toISOString(), error: null })
    return report
  } catch (error) {
    const e = error instanceof SyncError ? error : new SyncError('refused', (error as Error).message)
    if (getBinding(db)) recordSyncResult(db, { at: new Date().toISOString(), error: e.message })
    throw e
  }
}

/**
 * The token sealed for storing, or undefined to keep the one stored: a plain vault (the CLI) never
 * replaces a token the OS keychain sealed, which would leave it readable in the file.
 */
async function tokenToStore(db: Db, vault: TokenVault, token: string): Promise<StoredToken | undefined> {
  if (getToken(db)?.by === 'os' && (await vault.protection()) === 'plain') return undefined
  return vault.seal(token)
}

/**
 * The library's own credentials, opened by the vault; null when it is not joined (or has no token). A
 * token that cannot be opened here (sealed on another machine) throws the "sign in again" SyncError:
 * nothing is sent and the outbox is kept.
 */
export async function storedTarget(db: Db, vault: TokenVault): Promise<SyncTarget | null> {
  const b = getBinding(db)
  const stored = b && getToken(db)
  if (!b || !stored) return null
  try {
    return { server: b.server, group: b.group_id, token: await vault.open(stored) }
  } catch (error) {
    throw error instanceof SyncError ? error : signInAgain()
  }
}

/** A round that failed before syncOnce could run (the token would not open): the status says why. */
export function recordFailedRound(db: Db, error: SyncError): void {
  if (getBinding(db)) recordSyncResult(db, { at: new Date().toISOString(), error: error.message })
}

async function pushAll(db: Db, client: ArchiveClient, member: string, role: string, report: SyncReport): Promise<void> {
  let conflictRounds = 0
  for (;;) {
    const rows = outboxBatch(db, ROWS_PER_BATCH)
    if (rows.length === 0) return
    const batch = buildBatch(db, rows)
    if (batch.notes.length > 0) report.notes = [...(report.notes ?? []), ...batch.notes]
    if (batch.ops.length === 0) {
      deleteOutboxRows(db, batch.rowIds)
      continue
    }
    try {
      for (const [hash, body] of batch.bodies) if (!(await client.hasBody(hash))) await client.putBody(hash, body)
      acknowledge(db, batch, await client.push(batch.ops))
      report.pushed += batch.rowIds.length
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'forbidden' && role === 'viewer') {
        throw new SyncError('forbidden', `this member may only read: ${countOutbox(db)} local change(s) were not sent`, 403)
      }
      if (!(error instanceof SyncError) || error.kind !== 'conflict' || ++conflictRounds > CONFLICT_ROUNDS) throw error
      // Someone (or this member on another machine) changed these objects: learn their state, then resend.
      // Fields and articles take the resend (the later change wins, per field); highlights were settled
      // by the pull (both texts kept), and any still stale take the resend too.
      const pulled = await pullChanges(db, client, getBinding(db)!.last_version, member)
      addPulled(report, pulled)
      for (const c of error.conflicts) {
        setObjectVersion(db, c.kind, c.key, c.currentVersion)
        if (c.kind !== 'annotation') report.conflicts++
      }
    }
  }
}

function addPulled(report: SyncReport, pulled: PullOutcome): void {
  report.pulled += pulled.pulled
  report.conflicts += pulled.conflicts
  if (pulled.kept > 0) {
    report.kept = (report.kept ?? 0) + pulled.kept
    report.notes = [...(report.notes ?? []), `${pulled.kept} of your highlights and comments were on an article deleted in the group: kept in Unattached notes`]
  }
}

export function syncStatus(db: Db): SyncStatus {
  const b = getBinding(db)
  if (!b) return { state: 'unbound', pending: 0 }
  const pending = countOutbox(db)
  return {
    state: pending > 0 ? 'pending' : 'synced',
    pending,
    ...(b.last_error ? { lastError: b.last_error } : {}),
    ...(b.last_synced_at ? { lastSyncedAt: b.last_synced_at } : {})
  }
}

/** The member as the server last named them, for the window (never the token). */
export function syncMember(db: Db): { name: string; role: string; server: string; group: string } | undefined {
  const b = getBinding(db)
  return b ? { name: b.member_name, role: b.member_role, server: b.server, group: b.group_id } : undefined
}

/** Leaves the group (see unbindLibrary): syncing stops, the library keeps everything it holds. */
export function disconnect(db: Db): void {
  unbindLibrary(db)
}
