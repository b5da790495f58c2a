// The push channel: one LISTEN connection per server process turns PostgreSQL NOTIFYs (sent at commit
// by the push transaction) into server-sent events on every open stream of that group.
import type { ServerResponse } from 'node:http'
import { Client } from 'pg'

interface Stream {
  memberId: string
  res: ServerResponse
}

export class EventHub {
  private readonly streams = new Map<string, Set<Stream>>()
  private client: Client | undefined
  private closed = false
  private heartbeat: NodeJS.Timeout | undefined

  constructor(private readonly connectionString: string) {}

  async start(): Promise<void> {
    await this.connect()
    // A comment line every 15 s keeps proxies from closing idle streams.
    this.heartbeat = setInterval(() => this.each(() => true, ': keepalive\n\n'), 15_000)
    this.heartbeat.unref()
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString })
    client.on('notification', (n) => this.onNotify(n.channel, n.payload ?? ''))
    client.on('error', () => this.reconnect(client))
    client.on('end', () => this.reconnect(client))
    await client.connect()
    await client.query('LISTEN marginalia_changes')
    await client.query('LISTEN marginalia_revoked')
    this.client = client
  }

  private reconnect(old: Client): void {
    if (this.closed || this.client !== old) return
    this.client = undefined
    const retry = (): void => {
      if (this.closed) return
      this.connect().catch(() => setTimeout(retry, 1000).unref())
    }
    setTimeout(retry, 200).unref()
  }

  private onNotify(channel: string, payload: string): void {
    let msg: { group?: string; version?: number; members?: string[]; member?: string }
    try {
      msg = JSON.parse(payload) as typeof msg
    } catch {
      return
    }
    const group = this.streams.get(msg.group ?? '')
    if (!group) return
    if (channel === 'marginalia_changes') {
      // A version that is one member's private state only: nobody else learns even that it happened.
      for (const s of group) if (msg.member === undefined || msg.member === s.memberId) s.res.write(`event: version\ndata: ${JSON.stringify({ version: msg.version })}\n\n`)
    } else if (channel === 'marginalia_revoked') {
      for (const s of [...group]) if (msg.members?.includes(s.memberId)) s.res.end()
    }
  }

  private each(pick: (s: Stream) => boolean, text: string): void {
    for (const group of this.streams.values()) for (const s of group) if (pick(s)) s.res.write(text)
  }

  subscribe(groupId: string, memberId: string, res: ServerResponse, version: number): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    res.write(`retry: 2000\nevent: version\ndata: ${JSON.stringify({ version })}\n\n`)
    const stream = { memberId, res }
    let set = this.streams.get(groupId)
    if (!set) this.streams.set(groupId, (set = new Set()))
    set.add(stream)
    res.on('close', () => {
      set.delete(stream)
      if (set.size === 0) this.streams.delete(groupId)
    })
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.heartbeat)
    for (const group of this.streams.values()) for (const s of group) s.res.end()
    this.streams.clear()
    await this.client?.end().catch(() => undefined)
  }
}
