// The member token at rest. A library file is easy to copy (backups, a shared drive), and its token lets
// anyone push as that editor, so the host that can seal it with the OS keychain does (the Electron shell:
// safeStorage, src/main/shell/token-vault.ts); the CLI (which takes --token on every call) and the preview
// host keep it as it is. The stored value says how it was sealed, so either vault reads back what the
// other wrote, and one sealed on another machine is answered "sign in again", never sent.
import type { StoredToken } from '../../db/repositories/sync.repository'
import { SyncError } from './client'

export type { StoredToken }

export interface TokenVault {
  /** How this vault stores a token: 'os' = sealed by the OS keychain, 'plain' = as it is. */
  protection(): Promise<StoredToken['by']>
  seal(token: string): Promise<StoredToken>
  /** The token again; a SyncError ('signed-out': sign in again) when it cannot be opened here. */
  open(stored: StoredToken): Promise<string>
}

export const SIGN_IN_AGAIN =
  "sign in to the team archive again: this library's member token was sealed by another computer's keychain (or this one's changed) and cannot be read here; your unsent changes are kept"

export function signInAgain(): SyncError {
  return new SyncError('signed-out', SIGN_IN_AGAIN)
}

/** Keeps the token as it is: for the CLI and the preview host, which have no keychain of their own. */
export const plainTokenVault: TokenVault = {
  protection: () => Promise.resolve('plain'),
  seal: (token) => Promise.resolve({ by: 'plain', value: token }),
  open: (stored) => (stored.by === 'plain' ? Promise.resolve(stored.value) : Promise.reject(signInAgain()))
}
