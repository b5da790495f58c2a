// An HTTP error a service may throw on purpose; app.ts answers it as {error:{code,message}} + extras.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = 'HttpError'
  }
}
