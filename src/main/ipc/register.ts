// Registers every contract channel on ipcMain through one wrapper: check the sender frame, then dispatch()
// (schema validation, handler, Result). The only module allowed to call ipcMain.handle; it also takes the
// preload's drop notices, the one source of paths besides the native dialog.
import { isAbsolute } from 'node:path'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { API_CHANNELS } from '@shared/api'
import { ipcMethodChannel } from '@shared/bridge'
import { DROP_PATHS_CHANNEL } from '@shared/channels'
import { err } from '@shared/result'
import type { AppContext } from '../app/context'
import { isTrustedUrl } from '../security/navigation'
import { dispatch, type ApiHandlers } from './dispatch'

/** A sender is trusted only if it is the live top frame of one of our windows, showing our own origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origins: readonly string[]): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  if ((frame as { detached?: boolean }).detached) return false
  if (frame.parent !== null) return false
  return isTrustedUrl(frame.url, origins)
}

export function registerIpc(ipcMain: IpcMain, handlers: ApiHandlers, ctx: AppContext, origins: readonly string[]): void {
  for (const channel of API_CHANNELS) {
    ipcMain.handle(ipcMethodChannel(channel), async (event, args: unknown) => {
      if (!isTrustedSender(event, origins)) {
        return err('forbidden-sender', `${channel}: call rejected, it did not come from the app's own window`)
      }
      return dispatch(handlers, ctx, channel, args)
    })
  }
  ipcMain.on(DROP_PATHS_CHANNEL, (event, paths: unknown) => {
    if (!isTrustedSender(event, origins)) return
    ctx.droppedPaths = isDropPaths(paths) ? paths : null
  })
}

function isDropPaths(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= 10_000 &&
    value.every((p) => typeof p === 'string' && p.length <= 4096 && !p.includes('\0') && isAbsolute(p))
  )
}
