// The single entry for every API call, whatever the transport (Electron IPC or the preview host's HTTP):
// known channel → schema-validated arguments → read-only check (a viewer's library) → handler → Result.
// Errors cross as data, never as throws.
import { z } from 'zod'
import { apiContract, isApiChannel, type ApiChannel, type ApiParsedArgs, type ApiResult } from '@shared/api'
import { AppError, err, ok, type Result } from '@shared/result'
import type { AppContext } from '../app/context'
import { assertWritable } from './read-only'

export type ApiHandlers = {
  [C in ApiChannel]: (args: ApiParsedArgs<C>, ctx: AppContext) => Promise<ApiResult<C>> | ApiResult<C>
}

export interface DispatchLog {
  (channel: string, error: unknown): void
}

/** Validates and runs one call. Never throws. */
export async function dispatch(
  handlers: ApiHandlers,
  ctx: AppContext,
  channel: unknown,
  rawArgs: unknown,
  log: DispatchLog = defaultLog
): Promise<Result<unknown>> {
  if (!isApiChannel(channel)) {
    return err('unknown-channel', `unknown API method ${JSON.stringify(String(channel)).slice(0, 80)}`)
  }
  const schema = apiContract[channel].args as z.ZodType
  const parsed = schema.safeParse(rawArgs === undefined ? {} : rawArgs)
  if (!parsed.success) {
    return err('invalid-argument', `${channel}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }))
    })
  }
  try {
    assertWritable(channel, ctx)
    const handler = handlers[channel] as (args: unknown, ctx: AppContext) => unknown
    const value = await handler(parsed.data, ctx)
    return ok(value === undefined ? null : value)
  } catch (error) {
    if (error instanceof AppError) return err(error.code, error.message, error.details)
    log(channel, error)
    const message = error instanceof Error ? error.message : String(error)
    return err('internal', `${channel} failed: ${message}`)
  }
}

function defaultLog(channel: string, error: unknown): void {
  console.error(`[marginalia] ${channel} failed:`, error)
}
