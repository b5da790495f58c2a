// A viewer in the team archive may read the group's library but not change it. The server refuses a
// viewer's push anyway; refusing here, before any handler runs, means no change is made that could never
// go out. Which channels write shared library data is declared once, in the contract (`shared: true`,
// src/shared/api.ts); dispatch() checks them. Reading state, view options, settings and proofreading
// decisions stay this member's own and writable.
import { SHARED_WRITE_CHANNELS, type ApiChannel } from '@shared/api'
import { AppError } from '@shared/result'
import type { AppContext } from '../app/context'
import { syncMember } from '../services/sync'

export { SHARED_WRITE_CHANNELS }

export const READ_ONLY_MESSAGE = 'this library is read-only: you are a viewer in the team archive'

/** Crosses as code 'unsupported' with details.kind 'read-only', which the window words in its language. */
export class ReadOnlyLibraryError extends AppError {
  constructor(readonly channel: ApiChannel) {
    super('unsupported', READ_ONLY_MESSAGE, { kind: 'read-only', channel })
    this.name = 'ReadOnlyLibraryError'
  }
}

/** Throws ReadOnlyLibraryError when `channel` writes shared data and this library's member is a viewer. */
export function assertWritable(channel: ApiChannel, ctx: AppContext): void {
  if (SHARED_WRITE_CHANNELS.has(channel) && syncMember(ctx.db)?.role === 'viewer') throw new ReadOnlyLibraryError(channel)
}
