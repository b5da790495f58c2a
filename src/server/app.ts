// The HTTP surface (Fastify). Every route: authenticate, validate with the shared zod schemas, call
// the sync service, answer JSON; every refusal is {error:{code,message}} with a status that says why.
import { createHash } from 'node:crypto'
import type { Duplex } from 'node:stream'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { Pool } from 'pg'
import { z } from 'zod'
import { activityQuery, contentHash, groupId as groupIdSchema, objectVersion, pullQuery, pushRequest } from '../shared/sync-protocol'
import { authenticate } from './auth'
import { groupVersion } from './db/members'
import * as store from './db/objects'
import { migrate } from './db/migrate'
import { HttpError } from './errors'
import { EventHub } from './events'
import { pull, push, type Member } from './sync'

export const JSON_LIMIT = 2 * 1024 * 1024
export const BODY_LIMIT = 16 * 1024 * 1024

export interface ArchiveServer {
  app: FastifyInstance
  pool: Pool
  url: string
  close: () => Promise<void>
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value)
  if (!r.success) {
    const issue = r.error.issues[0]
    throw new HttpError(400, 'invalid_request', `${what}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`)
  }
  return r.data
}

const errorJson = (code: string, message: string): string => JSON.stringify({ error: { code, message } })

/**
 * Requests Node's HTTP parser refuses (a malformed Content-Length, an unknown method, a bad header)
 * never reach Fastify's routes; answered here in the protocol's error shape rather than Fastify's own.
 */
function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const [status, reason, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'timeout', 'the request was not received in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'too_large', 'the request headers are larger than the limit']
        : [400, 'Bad Request', 'malformed_request', 'the request is not well-formed HTTP (check the method, headers and Content-Length)']
  const body = errorJson(code, message)
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`)
  socket.destroy(err)
}

// PostgreSQL's jsonb refuses NUL and unpaired surrogates (valid in JSON text and in JS strings), which
// would fail the push transaction as a 500; refused up front as the client's error instead.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** The path of the first string PostgreSQL cannot store, if any. */
export function unstorablePath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || '(root)' : undefined
  if (typeof value !== 'object' || value === null) return undefined
  for (const [k, v] of Object.entries(value)) {
    const found = unstorablePath(k, `${path}${path ? '.' : ''}${k}`) ?? unstorablePath(v, `${path}${path ? '.' : ''}${k}`)
    if (found) return found
  }
  return undefined
}

export function buildApp(pool: Pool, hub: EventHub): FastifyInstance {
  const app = Fastify({
    bodyLimit: JSON_LIMIT,
    logger: false,
    return503OnClosing: true,
    clientErrorHandler: clientError,
    // Unroutable URLs (bad percent-encoding, an over-long id) answer in the protocol's shape too.
    frameworkErrors: (error, _req, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400
      void (reply as FastifyReply).code(status).type('application/json').send(errorJson('invalid_request', error.message))
    }
  })
  app.removeContentTypeParser(['text/plain'])
  // Bodies are hashed as bytes: no decoding on the way in.
  app.addContentTypeParser(['text/plain', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body))

  app.setErrorHandler((error: unknown, _req, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).send({ error: { code: error.code, message: error.message }, ...error.extra })
    const e = error as { statusCode?: number; code?: string; message?: string }
    if (e.statusCode === 413) return reply.code(413).send({ error: { code: 'too_large', message: `request body is larger than the limit (${JSON_LIMIT} bytes for JSON, ${BODY_LIMIT} for a body)` } })
    if (e.statusCode === 415) return reply.code(415).send({ error: { code: 'unsupported_media_type', message: 'send JSON, or text/plain / application/octet-stream for bodies' } })
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send({ error: { code: 'invalid_request', message: e.message ?? 'bad request' } })
    console.error(error)
    return reply.code(500).send({ error: { code: 'internal', message: 'the server failed; the change was not applied' } })
  })
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: { code: 'not_found', message: 'no such route' } }))

  const member = async (req: FastifyRequest): Promise<Member> => {
    const g = groupIdSchema.safeParse((req.params as { id?: unknown }).id)
    if (!g.success) throw new HttpError(404, 'not_found', 'no such group')
    return authenticate(pool, req.headers.authorization, g.data)
  }

  app.get('/', async () => ({ name: 'marginalia-archive', protocol: 1 }))

  app.get('/groups/:id', async (req) => {
    const m = await member(req)
    return { id: m.groupId, version: await groupVersion(pool, m.groupId), member: { name: m.name, role: m.role } }
  })

  app.get('/groups/:id/changes', async (req) => {
    const m = await member(req)
    const q = parse(pullQuery, req.query, 'query')
    return pull(pool, m, q.since, q.limit, q.cursor)
  })

  app.post('/groups/:id/changes', async (req) => {
    const m = await member(req)
    const raw = req.headers['if-unmodified-since-version']
    const since = raw === undefined ? undefined : parse(z.coerce.number().pipe(objectVersion), raw, 'If-Unmodified-Since-Version')
    const body = parse(pushRequest, req.body, 'body')
    const bad = unstorablePath(body)
    if (bad) throw new HttpError(400, 'invalid_request', `body: ${bad}: text cannot contain NUL characters or unpaired surrogates`)
    return push(pool, m, body.operations, since)
  })

  const hashParam = (req: FastifyRequest): string => parse(contentHash, (req.params as { hash?: unknown }).hash, 'hash')

  app.head('/groups/:id/bodies/:hash', async (req, reply: FastifyReply) => {
    const m = await member(req)
    return reply.code((await store.bodyExists(pool, m.groupId, hashParam(req))) ? 200 : 404).send()
  })

  app.get('/groups/:id/bodies/:hash', async (req, reply) => {
    const m = await member(req)
    const body = await store.getBody(pool, m.groupId, hashParam(req))
    if (!body) throw new HttpError(404, 'not_found', 'no body with this hash in the group')
    return reply.type('text/plain; charset=utf-8').send(body)
  })

  app.put('/groups/:id/bodies/:hash', async (req, reply) => {
    const m = await member(req)
    if (m.role === 'viewer') throw new HttpError(403, 'forbidden', 'viewers may read the group but not change it')
    const hash = hashParam(req)
    if (!Buffer.isBuffer(req.body)) throw new HttpError(400, 'invalid_request', 'send the body as text/plain or application/octet-stream')
    const actual = createHash('sha256').update(req.body).digest('hex')
    if (actual !== hash) throw new HttpError(400, 'hash_mismatch', `the body's sha256 is ${actual}, not ${hash}`)
    const created = await store.insertBody(pool, m.groupId, hash, req.body, m.id)
    return reply.code(created ? 201 : 200).send({ hash, size: req.body.length })
  })

  app.get('/groups/:id/activity', async (req) => {
    const m = await member(req)
    const q = parse(activityQuery, req.query, 'query')
    const rows = await store.activity(pool, m.groupId, q.days)
    return { days: q.days, activity: rows.map((r) => ({ day: r.day, member: r.member, imported: Number(r.imported), annotated: Number(r.annotated), commented: Number(r.commented) })) }
  })

  app.get('/groups/:id/events', async (req, reply) => {
    const m = await member(req)
    const version = await groupVersion(pool, m.groupId)
    // A HEAD answer has no body, so Node would never flush a stream's headers and the socket would hang.
    if (req.method === 'HEAD') return reply.code(200).type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').send()
    reply.hijack()
    hub.subscribe(m.groupId, m.id, reply.raw, version)
  })

  return app
}

export async function startServer(opts: { pg: string; host?: string; port?: number }): Promise<ArchiveServer> {
  const pool = new Pool({ connectionString: opts.pg, max: 20 })
  pool.on('error', () => undefined) // an idle client's error is answered by the next query's own error
  // A checked-out client has no pool listener: without this, PostgreSQL dying mid-push emits an unhandled
  // 'error' and kills the server. The query in flight rejects with the same error and is answered 500.
  pool.on('connect', (client) => client.on('error', () => undefined))
  await migrate(pool)
  const hub = new EventHub(opts.pg)
  await hub.start()
  const app = buildApp(pool, hub)
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : opts.port
  const host = (opts.host ?? '127.0.0.1').includes(':') ? `[${opts.host}]` : (opts.host ?? '127.0.0.1')
  return {
    app,
    pool,
    url: `http://${host}:${port}/`,
    close: async () => {
      await hub.close()
      await app.close()
      await pool.end()
    }
  }
}
