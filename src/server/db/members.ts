// Groups and members: every statement about who may do what. Tokens are stored only as sha256 hashes.
import type { Pool } from 'pg'
import type { Role } from '../../shared/sync-protocol'

export interface MemberRow {
  id: string
  group_id: string
  name: string
  role: Role
  token_hash: Buffer
  created_at: Date
  revoked_at: Date | null
}

export async function insertGroup(pool: Pool, name: string): Promise<string> {
  const r = await pool.query<{ id: string }>('INSERT INTO groups (name) VALUES ($1) RETURNING id', [name])
  return r.rows[0]!.id
}

export async function groupExists(pool: Pool, groupId: string): Promise<boolean> {
  const r = await pool.query('SELECT 1 FROM groups WHERE id = $1', [groupId])
  return r.rowCount === 1
}

export async function groupVersion(pool: Pool, groupId: string): Promise<number> {
  const r = await pool.query<{ version: string }>('SELECT version FROM groups WHERE id = $1', [groupId])
  return Number(r.rows[0]?.version ?? 0)
}

export async function insertMember(pool: Pool, groupId: string, name: string, role: Role, tokenHash: Buffer): Promise<string> {
  const r = await pool.query<{ id: string }>('INSERT INTO members (group_id, name, role, token_hash) VALUES ($1, $2, $3, $4) RETURNING id', [
    groupId,
    name,
    role,
    tokenHash
  ])
  return r.rows[0]!.id
}

export async function memberByTokenHash(pool: Pool, tokenHash: Buffer): Promise<MemberRow | undefined> {
  const r = await pool.query<MemberRow>('SELECT * FROM members WHERE token_hash = $1', [tokenHash])
  return r.rows[0]
}

export async function listMembers(pool: Pool, groupId: string): Promise<MemberRow[]> {
  return (await pool.query<MemberRow>('SELECT * FROM members WHERE group_id = $1 ORDER BY id', [groupId])).rows
}

/** Revokes by name or by numeric member id; returns the ids revoked now. */
export async function revokeMember(pool: Pool, groupId: string, nameOrId: string): Promise<string[]> {
  const byId = /^\d+$/.test(nameOrId)
  const r = await pool.query<{ id: string }>(
    `UPDATE members SET revoked_at = now() WHERE group_id = $1 AND revoked_at IS NULL AND ${byId ? 'id = $2::bigint' : 'name = $2'} RETURNING id`,
    [groupId, nameOrId]
  )
  if (r.rows.length > 0) await pool.query("SELECT pg_notify('marginalia_revoked', $1)", [JSON.stringify({ group: groupId, members: r.rows.map((x) => x.id) })])
  return r.rows.map((x) => x.id)
}
