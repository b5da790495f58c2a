// `npm run server -- admin --pg URL COMMAND`: groups and members from the command line.
import { Pool } from 'pg'
import { ROLES, groupId as groupIdSchema, type Role } from '../shared/sync-protocol'
import { hashToken, newToken } from './auth'
import { groupExists, insertGroup, insertMember, listMembers, revokeMember } from './db/members'
import { migrate } from './db/migrate'

export const ADMIN_USAGE = `usage: admin --pg URL create-group NAME
       admin --pg URL add-member GROUP NAME --role admin|editor|viewer
       admin --pg URL revoke GROUP NAME|MEMBER_ID
       admin --pg URL list-members GROUP [--json]`

export class UsageError extends Error {}

type Out = (line: string) => void

/** Runs one admin command; throws UsageError for exit code 2, any other error for 1. */
export async function runAdmin(pgUrl: string, args: string[], out: Out): Promise<void> {
  const [command, ...rest] = args
  const flags = new Map<string, string | true>()
  const positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!
    if (a === '--json') flags.set('json', true)
    else if (a === '--role') flags.set('role', rest[++i] ?? '')
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`)
    else positional.push(a)
  }
  const need = (n: number): void => {
    if (positional.length !== n) throw new UsageError(`${command} takes ${n} argument(s)`)
  }
  const group = (): string => {
    const g = groupIdSchema.safeParse(positional[0])
    if (!g.success) throw new UsageError(`${positional[0]} is not a group id (a UUID printed by create-group)`)
    return g.data
  }
  const pool = new Pool({ connectionString: pgUrl, max: 2 })
  try {
    await migrate(pool)
    const existing = async (): Promise<string> => {
      const g = group()
      if (!(await groupExists(pool, g))) throw new Error(`no group ${g}`)
      return g
    }
    switch (command) {
      case 'create-group': {
        need(1)
        out(await insertGroup(pool, positional[0]!))
        return
      }
      case 'add-member': {
        need(2)
        const role = flags.get('role')
        if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new UsageError('--role must be admin, editor or viewer')
        const g = await existing()
        const token = newToken()
        await insertMember(pool, g, positional[1]!, role as Role, hashToken(token))
        // Shown once: only the hash is kept.
        out(token)
        return
      }
      case 'revoke': {
        need(2)
        const revoked = await revokeMember(pool, await existing(), positional[1]!)
        if (revoked.length === 0) throw new Error(`no active member ${positional[1]} in this group`)
        out(`revoked ${revoked.join(', ')}`)
        return
      }
      case 'list-members': {
        need(1)
        const rows = await listMembers(pool, await existing())
        const list = rows.map((r) => ({ id: Number(r.id), name: r.name, role: r.role, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null }))
        if (flags.get('json')) out(JSON.stringify(list))
        else for (const m of list) out(`${m.id}\t${m.name}\t${m.role}${m.revokedAt ? `\trevoked ${m.revokedAt}` : ''}`)
        return
      }
      default:
        throw new UsageError(command ? `unknown admin command ${command}` : 'no admin command')
    }
  } finally {
    await pool.end()
  }
}
