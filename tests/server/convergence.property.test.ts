// fast-check: 3 to 5 simulated clients (two of them the same editor on two machines) do random imports,
// notes, edits, deletions, tag changes and comments, with cut connections (the push reached the server
// but the answer was lost) and duplicate sends; then sync until quiet. Every client must hold the
// server's library, and no acknowledged note text may be lost.
import { createHash, randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { newGroup, startDesk, type Desk, type Member } from './pg-harness'

let desk: Desk
beforeAll(async () => {
  desk = await startDesk()
})
afterAll(async () => desk?.stop())

const BODIES = ['今天的新闻。', '明日社论。', '港澳专题报道。'].map((b) => ({ b, hash: createHash('sha256').update(b).digest('hex') }))
const id = (): string => randomUUID()

type Op = Record<string, any> & { op: string; opId: string }
type Acked = { version: number; op: Op; author: string }

class SimClient {
  outbox: Op[] = []
  mirror = new Map<string, any>()
  version = 0
  constructor(
    readonly http: Member,
    readonly author: string,
    readonly acked: Acked[]
  ) {}

  articles(): string[] {
    return [...this.mirror.values()].filter((o) => o.kind === 'article').map((o) => o.key)
  }
  mine(kind: string): any[] {
    return [...this.mirror.values()].filter((o) => o.kind === kind && o.author === this.author)
  }

  async pull(): Promise<void> {
    const r = await this.http.pullAll(this.version)
    for (const o of r.objects) this.mirror.set(`${o.kind}:${o.key}`, o)
    for (const d of r.deletions) this.mirror.delete(`${d.kind}:${d.key}`)
    this.version = r.version
  }

  /** cut: the server gets the push but the client never sees the answer. */
  async sync(cut: boolean, dup: boolean): Promise<void> {
    if (this.outbox.length > 0) {
      const batch = [...this.outbox]
      const first = await this.http.push(batch)
      const r = dup ? await this.http.push(batch) : first
      if (cut) return
      if (r.status === 200) {
        for (const res of r.json.results) {
          const op = batch.find((o) => o.opId === res.opId)!
          if (!this.acked.some((a) => a.op.opId === op.opId)) this.acked.push({ version: res.version, op, author: this.author })
        }
        this.outbox = this.outbox.filter((o) => !batch.includes(o))
      } else if (r.status === 412) {
        await this.pull()
        this.rebase(new Set(r.json.conflicts.map((c: any) => c.opId)))
        return
      } else {
        throw new Error(`push refused ${r.status} ${r.text}`)
      }
    }
    await this.pull()
  }

  /** After a 412: an edit whose note moved on becomes a conflict copy (both texts kept), never dropped. */
  rebase(conflicting: Set<string>): void {
    this.outbox = this.outbox.flatMap((op): Op[] => {
      if (!conflicting.has(op.opId)) return [op]
      if (op.op === 'put_annotation') return [{ op: 'put_annotation', opId: id(), id: id(), data: op.data }]
      if (op.op === 'set_field') return [{ ...op, opId: id(), ifVersion: this.mirror.get(`field:${op.article}/${op.field}`)?.version ?? 0 }]
      return [] // a delete of a note that was edited elsewhere: the edit wins, nothing is lost
    })
  }
}

const action = fc.oneof(
  fc.record({ t: fc.constant('import'), i: fc.nat(2) }),
  fc.record({ t: fc.constant('note'), text: fc.string({ maxLength: 8 }) }),
  fc.record({ t: fc.constant('edit'), i: fc.nat(5), text: fc.string({ maxLength: 8 }) }),
  fc.record({ t: fc.constant('delete'), i: fc.nat(5) }),
  fc.record({ t: fc.constant('tag'), add: fc.boolean(), tag: fc.constantFrom('要闻', '港澳', '财经') }),
  fc.record({ t: fc.constant('field'), value: fc.string({ maxLength: 5 }) }),
  fc.record({ t: fc.constant('comment'), text: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({ t: fc.constant('sync'), cut: fc.boolean(), dup: fc.boolean() })
)

it('3 to 5 clients with cut connections and duplicate sends converge without losing a note', async () => {
  let runs = 0
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 3, max: 5 }), fc.array(fc.tuple(fc.nat(4), action), { minLength: 10, maxLength: 40 }), async (n, actions) => {
      const roles = Array.from({ length: n - 1 }, (_, i) => [`e${i}`, 'editor'] as [string, 'editor'])
      const { m, group } = await newGroup(desk.pg.url, desk.server.url, roles)
      const acked: Acked[] = []
      // Client 0 and client 1 are editor e0 on two machines.
      const clients = Array.from({ length: n }, (_, i) => new SimClient(i <= 1 ? m.e0! : m[`e${i - 1}`]!, i <= 1 ? 'e0' : `e${i - 1}`, acked))
      for (const [ci, a] of actions) {
        const c = clients[ci % n]!
        const article = c.articles()[0]
        if (a.t === 'import') {
          await c.http.putBody(BODIES[a.i]!.hash, BODIES[a.i]!.b)
          c.outbox.push({ op: 'import_article', opId: id(), article: BODIES[a.i]!.hash, title: 't' })
        } else if (a.t === 'sync') await c.sync(a.cut, a.dup)
        else if (!article) continue
        else if (a.t === 'note') c.outbox.push({ op: 'put_annotation', opId: id(), id: id(), data: { article, start: 0, end: 1, quote: '今', note: a.text } })
        else if (a.t === 'edit' || a.t === 'delete') {
          const own = c.mine('annotation')[a.i]
          if (!own) continue
          if (a.t === 'edit') c.outbox.push({ op: 'put_annotation', opId: id(), id: own.key, data: { ...own.data, note: a.text }, ifVersion: own.version })
          else c.outbox.push({ op: 'delete_annotation', opId: id(), id: own.key, ifVersion: own.version })
        } else if (a.t === 'tag') c.outbox.push({ op: a.add ? 'add_tag' : 'remove_tag', opId: id(), article, tag: a.tag })
        else if (a.t === 'field') c.outbox.push({ op: 'set_field', opId: id(), article, field: 'summary', value: a.value, ifVersion: c.mirror.get(`field:${article}/summary`)?.version ?? 0 })
        else if (a.t === 'comment') c.outbox.push({ op: 'put_comment', opId: id(), id: id(), data: { article, text: a.text } })
      }
      // Sync until quiet: every outbox empty, then everyone pulls once more.
      for (let round = 0; round < 20 && clients.some((c) => c.outbox.length > 0); round++) for (const c of clients) await c.sync(false, false)
      for (const c of clients) await c.sync(false, false)
      expect(clients.every((c) => c.outbox.length === 0)).toBe(true)
      const truth = new Map<string, any>()
      const full = await clients[0]!.http.pullAll(0)
      for (const o of full.objects) truth.set(`${o.kind}:${o.key}`, o)
      const snapshot = (mm: Map<string, any>): string => JSON.stringify([...mm.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, o]) => [k, o.version, o.data]))
      for (const c of clients) expect(snapshot(c.mirror)).toBe(snapshot(truth))
      // No acknowledged note text lost: the last acknowledged write to each note decides what is there.
      const last = new Map<string, Acked>()
      for (const a of [...acked].sort((x, y) => x.version - y.version)) if (a.op.op === 'put_annotation' || a.op.op === 'delete_annotation') last.set(a.op.id, a)
      for (const [key, a] of last) {
        const o = truth.get(`annotation:${key}`)
        if (a.op.op === 'delete_annotation') expect(o).toBeUndefined()
        else expect(o?.data.note).toBe(a.op.data.note)
      }
      for (const a of acked) if (a.op.op === 'put_annotation') expect(a.author).toBe(truth.get(`annotation:${a.op.id}`)?.author ?? a.author)
      void group
      runs++
    }),
    {
      numRuns: 60,
      // Kept failure (seed 513767712): three offline edits of one field in one batch 412'd forever
      // until the server checked a batch against the versions from before it.
      examples: [
        [
          3,
          [
            [0, { t: 'import', i: 0 }],
            [0, { t: 'sync', cut: false, dup: false }],
            [0, { t: 'field', value: '' }],
            [0, { t: 'note', text: '' }],
            [0, { t: 'field', value: 'x' }],
            [0, { t: 'field', value: 'y' }]
          ]
        ]
      ]
    }
  )
  console.log(`convergence: ${runs} random histories of 3-5 clients, all converged, no acknowledged note lost`)
}, 240_000)
