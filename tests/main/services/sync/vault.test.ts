// The member token at rest (issue 15): sealed by the desktop app's vault (Electron safeStorage, mocked
// here as one "keychain" per machine), tagged with how it was sealed, never readable in the library file;
// a copy of the file on another machine cannot open it, sends nothing and says "sign in again".
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** A fake OS keychain: AES-GCM with this machine's key; another machine's key fails to decrypt, as DPAPI does. */
function fakeKeychain(backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret', available = true) {
  const key = randomBytes(32)
  return {
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    encryptStringAsync: (plain: string) => {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Promise.resolve(Buffer.concat([iv, c.getAuthTag(), body]))
    },
    decryptStringAsync: (sealed: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      d.setAuthTag(sealed.subarray(12, 28))
      return Promise.resolve({ shouldReEncrypt: false, result: Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8') })
    }
  }
}
const machine = vi.hoisted(() => ({ keychain: null as unknown }))
vi.mock('electron', () => ({ safeStorage: new Proxy({}, { get: (_t, name) => (machine.keychain as Record<string | symbol, unknown>)[name] }) }))

import { keychainTokenVault } from '../../../../src/main/shell/token-vault'
import { bindLibrary, getToken } from '../../../../src/main/db/repositories/sync.repository'
import { openDatabase, closeDatabase } from '../../../../src/main/db/connection'
import { plainTokenVault, syncStatus } from '../../../../src/main/services/sync'
import { SIGN_IN_AGAIN, type TokenVault } from '../../../../src/main/services/sync/vault'
import { SyncScheduler } from '../../../../src/main/services/sync/scheduler'
import { groupActivity } from '../../../../src/main/services/sync/activity'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

const TOKEN = 'mT0k3n_for_li_0123456789abcdef'
const GROUP = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'

/** A stand-in archive server that only counts requests and the bearer tokens they carry (answers 401). */
async function countingServer(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const seen: IncomingHttpHeaders[] = []
  const server: Server = createServer((req, res) => {
    seen.push(req.headers)
    res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'unauthorized', message: 'unknown token' } }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address() as { port: number }
  return { url: `http://127.0.0.1:${address.port}/`, seen, close: () => new Promise((r) => server.close(() => r())) }
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function joinedLibrary(vault: TokenVault, server: string): Promise<TestDb> {
  const t = await createTestDb()
  cleanups.push(() => t.cleanup())
  const file = join(t.dir, '防汛会议.txt')
  writeFileSync(file, `防汛会议\n\n${'华龙区今日召开会议，部署下一阶段的防汛工作。'.repeat(6)}`)
  bindLibrary(t.db, { server, group: GROUP, memberName: 'li', role: 'editor' }, await vault.seal(TOKEN))
  await importPaths(t.db, [file], { worker: false })
  return t
}

describe('the desktop vault (safeStorage mocked)', () => {
  it('seals with the OS keychain: the library file never holds the token, and the vault opens it again', async () => {
    machine.keychain = fakeKeychain()
    const vault = keychainTokenVault()
    const t = await joinedLibrary(vault, 'http://127.0.0.1:9/')
    const stored = getToken(t.db)!
    t.db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const file = readFileSync(t.db.file)
    console.log(`stored as ${stored.by}, ${stored.value.length} base64 characters; token bytes found in the ${file.length}-byte file: ${file.includes(TOKEN) ? 'yes' : 'no'}`)
    expect(stored.by).toBe('os')
    expect(file.includes(TOKEN)).toBe(false)
    expect(await vault.open(stored)).toBe(TOKEN)
    // A plain token (the CLI's, or stored before tokens were tagged) still opens in the desktop app.
    expect(await vault.open({ by: 'plain', value: TOKEN })).toBe(TOKEN)
    t.db.sqlite.prepare("UPDATE settings SET value_json = ? WHERE key = 'sync.token'").run(JSON.stringify(TOKEN))
    expect(getToken(t.db)).toEqual({ by: 'plain', value: TOKEN })
  })

  it("keeps the token plain where there is no real keychain: Linux 'basic_text', or encryption unavailable", async () => {
    const cases = [
      ['linux', fakeKeychain('basic_text')],
      ['linux', fakeKeychain('gnome_libsecret', false)],
      ['win32', fakeKeychain('basic_text')] // getSelectedStorageBackend is Linux-only: DPAPI is real protection
    ] as const
    const got = []
    for (const [platform, keychain] of cases) got.push((await keychainTokenVault(keychain, platform).seal(TOKEN)).by)
    console.log(`linux basic_text → ${got[0]}, linux unavailable → ${got[1]}, win32 → ${got[2]}`)
    expect(got).toEqual(['plain', 'plain', 'os'])
  })
})

describe('a library file copied to another machine', () => {
  it('cannot push with its sealed token: no request leaves, the status says sign in again, the outbox is kept', async () => {
    const server = await countingServer()
    cleanups.push(server.close)
    machine.keychain = fakeKeychain()
    const t = await joinedLibrary(keychainTokenVault(), server.url)
    const pending = syncStatus(t.db).pending
    t.db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const copy = join(t.dir, 'copied.sqlite')
    copyFileSync(t.db.file, copy)

    // This machine: the round reaches the server with the token.
    const here = new SyncScheduler(t.db, { vault: keychainTokenVault() })
    await here.now()
    expect(server.seen.map((h) => h.authorization)).toEqual([`Bearer ${TOKEN}`])

    // Another machine (another keychain) opens the copy.
    machine.keychain = fakeKeychain()
    const db = openDatabase(copy)
    cleanups.push(() => closeDatabase(db))
    const there = new SyncScheduler(db, { vault: keychainTokenVault() })
    await there.now()
    await expect(groupActivity(db, 7, { vault: keychainTokenVault() })).rejects.toThrow(SIGN_IN_AGAIN)
    const status = syncStatus(db)
    console.log(`requests from the copy: ${server.seen.length - 1}; outbox ${status.pending} of ${pending} kept; status: ${status.lastError}`)
    expect(server.seen).toHaveLength(1)
    expect(there.lastErrorKind).toBe('signed-out')
    expect(status).toMatchObject({ state: 'pending', pending, lastError: SIGN_IN_AGAIN })
    // The plain vault (CLI, preview host) cannot open it either, and says the same.
    await expect(plainTokenVault.open(getToken(db)!)).rejects.toThrow(SIGN_IN_AGAIN)
  })
})
