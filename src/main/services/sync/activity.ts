// The group's activity for the window: who imported, annotated and commented, per day, read live from
// the archive server with the library's stored credentials. Nothing is cached: offline, the caller gets
// the SyncError ('unreachable') and says so; the library is never touched.
import type { Db } from '../../db/connection'
import { ArchiveClient, SyncError, type ActivityResponse, type ClientOptions } from './client'
import { storedTarget } from './index'
import { plainTokenVault, type TokenVault } from './vault'

/** An activity view should answer quickly or say the server is out of reach. */
const ACTIVITY_TIMEOUT_MS = 10_000

export async function groupActivity(
  db: Db,
  days: number,
  options: Pick<ClientOptions, 'timeoutMs' | 'fetch'> & { vault?: TokenVault } = {}
): Promise<ActivityResponse> {
  const { vault = plainTokenVault, ...clientOptions } = options
  const target = await storedTarget(db, vault)
  if (!target) throw new SyncError('refused', 'this library is not joined to a team archive')
  const client = new ArchiveClient({ ...target, timeoutMs: ACTIVITY_TIMEOUT_MS, ...clientOptions })
  return client.activity(days)
}
