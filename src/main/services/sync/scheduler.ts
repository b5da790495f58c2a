// Background sync while the library is joined to a group (main process): one round at a time, never on
// a handler's path. The triggers put every local change in the outbox, whatever wrote it, so watching the
// outbox count is how "after local changes" is noticed: a round starts once the count has stood still for
// one poll (debounce) or has waited `maxWaitMs`. Colleagues' changes come by the server's push channel
// (server-sent `version` events, fed by PostgreSQL NOTIFY): a version newer than the library's asks for a
// round at the next poll; every `intervalMs` a round runs anyway, in case the channel is down.
import type { Db } from '../../db/connection'
import { countOutbox, getBinding, type BindingRow } from '../../db/repositories/sync.repository'
import { SyncError, type SyncErrorKind } from './client'
import { recordFailedRound, storedTarget, syncOnce, type SyncReport, type SyncTarget } from './index'
import { plainTokenVault, type TokenVault } from './vault'

/** How long a closed push channel waits before it is opened again. */
const RECONNECT_MS = 5000

/** The version of one server-sent `version` event, else null (keep-alive comments, other events). */
function versionOf(event: string): number | null {
  if (!/^event: version$/m.test(event)) return null
  const data = /^data: (.*)$/m.exec(event)?.[1]
  try {
    const v = data ? (JSON.parse(data) as { version?: unknown }).version : undefined
    return typeof v === 'number' ? v : null
  } catch {
    return null
  }
}

export interface SchedulerOptions {
  /** How often a round runs with nothing to push (pulls colleagues' changes). */
  intervalMs?: number
  /** How often the outbox is looked at. */
  pollMs?: number
  /** A change is pushed at the latest this long after it was first seen, even while more keep coming. */
  maxWaitMs?: number
  /** After each round, with what it did (the app refreshes the window when something was pulled). */
  onRound?: (outcome: { report?: SyncReport; error?: SyncError }) => void
  /** How the member token is kept at rest (plain unless the host gives its own: see useVault). */
  vault?: TokenVault
}

export class SyncScheduler {
  private timer: ReturnType<typeof setInterval> | null = null
  private stopped = false
  /** The open push channel, if any, and when it was last opened (reconnects wait `RECONNECT_MS`). */
  private stream: AbortController | null = null
  private streamAt = 0
  /** The push channel announced a version this library has not pulled. */
  private wanted = false
  private running: Promise<void> | null = null
  private lastRoundAt = 0
  private lastFailedAt = 0
  private seenPending = 0
  private pendingSince = 0
  /** The kind of the last failure (null after a good round), so the window can say it in its language. */
  lastErrorKind: SyncErrorKind | null = null
  private tokenVault: TokenVault

  constructor(
    private readonly db: Db,
    private readonly o: SchedulerOptions = {}
  ) {
    this.tokenVault = o.vault ?? plainTokenVault
  }

  /** The vault every round (and the activity view) keeps and reads the token with. */
  get vault(): TokenVault {
    return this.tokenVault
  }

  /** The host's vault (the Electron shell's seals with the OS keychain); call before the first round. */
  useVault(vault: TokenVault): void {
    this.tokenVault = vault
  }

  get syncing(): boolean {
    return this.running !== null
  }

  start(): void {
    if (this.timer) return
    this.stopped = false
    this.timer = setInterval(() => this.tick(), this.o.pollMs ?? 1000)
    // Never the reason a process stays alive (CLI, tests, the preview host's shutdown).
    this.timer.unref?.()
  }

  /** Before the library closes: no new round starts (one in progress finishes or fails on its own). */
  stop(): void {
    this.stopped = true
    this.stream?.abort()
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Resolves when no round is running (disconnect waits for it). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  /** Runs a round now (after the one in progress, if any) and resolves when it is done; never throws. */
  async now(): Promise<void> {
    await this.idle()
    await this.round()
  }

  /** Joins with these credentials (or renews them) as the one round in progress; throws its SyncError. */
  async connect(target: SyncTarget): Promise<void> {
    await this.idle()
    let failure: SyncError | undefined
    await this.round(target, (e) => (failure = e))
    if (failure) throw failure
  }

  private tick(): void {
    try {
      this.step()
    } catch {
      // The library was closed under the scheduler (a host that never called stop): nothing more to do.
      this.stop()
    }
  }

  private step(): void {
    if (this.stopped) return
    const binding = getBinding(this.db)
    if (!binding) {
      this.stream?.abort() // left the group
      return
    }
    const now = Date.now()
    if (!this.stream && now - this.streamAt >= RECONNECT_MS) this.listen(binding)
    if (this.running) return
    const interval = this.o.intervalMs ?? 60_000
    const pending = countOutbox(this.db)
    if (pending !== this.seenPending) {
      if (this.seenPending === 0) this.pendingSince = now
      this.seenPending = pending
      // Still changing: wait for it to settle, unless it has waited long enough.
      if (now - this.pendingSince < (this.o.maxWaitMs ?? 5000)) return
    }
    // A failed round is retried on the interval, not on every poll (an unreachable server is not hammered).
    const mayPush = pending > 0 && now - this.lastFailedAt >= interval
    if (mayPush || this.wanted || now - this.lastRoundAt >= interval) void this.round()
  }

  /** One round: with `target` (connect: its token is stored), else with the library's own credentials. */
  private round(target?: SyncTarget, onError?: (e: SyncError) => void): Promise<void> {
    if (!target && !getBinding(this.db)) return Promise.resolve()
    this.wanted = false
    this.running = (async () => {
      try {
        const t =
          target ??
          (await storedTarget(this.db, this.tokenVault).catch((e: SyncError) => {
            recordFailedRound(this.db, e)
            throw e
          }))
        if (!t) return
        const report = await syncOnce(this.db, t, { vault: this.tokenVault, tokenStored: !target })
        this.lastErrorKind = null
        this.o.onRound?.({ report })
      } catch (error) {
        const e = error instanceof SyncError ? error : new SyncError('refused', (error as Error).message)
        this.lastErrorKind = e.kind
        this.lastFailedAt = Date.now()
        this.o.onRound?.({ error: e })
        onError?.(e)
      } finally {
        this.lastRoundAt = Date.now()
        this.pendingSince = Date.now()
        this.running = null
        try {
          this.seenPending = countOutbox(this.db)
        } catch {
          this.stop() // the library closed during the round
        }
      }
    })()
    return this.running
  }

  /** Opens the push channel; any failure just closes it (the next tick reconnects, the interval still runs). */
  private listen(b: BindingRow): void {
    const controller = new AbortController()
    this.stream = controller
    this.streamAt = Date.now()
    const url = new URL(`groups/${encodeURIComponent(b.group_id)}/events`, b.server)
    void (async () => {
      try {
        // A token that cannot be opened here is the round's to report; the channel just stays shut.
        const token = (await storedTarget(this.db, this.tokenVault).catch(() => null))?.token
        if (!token || controller.signal.aborted) return
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal })
        if (!res.ok || !res.body) return
        const reader = res.body.getReader()
        const decoder = new TextDecoder()
        let buffer = ''
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return
          buffer += decoder.decode(value, { stream: true })
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const version = versionOf(buffer.slice(0, end))
            buffer = buffer.slice(end + 2)
            if (version !== null && !this.stopped && version > (getBinding(this.db)?.last_version ?? Infinity)) this.wanted = true
          }
        }
      } catch {
        // closed, cut or unreachable: the next tick reconnects
      } finally {
        if (this.stream === controller) this.stream = null
      }
    })()
  }
}
