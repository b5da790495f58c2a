// Result envelope: how every API call answers across IPC and the preview host. Errors cross as data
// (Signal's wrapResult idea) so the renderer never sees a thrown main-process Error.
export type ErrorCode =
  | 'invalid-argument'
  | 'forbidden-sender'
  | 'unknown-channel'
  | 'not-found'
  | 'conflict'
  | 'cancelled'
  | 'unsupported'
  | 'io'
  | 'internal'

export interface ApiError {
  code: ErrorCode
  message: string
  /** Optional structured detail, e.g. the validation issues. */
  details?: unknown
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function err(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } }
}

/** An error a handler may throw on purpose; the IPC wrapper turns it into `{ok:false}` with its code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'AppError'
  }
}
