// What every CLI command shares: its I/O and the error that means "usage error, exit 2".
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  stdin(): Promise<string>
}

export class UsageError extends Error {}
