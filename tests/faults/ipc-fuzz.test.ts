// IPC fuzz: 2,000 calls with random and malformed arguments against every contract channel through
// dispatch() (the single entry of Electron IPC and the preview host) with a real context. Expected: no
// throw, no 'internal' error, every call the schema rejects answered 'invalid-argument', every other
// failure a typed code, and the library still passes integrity_check afterwards.
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { API_CHANNELS, apiContract, isApiChannel } from '../../src/shared/api'
import { dispatch, type ApiHandlers } from '../../src/main/ipc/dispatch'
import { createHandlers } from '../../src/main/ipc/handlers'
import { importPaths } from '../../src/main/services/import-pipeline/pipeline'
import { createTestContext, type TestContext } from '../helpers/context'
import { SAMPLES } from '../helpers/test-db'
import { figures, scalar, SEED, seconds } from './helpers'

const CALLS = 2000
const TYPED = new Set(['invalid-argument', 'unknown-channel', 'not-found', 'conflict', 'cancelled', 'unsupported', 'io'])

/** Values that are often almost right: small ids, enum-ish words, dates, tag names, hostile strings. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, 1, 2, 3, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('clean', 'original', 'yellow', 'md', 'json', 'html', 'txt', 'csv', 'library', 'tag', 'article', 'articles', 'count', 'name', 'desc', 'asc', 'unread', 'read', 'cn', 'tw', 'dark', 'en', '2024-01-01', 'not a date', '新闻', '新闻/国内', '', ' ', '\u0000', '../../etc/passwd', 'javascript:alert(1)', 'https://example.com/', '<img src=x onerror=alert(1)>', 'a'.repeat(600)),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 4 }),
  fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
  fc.array(fc.constantFrom('新闻', '科技', 'a/b', 'x'), { minLength: 1, maxLength: 3 }),
  fc.object({ maxDepth: 2 })
)

function keysOf(channel: string): string[] {
  const schema = (apiContract as Record<string, { args: z.ZodType }>)[channel]?.args as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } }
  return Object.keys(schema?.shape ?? schema?.def?.in?.shape ?? {})
}

const channelArb = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...API_CHANNELS) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'articles:list ', 'ARTICLES:LIST', 'app:quit', 'db:exec')) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) }
)

const callArb = channelArb.chain((channel) => {
  const keys = typeof channel === 'string' ? keysOf(channel) : []
  const shaped =
    keys.length > 0
      ? fc.dictionary(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), value, { maxKeys: keys.length + 1 })
      : fc.constant({})
  const args = fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], '', 0, 'x', { __proto__: { id: 1 } }, Object.create(null) as object) }
  )
  return args.map((a) => ({ channel, args: a }))
})

describe('IPC fuzz through dispatch()', () => {
  let t: TestContext
  afterAll(() => t?.cleanup())

  it(`answers ${CALLS} random and malformed calls with typed results, never a crash`, async () => {
    const t0 = performance.now()
    t = await createTestContext()
    await importPaths(t.ctx.db, [SAMPLES], { worker: false })
    // No channel takes a path any more (import:paths is gone; drops come from the preload's trusted
    // drop notices), so the real handlers are fuzzed as they are.
    const handlers: ApiHandlers = createHandlers()
    const calls = fc.sample(callArb, { numRuns: CALLS, seed: SEED })
    const logged: string[] = []
    const stats = { ok: 0, rejectedBySchema: 0, typed: 0, internal: 0, threw: 0, wrongCode: 0, channels: new Set<string>() }
    const problems: string[] = []
    for (const { channel, args } of calls) {
      if (typeof channel === 'string' && isApiChannel(channel)) stats.channels.add(channel)
      let result
      try {
        result = await dispatch(handlers, t.ctx, channel, args, (ch, e) => logged.push(`${ch}: ${(e as Error)?.message}`))
      } catch (error) {
        stats.threw++
        problems.push(`threw on ${String(channel)}: ${(error as Error).message}`)
        continue
      }
      const schemaOk = isApiChannel(channel) && (apiContract[channel].args as z.ZodType).safeParse(args === undefined ? {} : args).success
      if (result.ok) {
        stats.ok++
        if (!schemaOk) problems.push(`accepted a call its schema rejects: ${String(channel)} ${JSON.stringify(args)?.slice(0, 200)}`)
        continue
      }
      const code = result.error.code
      if (code === 'internal') {
        stats.internal++
        problems.push(`internal: ${String(channel)} ${JSON.stringify(args)?.slice(0, 200)} → ${result.error.message.slice(0, 200)}`)
      } else if (!TYPED.has(code)) {
        stats.wrongCode++
        problems.push(`untyped code ${code}`)
      } else if (!schemaOk) {
        if (code !== 'invalid-argument' && code !== 'unknown-channel') {
          stats.wrongCode++
          problems.push(`schema-invalid call answered ${code}`)
        } else stats.rejectedBySchema++
      } else stats.typed++
      if (typeof result.error.message !== 'string' || result.error.message.length === 0) problems.push('empty error message')
    }
    // Imports the fuzz started run in the background: let them finish before checking the library.
    for (let i = 0; i < 600 && t.ctx.runningImports.size > 0; i++) await new Promise((r) => setTimeout(r, 100))
    const integrity = t.db.sqlite.pragma('integrity_check', { simple: true })
    const fk = (t.db.sqlite.pragma('foreign_key_check') as unknown[]).length
    const articles = scalar(t.db.sqlite, 'SELECT count(*) FROM articles')
    figures(
      `ipc-fuzz: ${CALLS} calls over ${stats.channels.size}/${API_CHANNELS.length} channels: ${stats.ok} ok, ${stats.rejectedBySchema} rejected as invalid-argument/unknown-channel, ` +
        `${stats.typed} typed errors (not-found etc.), ${stats.internal} internal, ${stats.threw} throws, ${stats.wrongCode} wrong codes; ` +
        `integrity ${String(integrity)}, ${fk} FK violations, ${articles} articles; ${seconds(performance.now() - t0)}`
    )
    expect(problems.slice(0, 20)).toEqual([])
    expect(logged).toEqual([])
    expect(stats.channels.size).toBe(API_CHANNELS.length)
    expect(integrity).toBe('ok')
    expect(fk).toBe(0)
    expect(t.ctx.runningImports.size).toBe(0)
  }, 240_000)
})
