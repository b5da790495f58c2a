// The desktop app's TokenVault: Electron's safeStorage seals the member token with the OS keychain
// (DPAPI on Windows, Keychain on macOS, kwallet or libsecret on Linux), so a copied library file cannot
// push as its editor. The asynchronous API is used: the synchronous one is deprecated in Electron 45 and
// removed in 46, and reads what it sealed. On Linux without a secret store safeStorage falls back to
// 'basic_text', a password hard-coded in Chromium: that is no protection, so it counts as unavailable and
// the token is kept plain (README, team archive). Nothing here logs or returns the token anywhere else.
import { safeStorage } from 'electron'
import { plainTokenVault, signInAgain, type StoredToken, type TokenVault } from '../services/sync/vault'

export type SafeStorageApi = Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>

/** `storage` defaults to Electron's, read only when a token is sealed or opened (after app ready). */
export function keychainTokenVault(storage?: SafeStorageApi, platform: NodeJS.Platform = process.platform): TokenVault {
  const api = (): SafeStorageApi => storage ?? safeStorage
  const protection = async (): Promise<StoredToken['by']> => {
    const s = api()
    if (platform === 'linux' && ['basic_text', 'unknown'].includes(s.getSelectedStorageBackend())) return 'plain'
    return (await s.isAsyncEncryptionAvailable()) ? 'os' : 'plain'
  }
  return {
    protection,
    async seal(token) {
      if ((await protection()) === 'plain') return plainTokenVault.seal(token)
      return { by: 'os', value: (await api().encryptStringAsync(token)).toString('base64') }
    },
    async open(stored) {
      if (stored.by === 'plain') return stored.value
      try {
        return (await api().decryptStringAsync(Buffer.from(stored.value, 'base64'))).result
      } catch {
        // Another machine's (or user's) key, or no keychain now: the error names neither token nor key.
        throw signInAgain()
      }
    }
  }
}
