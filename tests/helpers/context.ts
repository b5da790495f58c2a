// Builds a real AppContext on a temp database for handler, IPC and preview tests.
import type { AppContext, Platform } from '../../src/main/app/context'
import { EventBus } from '../../src/main/app/events'
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
  const ctx: AppContext = {
    db: t.db,
    dbPath: t.file,
    version: 'test',
    platform: testPlatform(platform),
    events: new EventBus(),
    runningImports: new Map()
  }
  return { ...t, ctx }
}
