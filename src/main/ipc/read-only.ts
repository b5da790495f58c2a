// A viewer in the team archive may read the group's library but not change it. The server refuses a
// viewer's push anyway; refusing here, before any handler runs, means no change is made that could never
// go out. The channels that write shared library data (what the outbox triggers of migration 0006 record:
// articles, their tags and metadata, tags, highlights, discussion comments) are listed once, here; dispatch()
// checks them.
// Reading state, view options, settings and proofreading decisions stay this member's own and writable.
import type { ApiChannel } from '@shared/api'
import { AppError } from '@shared/result'
import type { AppContext } from '../app/context'
import { syncMember } from '../services/sync'

export const SHARED_WRITE_CHANNELS: ReadonlySet<ApiChannel> = new Set<ApiChannel>([
  'import:drop',
  'import:files',
  'import:dialog',
  'import:undo',
  'tags:add',
  'tags:remove',
  'tags:rename',
  'tags:merge',
  'tags:delete',
  'tags:undo',
  'annotations:create',
  'annotations:update',
  'annotations:delete',
  'annotations:undo',
  'comments:add',
  'comments:edit',
  'comments:delete'
])

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
