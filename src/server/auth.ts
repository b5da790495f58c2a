// Bearer tokens: a prefix and 32 random bytes, shown once; the server keeps only their sha256.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Pool } from 'pg'
import { memberByTokenHash } from './db/members'
import { HttpError } from './errors'
import type { Member } from './sync'

// The prefix keeps a token from starting with '-' (1 in 64 would, and a command line then reads it as an
// option) and makes a pasted token recognisable to people and secret scanners.
export const TOKEN_PREFIX = 'mgl_'
export const newToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url')
export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest()

/** Checks the token on every request (no cache), so a revocation refuses the very next request. */
export async function authenticate(pool: Pool, header: string | undefined, groupId: string): Promise<Member> {
  const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '')?.[1]
  if (!token) throw new HttpError(401, 'unauthorized', 'send the member token as "Authorization: Bearer TOKEN"')
  const hash = hashToken(token)
  const row = await memberByTokenHash(pool, hash)
  // The lookup is by hash, so timing reveals nothing about the token; the compare is belt and braces.
  if (!row || !timingSafeEqual(row.token_hash, hash)) throw new HttpError(401, 'unauthorized', 'this token is not known to the server')
  if (row.revoked_at) throw new HttpError(401, 'revoked', 'this token was revoked: ask the group admin for a new one')
  // Another group's id looks exactly like one that does not exist.
  if (row.group_id !== groupId) throw new HttpError(404, 'not_found', 'no such group')
  return { id: String(row.id), groupId: row.group_id, name: row.name, role: row.role }
}
