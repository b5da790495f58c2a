// Builds a real AppContext on a temp database for handler, IPC and preview tests.
import { createAppContext, type AppContext, type Platform } from '../../src/main/app/context'
import { createTestDb, type TestDb } from './test-db'

export interface TestContext extends TestDb {
  ctx: AppContext
}

export function testPlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    host: 'preview',
    showImportDialog: () => Promise.resolve(null),
    openExternal: () => Promise.resolve(false),
    systemLanguage: () => 'zh-CN',
    ...overrides
  }
}

export async function createTestContext(platform: Partial<Platform> = {}): Promise<TestContext> {
  const t = await createTestDb()
  return { ...t, ctx: createAppContext(t.db, testPlatform(platform), { version: 'test' }) }
}
